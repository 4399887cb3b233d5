import { useState } from 'react';
import { Button, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer, Opportunity } from '@stratum/contracts';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { useOpportunityList, usePipelines } from '../hooks/usePipeline.ts';
import { OpportunityDrawer } from './OpportunityDrawer.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { StatusTag } from './StatusTag.tsx';

/** 客户 360°: the customer's opportunities, newest first, with a shortcut to add one. */
export function CustomerOpportunitiesSection({
  customer,
  canEdit,
}: {
  customer: Customer;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const pipelines = usePipelines();
  const pipeline = pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const list = useOpportunityList({ page, pageSize: 10, sort: '-createdAt', customerId: customer.id });
  const pipelineOf = (o: Opportunity | undefined) =>
    pipelines.data?.find((p) => p.id === o?.pipelineId) ?? pipeline;
  const openDeal = list.data?.items.find((o) => o.id === openId);

  if (pipelines.isLoading) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="customer-opportunities">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">
          {t('pipeline.list.total', { total: list.data?.total ?? 0 })}
        </Typography.Text>
        {canEdit && pipeline && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('pipeline.board.create')}
          </Button>
        )}
      </Flex>
      {!pipeline ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.empty.noPipeline')} />
      ) : (
        <Table<Opportunity>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 10,
            total: list.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.empty.noDeals')} />
            ),
          }}
          columns={[
            {
              key: 'title',
              title: t('pipeline.fields.title'),
              render: (_, o) => <Typography.Link onClick={() => setOpenId(o.id)}>{o.title}</Typography.Link>,
            },
            { key: 'stage', title: t('pipeline.fields.stage'), dataIndex: 'stageName' },
            {
              key: 'status',
              title: t('pipeline.fields.status'),
              render: (_, o) => <StatusTag status={o.status} />,
            },
            {
              key: 'amount',
              title: t('pipeline.fields.amount'),
              align: 'right',
              render: (_, o) => formatMoney(o.amount),
            },
            {
              key: 'expected',
              title: t('pipeline.fields.expectedCloseOn'),
              render: (_, o) => formatDate(o.expectedCloseOn),
            },
            { key: 'owner', title: t('pipeline.fields.owner'), render: (_, o) => o.ownerName ?? '—' },
          ]}
        />
      )}
      {pipeline && (
        <>
          <Link to="/pipeline">
            <Typography.Text type="secondary">{t('nav.pipelineBoard')} →</Typography.Text>
          </Link>
          <OpportunityDrawer id={openId} pipeline={pipelineOf(openDeal)!} onClose={() => setOpenId(null)} />
          <OpportunityFormModal
            open={creating}
            pipeline={pipeline}
            customerId={customer.id}
            customerName={customer.name}
            onClose={() => setCreating(false)}
          />
        </>
      )}
    </Flex>
  );
}
