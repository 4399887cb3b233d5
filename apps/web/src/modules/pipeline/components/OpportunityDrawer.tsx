import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Popconfirm,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Opportunity, OpportunityDetail, Pipeline } from '@stratum/contracts';
import { formatDate, formatDateTime, formatMoney } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { pipelineApi } from '../api.ts';
import { useInvalidatePipeline, useOpportunity } from '../hooks/usePipeline.ts';
import { LoseModal } from './LoseModal.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { StatusTag } from './StatusTag.tsx';

const DAY_MS = 86_400_000;

/** Days between two instants, one decimal (the current stay runs to now). */
export function stayDays(enteredAt: string, leftAt: string | null, now = Date.now()): number {
  const end = leftAt ? Date.parse(leftAt) : now;
  return Math.max(0, Math.round(((end - Date.parse(enteredAt)) / DAY_MS) * 10) / 10);
}

interface Props {
  id: string | null;
  pipeline: Pipeline;
  onClose: () => void;
}

/** One deal: its figures, its stage history, and what may be done with it (edit, win, lose, reopen, delete). */
export function OpportunityDrawer({ id, pipeline, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const timeZone = useWorkspaceTimeZone();
  const handleError = useApiErrorHandler();
  const invalidate = useInvalidatePipeline();
  const detail = useOpportunity(id);
  const [editing, setEditing] = useState(false);
  const [losing, setLosing] = useState(false);
  const o = detail.data;
  const writable = can('customers.write');

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
    } catch (err) {
      handleError(err);
    } finally {
      invalidate();
    }
  };

  const firstOpen = pipeline.stages.find((s) => s.kind === 'open');
  const actions = o && writable && (
    <Flex gap={8} wrap>
      <Button onClick={() => setEditing(true)} data-testid="opportunity-edit">
        {t('pipeline.detail.edit')}
      </Button>
      {o.status === 'open' && (
        <>
          <Popconfirm
            title={t('pipeline.board.confirmWin', { title: o.title })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => run(() => pipelineApi.win(o.id, o.version), t('pipeline.board.won'))}
          >
            <Button type="primary" data-testid="opportunity-win">
              {t('pipeline.detail.win')}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setLosing(true)} data-testid="opportunity-lose">
            {t('pipeline.detail.lose')}
          </Button>
        </>
      )}
      {o.status !== 'open' && firstOpen && (
        <Popconfirm
          title={t('pipeline.detail.reopenHint')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            run(
              () => pipelineApi.move(o.id, o.version, firstOpen.id),
              t('pipeline.board.moved', { stage: firstOpen.name }),
            )
          }
        >
          <Button>{t('pipeline.detail.reopen')}</Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={t('pipeline.detail.deleteConfirm', { title: o.title })}
        okText={t('common.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          run(async () => {
            await pipelineApi.remove(o.id);
            onClose();
          }, t('pipeline.detail.deleted'))
        }
      >
        <Button danger type="text" data-testid="opportunity-delete">
          {t('pipeline.detail.delete')}
        </Button>
      </Popconfirm>
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={520}
      title={o?.title ?? t('pipeline.detail.title')}
      extra={o && <StatusTag status={o.status} />}
      data-testid="opportunity-drawer"
    >
      {!o ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {actions}
          <Details o={o} timeZone={timeZone} />
          <div>
            <Typography.Title level={5}>{t('pipeline.detail.history')}</Typography.Title>
            <History o={o} timeZone={timeZone} />
          </div>
          <OpportunityFormModal
            open={editing}
            pipeline={pipeline}
            opportunity={o}
            onClose={() => setEditing(false)}
          />
          <LoseModal
            open={losing}
            pipeline={pipeline}
            onCancel={() => setLosing(false)}
            onSubmit={async (v) => {
              await run(() => pipelineApi.lose(o.id, { version: o.version, ...v }), t('pipeline.lose.done'));
              setLosing(false);
            }}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function Details({ o, timeZone }: { o: Opportunity; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('pipeline.fields.customer')}>
        <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.stage')}>
        {o.stageName} <Typography.Text type="secondary">({o.probability}%)</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.amount')}>{formatMoney(o.amount)}</Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.weightedAmount')}>
        {formatMoney(o.weightedAmount)}
      </Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.expectedCloseOn')}>
        {formatDate(o.expectedCloseOn) || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.owner')}>{o.ownerName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('pipeline.fields.products')}>
        {o.productNames.length ? o.productNames.map((n) => <Tag key={n}>{n}</Tag>) : '—'}
      </Descriptions.Item>
      {o.status === 'lost' && (
        <Descriptions.Item label={t('pipeline.fields.lossReason')}>
          {o.lossReasonName ?? '—'}
          {o.lossNote && <div>{o.lossNote}</div>}
        </Descriptions.Item>
      )}
      {o.closedAt && (
        <Descriptions.Item label={t('pipeline.fields.closedAt')}>
          {formatDateTime(o.closedAt, timeZone)}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('pipeline.fields.createdAt')}>
        {formatDateTime(o.createdAt, timeZone)}
      </Descriptions.Item>
      {o.notes && <Descriptions.Item label={t('pipeline.fields.notes')}>{o.notes}</Descriptions.Item>}
    </Descriptions>
  );
}

function History({ o, timeZone }: { o: OpportunityDetail; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="opportunity-history"
      items={[...o.history].reverse().map((h) => ({
        color: h.leftAt ? 'gray' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{h.stageName}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(h.enteredAt, timeZone)} ·{' '}
              {t('pipeline.detail.stay', { days: stayDays(h.enteredAt, h.leftAt) })}
              {!h.leftAt && ` · ${t('pipeline.detail.current')}`}
            </Typography.Text>
            {h.movedByName && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('pipeline.detail.by', { name: h.movedByName })}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
