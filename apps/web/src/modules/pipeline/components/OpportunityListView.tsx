import { Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Opportunity, Pipeline } from '@stratum/contracts';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { PipelineFilters } from '../api.ts';
import { useOpportunityList } from '../hooks/usePipeline.ts';
import { StatusTag } from './StatusTag.tsx';

type ListFilters = { stageId?: string; status?: 'open' | 'won' | 'lost' };

interface Props {
  pipeline: Pipeline;
  filters: PipelineFilters & { q?: string };
  onOpen: (id: string) => void;
}

/** The same deals as the board, as a sortable, paged table with stage and status filters. */
export function OpportunityListView({ pipeline, filters, onOpen }: Props) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const list = useListState<ListFilters>({ sort: '-updatedAt' });
  const pagination = usePagination();
  const query = useOpportunityList({ ...list.params, ...filters, pipelineId: pipeline.id });
  const sortable = (key: string) => ({ sorter: true, sortOrder: sortOrderOf(list.sort, key) });

  const columns: ColumnsType<Opportunity> = [
    {
      key: 'title',
      title: t('pipeline.fields.title'),
      dataIndex: 'title',
      ...sortable('title'),
      render: (_, o) => (
        <Typography.Link onClick={() => onOpen(o.id)} data-testid="opportunity-row-title">
          {o.title}
        </Typography.Link>
      ),
    },
    {
      key: 'customer',
      title: t('pipeline.fields.customer'),
      render: (_, o) => <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>,
    },
    { key: 'stage', title: t('pipeline.fields.stage'), dataIndex: 'stageName', ...sortable('stage') },
    {
      key: 'status',
      title: t('pipeline.fields.status'),
      render: (_, o) => <StatusTag status={o.status} />,
    },
    {
      key: 'amount',
      title: t('pipeline.fields.amount'),
      align: 'right',
      ...sortable('amount'),
      render: (_, o) => formatMoney(o.amount),
    },
    {
      key: 'weighted',
      title: t('pipeline.fields.weightedAmount'),
      align: 'right',
      render: (_, o) => formatMoney(o.weightedAmount),
    },
    {
      key: 'expectedCloseOn',
      title: t('pipeline.fields.expectedCloseOn'),
      ...sortable('expectedCloseOn'),
      render: (_, o) => formatDate(o.expectedCloseOn),
    },
    { key: 'owner', title: t('pipeline.fields.owner'), render: (_, o) => o.ownerName ?? '—' },
    {
      key: 'updatedAt',
      title: t('pipeline.fields.updatedAt'),
      ...sortable('updatedAt'),
      render: (_, o) => formatDate(o.updatedAt, timeZone),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select
          allowClear
          value={list.filters.stageId}
          onChange={(v?: string) => list.setFilter('stageId', v)}
          placeholder={t('pipeline.filters.allStages')}
          options={pipeline.stages.map((s) => ({ value: s.id, label: s.name }))}
          style={{ width: 160 }}
          aria-label={t('pipeline.filters.stage')}
        />
        <Select
          allowClear
          value={list.filters.status}
          onChange={(v?: ListFilters['status']) => list.setFilter('status', v)}
          placeholder={t('pipeline.filters.allStatuses')}
          options={(['open', 'won', 'lost'] as const).map((s) => ({
            value: s,
            label: t(`pipeline.status.${s}`),
          }))}
          style={{ width: 140 }}
          aria-label={t('pipeline.filters.status')}
        />
      </Flex>
      <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Table<Opportunity>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        onChange={list.onTableChange}
        pagination={pagination(list.params, query.data?.total)}
        locale={{ emptyText: tableEmpty(query.isLoading, t('pipeline.empty.noDeals')) }}
        scroll={{ x: 1000 }}
        data-testid="opportunity-table"
      />
    </Flex>
  );
}
