import { useState } from 'react';
import { Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { usePermissions } from '../../auth/session.ts';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import { useAuditLog } from '../hooks/useAuditLog.ts';
import { ENTITY_TYPES, knownEntityType, knownVerb } from '../labels.ts';
import { AuditDiff } from './AuditDiff.tsx';

type AuditFilters = { entityType?: string; entityId?: string; actorId?: string };

export default function AuditLogPage() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const can = usePermissions();
  const list = useListState<AuditFilters>();
  const entries = useAuditLog(list.params);
  const pagination = usePagination();
  const [entityIdText, setEntityIdText] = useState('');
  const filterByEntity = (type: string, id: string) => {
    setEntityIdText(id);
    list.setFilter('entityType', type);
    list.setFilter('entityId', id);
  };

  const entityLabel = (type: string) => {
    const known = knownEntityType(type);
    return known ? t(`audit.entityTypes.${known}`) : type;
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.columns.at'),
      dataIndex: 'at',
      width: 170,
      render: (value: string | null) => formatDateTime(value, timeZone),
    },
    {
      key: 'actor',
      title: t('audit.columns.actor'),
      render: (_, entry) => (
        <Space size={4}>
          <Typography.Text>
            {entry.actorType === 'system' ? t('audit.system') : (entry.actorName ?? t('audit.deletedActor'))}
          </Typography.Text>
          {entry.actorType === 'api_key' && <Tag>{t('audit.actorTypes.api_key')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      dataIndex: 'action',
      render: (action: string) => {
        const verb = knownVerb(action);
        return (
          <Tooltip title={<code>{action}</code>}>
            {verb ? (
              <Tag color="blue">{t(`audit.verbs.${verb}`)}</Tag>
            ) : (
              <Typography.Text code>{action}</Typography.Text>
            )}
          </Tooltip>
        );
      },
    },
    {
      key: 'entity',
      title: t('audit.columns.entity'),
      render: (_, entry) => (
        <Space size={4}>
          <Typography.Text>{entityLabel(entry.entityType)}</Typography.Text>
          {entry.entityId && (
            <Tooltip title={entry.entityId}>
              <Typography.Link code onClick={() => filterByEntity(entry.entityType, entry.entityId ?? '')}>
                {entry.entityId.slice(0, 8)}
              </Typography.Link>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <Flex gap={12} wrap className="list-toolbar">
        <Select<string>
          allowClear
          aria-label={t('audit.filters.entityType')}
          placeholder={t('audit.filters.allEntityTypes')}
          value={list.filters.entityType}
          onChange={(v?: string) => list.setFilter('entityType', v)}
          options={ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entityTypes.${type}`) }))}
          style={{ width: 180 }}
          data-testid="audit-entity-type"
        />
        <Input.Search
          allowClear
          aria-label={t('audit.filters.entityId')}
          placeholder={t('audit.filters.entityIdPlaceholder')}
          value={entityIdText}
          onChange={(e) => {
            setEntityIdText(e.target.value);
            if (!e.target.value) list.setFilter('entityId', undefined);
          }}
          onSearch={(v) => list.setFilter('entityId', v.trim() || undefined)}
          style={{ width: 300 }}
          data-testid="audit-entity-id"
        />
        {can('users.read') && (
          <UserSelect
            aria-label={t('audit.filters.actor')}
            placeholder={t('audit.filters.allActors')}
            value={list.filters.actorId}
            onChange={(v) => list.setFilter('actorId', v)}
            style={{ width: 240 }}
            data-testid="audit-actor"
          />
        )}
      </Flex>
      <QueryErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={entries.data?.items}
        loading={entries.isFetching}
        pagination={pagination(list.params, entries.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (entry) => <AuditDiff entry={entry} />,
          rowExpandable: (entry) => entry.before != null || entry.after != null,
        }}
        locale={{
          emptyText: tableEmpty(
            entries.isPending,
            list.narrowed ? t('audit.emptyFiltered') : t('audit.empty'),
          ),
        }}
        data-testid="audit-table"
      />
    </>
  );
}
