import { useState } from 'react';
import { Button, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { usePermissions } from '../../auth/session.ts';
import type { PipelineFilters } from '../api.ts';
import { useBoard, usePipelines } from '../hooks/usePipeline.ts';
import { BoardView } from './BoardView.tsx';
import { OpportunityDrawer } from './OpportunityDrawer.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { OpportunityListView } from './OpportunityListView.tsx';
import { PipelineEmpty } from './PipelineEmpty.tsx';
import { PipelineFiltersBar } from './PipelineFiltersBar.tsx';
import '../pipeline.css';

/** 商机看板: the kanban (or the list) of the deals in the caller's scope, with filters and column totals. */
export default function PipelineBoardPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const [filters, setFilters] = useState<PipelineFilters & { q?: string }>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const pipelines = usePipelines();
  const pipeline =
    pipelines.data?.find((p) => p.id === filters.pipelineId) ??
    pipelines.data?.find((p) => p.isDefault) ??
    pipelines.data?.[0];
  const boardParams = { ...filters, pipelineId: pipeline?.id };
  const board = useBoard(boardParams, !!pipeline && view === 'board');

  return (
    <div>
      <PageHeader
        title={t('pipeline.board.title')}
        subtitle={t(view === 'list' ? 'pipeline.board.listSubtitle' : 'pipeline.board.subtitle')}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => setParams(v === 'list' ? { view: 'list' } : {}, { replace: true })}
              options={[
                { value: 'board', label: t('pipeline.board.viewBoard'), icon: <AppstoreOutlined /> },
                { value: 'list', label: t('pipeline.board.viewList'), icon: <UnorderedListOutlined /> },
              ]}
              data-testid="pipeline-view"
            />
            {can('customers.write') && pipeline && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="opportunity-create"
              >
                {t('pipeline.board.create')}
              </Button>
            )}
          </>
        }
      />
      <QueryErrorAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      {pipelines.isLoading ? (
        <Skeleton active />
      ) : !pipeline ? (
        <PipelineEmpty />
      ) : (
        <Flex vertical gap={12}>
          <PipelineFiltersBar pipelines={pipelines.data ?? []} value={filters} onChange={setFilters} search />
          {view === 'board' ? (
            <>
              <QueryErrorAlert error={board.error} onRetry={() => void board.refetch()} />
              {!board.data ? (
                <Skeleton active />
              ) : (
                <>
                  <BoardView
                    board={board.data}
                    boardKey={[boardParams]}
                    locale={i18n.language}
                    onOpen={setOpenId}
                  />
                  {board.data.columns.every((c) => c.totals.count === 0) && (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={
                        <>
                          <div>{t('pipeline.empty.noDeals')}</div>
                          <Typography.Text type="secondary">
                            {t('pipeline.empty.noDealsHint')}
                          </Typography.Text>
                        </>
                      }
                    />
                  )}
                </>
              )}
            </>
          ) : (
            <OpportunityListView pipeline={pipeline} filters={filters} onOpen={setOpenId} />
          )}
          <OpportunityDrawer id={openId} pipeline={pipeline} onClose={() => setOpenId(null)} />
          <OpportunityFormModal
            open={creating}
            pipeline={pipeline}
            onClose={() => setCreating(false)}
            onSaved={(o) => setOpenId(o.id)}
          />
        </Flex>
      )}
    </div>
  );
}
