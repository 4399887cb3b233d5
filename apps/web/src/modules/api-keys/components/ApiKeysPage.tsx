import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ApiKey } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { apiKeyStatus } from '../api.ts';
import type { ApiKeyStatus } from '../api.ts';
import { useApiKeyList, useRevokeApiKey } from '../hooks/useApiKeys.ts';
import { ApiKeySecretModal } from './ApiKeySecretModal.tsx';
import { CreateApiKeyModal } from './CreateApiKeyModal.tsx';

const STATUS_COLORS: Record<ApiKeyStatus, string> = {
  active: 'success',
  revoked: 'default',
  expired: 'warning',
};

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { message } = App.useApp();
  const me = useSession();
  const can = usePermissions();
  const list = useListState({ sort: '-createdAt' });
  const keys = useApiKeyList(list.params);
  const pagination = usePagination();
  const revoke = useRevokeApiKey();
  const handleError = useApiErrorHandler();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const secondary = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  const columns: TableColumnsType<ApiKey> = [
    {
      key: 'name',
      title: t('apiKeys.columns.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'prefix',
      title: t('apiKeys.columns.prefix'),
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{`${prefix}…`}</Typography.Text>,
    },
    { key: 'user', title: t('apiKeys.columns.user'), dataIndex: 'userName' },
    {
      key: 'status',
      title: t('apiKeys.columns.status'),
      render: (_, key) => {
        const status = apiKeyStatus(key);
        return <Tag color={STATUS_COLORS[status]}>{t(`apiKeys.status.${status}`)}</Tag>;
      },
    },
    {
      key: 'createdAt',
      title: t('apiKeys.columns.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'createdAt'),
      render: (value: string | null) => formatDateTime(value, timeZone),
    },
    {
      key: 'lastUsedAt',
      title: t('apiKeys.columns.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'lastUsedAt'),
      render: (value: string | null) =>
        value ? formatDateTime(value, timeZone) : secondary(t('apiKeys.never')),
    },
    {
      key: 'expiresAt',
      title: t('apiKeys.columns.expiresAt'),
      dataIndex: 'expiresAt',
      render: (value: string | null) =>
        value ? formatDate(value, timeZone) : secondary(t('apiKeys.noExpiry')),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, key) =>
        key.revokedAt ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            okText={t('apiKeys.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke.mutateAsync(key.id).then(
                () => void message.success(t('apiKeys.revoked')),
                (err: unknown) => handleError(err),
              )
            }
          >
            <Button type="link" size="small" danger data-testid={`api-key-revoke-${key.id}`}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={
          <>
            {t('apiKeys.intro')}{' '}
            <Typography.Link href="/api/docs" target="_blank" rel="noopener noreferrer">
              {t('header.apiDocs')}
            </Typography.Link>
          </>
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="api-key-create"
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          placeholder={t('apiKeys.searchPlaceholder')}
          onSearch={list.setQ}
          style={{ width: 260 }}
          data-testid="api-keys-search"
        />
      </Flex>
      <QueryErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />
      <Table<ApiKey>
        rowKey="id"
        columns={columns}
        dataSource={keys.data?.items}
        loading={keys.isFetching}
        pagination={pagination(list.params, keys.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        rowClassName={(key) => (key.revokedAt ? 'row-muted' : '')}
        locale={{
          emptyText: tableEmpty(
            keys.isPending,
            list.narrowed ? t('apiKeys.emptyFiltered') : t('apiKeys.empty'),
          ),
        }}
        data-testid="api-keys-table"
      />
      <CreateApiKeyModal
        open={creating}
        canChooseUser={me.user.role === 'admin' && can('users.read')}
        onClose={() => setCreating(false)}
        onCreated={setSecret}
      />
      {secret && <ApiKeySecretModal secret={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
