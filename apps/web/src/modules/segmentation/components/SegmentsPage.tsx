import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Segment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { customersListUrl, segmentFilter } from '../api-segments.ts';
import { useDeleteSegment, useSegments } from '../hooks/useSegments.ts';
import { SegmentKindTag } from './SegmentKindTag.tsx';

/** `/segmentation/segments`: every segment with its kind and member count; search, create, delete. */
export default function SegmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermissions();
  const timeZone = useWorkspaceTimeZone();
  const handleError = useApiErrorHandler();
  const canManage = can('segments.manage');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const segments = useSegments(q.trim() || undefined);
  const remove = useDeleteSegment();

  const onDelete = (s: Segment) =>
    remove.mutateAsync(s.id).then(
      () => void message.success(t('segmentation.segments.deleted')),
      (err: unknown) => {
        if (isApiError(err, 'RULE_REFERENCED'))
          modal.warning({ title: t('segmentation.segments.cannotDelete'), content: err.message });
        else handleError(err);
      },
    );

  const columns: TableColumnsType<Segment> = [
    {
      key: 'name',
      title: t('segmentation.segments.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <Flex vertical>
          <Link to={`/segmentation/segments/${s.id}`} data-testid={`segment-link-${s.id}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {name}
            </Typography.Text>
          </Link>
          {s.description && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420, fontSize: 12 }}>
              {s.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'kind',
      title: t('segmentation.segments.kind'),
      dataIndex: 'kind',
      render: (k: Segment['kind']) => <SegmentKindTag kind={k} />,
    },
    {
      key: 'count',
      title: t('segmentation.segments.count'),
      dataIndex: 'count',
      align: 'right',
      render: (n: number, s) => (
        <Link
          to={customersListUrl(segmentFilter(s.id))}
          title={t('segmentation.segments.openAsList')}
          data-testid={`segment-count-${s.id}`}
        >
          {n.toLocaleString()}
        </Link>
      ),
    },
    {
      key: 'updatedAt',
      title: t('segmentation.segments.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => <span title={formatDateTime(v, timeZone)}>{formatDate(v, timeZone)}</span>,
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      align: 'right',
      render: (_, s) => (
        <Popconfirm
          title={t('segmentation.segments.deleteConfirm', { name: s.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, 'data-testid': `segment-delete-ok-${s.id}` }}
          onConfirm={() => onDelete(s)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });

  const narrowed = q.trim() !== '';
  return (
    <>
      <PageHeader
        title={t('segmentation.segments.title')}
        subtitle={t('segmentation.segments.subtitle')}
        extra={
          canManage && (
            <Link to="/segmentation/segments/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="segment-create">
                {t('segmentation.segments.create')}
              </Button>
            </Link>
          )
        }
      />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(v) => setQ(v)}
          placeholder={t('segmentation.segments.search')}
          style={{ width: 280 }}
          data-testid="segments-search"
        />
      </Flex>
      <QueryErrorAlert error={segments.error} onRetry={() => void segments.refetch()} />
      <Table<Segment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={segments.data?.items}
        loading={segments.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{
          emptyText: tableEmpty(
            segments.isPending,
            narrowed
              ? t('segmentation.segments.emptySearch')
              : canManage
                ? t('segmentation.segments.emptyManage')
                : t('segmentation.segments.empty'),
          ),
        }}
        data-testid="segments-table"
      />
    </>
  );
}
