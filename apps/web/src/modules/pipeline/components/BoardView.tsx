import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent, DragStartEvent } from '@dnd-kit/core';
import { App, Card, Flex, Tag, Typography } from 'antd';
import { CalendarOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Board, Opportunity, PipelineStage } from '@stratum/contracts';
import { formatMoney } from '../../../app/format.ts';
import { isApiError } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions } from '../../auth/session.ts';
import { pipelineApi } from '../api.ts';
import { useInvalidatePipeline, useMoveOpportunity } from '../hooks/usePipeline.ts';
import { formatCompactMoney } from '../lib/board.ts';
import { LoseModal } from './LoseModal.tsx';

interface Props {
  board: Board;
  /** The query key of this board (after ['pipeline','board']), for the optimistic move. */
  boardKey: unknown[];
  locale: string;
  onOpen: (id: string) => void;
}

const COLUMN_COLORS: Record<PipelineStage['kind'], string> = {
  open: '#1677ff',
  won: '#52c41a',
  lost: '#8c8c8c',
};

/**
 * The kanban: one column per stage, cards dragged between them. A drop on an open stage moves the deal,
 * on won asks to confirm, on lost asks for the reason. Every move carries the version the card was read
 * with; when someone else changed the deal meanwhile the server answers 409 and the board reloads.
 */
export function BoardView({ board, boardKey, locale, onOpen }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermissions();
  const handleError = useApiErrorHandler();
  const invalidate = useInvalidatePipeline();
  const move = useMoveOpportunity(boardKey);
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [losing, setLosing] = useState<Opportunity | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const cards = new Map(board.columns.flatMap((c) => c.items).map((o) => [o.id, o]));
  const writable = can('customers.write');

  const failed = (err: unknown) => {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT')
      void message.warning(t('pipeline.board.conflict'));
    else if (isApiError(err) && err.code === 'FORBIDDEN') void message.warning(t('pipeline.board.readOnly'));
    else handleError(err);
  };

  const onDragStart = (e: DragStartEvent) => setDragging(cards.get(String(e.active.id)) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const o = cards.get(String(e.active.id));
    const stage = board.columns.find((c) => c.stage.id === e.over?.id)?.stage;
    if (!o || !stage || stage.id === o.stageId) return;
    if (stage.kind === 'lost') return setLosing(o);
    if (stage.kind === 'won') {
      modal.confirm({
        title: t('pipeline.board.confirmWin', { title: o.title }),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await pipelineApi.win(o.id, o.version);
            void message.success(t('pipeline.board.won'));
          } catch (err) {
            failed(err);
          } finally {
            invalidate();
          }
        },
      });
      return;
    }
    move.mutate(
      { o, stageId: stage.id },
      {
        onSuccess: () => void message.success(t('pipeline.board.moved', { stage: stage.name })),
        onError: failed,
      },
    );
  };

  return (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      <div className="pipeline-board" data-testid="pipeline-board">
        {board.columns.map((col) => (
          <Column key={col.stage.id} column={col} locale={locale}>
            {col.items.map((o) => (
              <DraggableCard key={o.id} o={o} disabled={!writable} onOpen={onOpen} />
            ))}
            {col.items.length === 0 && (
              <div className="pipeline-drop-hint">{t('pipeline.board.dropHere')}</div>
            )}
            {col.totals.count > col.items.length && (
              <Typography.Text type="secondary" className="pipeline-more">
                {t('pipeline.board.more', { more: col.totals.count - col.items.length })}
              </Typography.Text>
            )}
          </Column>
        ))}
      </div>
      <DragOverlay dropAnimation={null}>{dragging && <CardBody o={dragging} overlay />}</DragOverlay>
      <LoseModal
        open={!!losing}
        pipeline={board.pipeline}
        onCancel={() => setLosing(null)}
        onSubmit={async (v) => {
          const o = losing!;
          setLosing(null);
          try {
            await pipelineApi.lose(o.id, { version: o.version, ...v });
            void message.success(t('pipeline.lose.done'));
          } catch (err) {
            failed(err);
          } finally {
            invalidate();
          }
        }}
      />
    </DndContext>
  );
}

function Column({
  column,
  locale,
  children,
}: {
  column: Board['columns'][number];
  locale: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  const { stage, totals } = column;
  return (
    <section
      ref={setNodeRef}
      className={`pipeline-column${isOver ? ' is-over' : ''}`}
      style={{ borderTopColor: COLUMN_COLORS[stage.kind] }}
      data-testid={`pipeline-column-${stage.position}`}
      data-stage-id={stage.id}
      data-count={totals.count}
      aria-label={stage.name}
    >
      <header className="pipeline-column-head">
        <Flex justify="space-between" align="baseline" gap={8}>
          <Typography.Text strong ellipsis>
            {stage.name}
          </Typography.Text>
          <Tag bordered={false} data-testid="pipeline-column-count">
            {t('pipeline.board.columnCount', { n: totals.count })}
          </Tag>
        </Flex>
        <div className="pipeline-column-amount" data-testid="pipeline-column-amount">
          {formatMoney(totals.amount)}
        </div>
        <Typography.Text type="secondary" className="pipeline-small">
          {stage.kind === 'open'
            ? `${t('pipeline.board.probability', { p: stage.probability })} · ${t('pipeline.board.weighted', {
                amount: formatCompactMoney(totals.weightedAmount, locale),
              })}`
            : t(`pipeline.status.${stage.kind}`)}
        </Typography.Text>
      </header>
      <div className="pipeline-column-body">{children}</div>
    </section>
  );
}

function DraggableCard({
  o,
  disabled,
  onOpen,
}: {
  o: Opportunity;
  disabled: boolean;
  onOpen: (id: string) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: o.id, disabled });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className={`pipeline-card-wrap${isDragging ? ' is-dragging' : ''}`}
      data-testid="pipeline-card"
      data-id={o.id}
      onClick={() => onOpen(o.id)}
      onKeyDown={(e) => {
        listeners?.onKeyDown?.(e);
        if (e.key === 'Enter') onOpen(o.id);
      }}
    >
      <CardBody o={o} />
    </div>
  );
}

function CardBody({ o, overlay }: { o: Opportunity; overlay?: boolean }) {
  const overdue =
    o.status === 'open' &&
    o.expectedCloseOn !== null &&
    o.expectedCloseOn < new Date().toISOString().slice(0, 10);
  return (
    <Card size="small" className={`pipeline-card${overlay ? ' is-overlay' : ''}`} hoverable>
      <Typography.Text strong ellipsis className="pipeline-card-title">
        {o.title}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis className="pipeline-card-customer">
        {o.customerName}
      </Typography.Text>
      <span className="pipeline-card-amount">{formatMoney(o.amount)}</span>
      <Flex justify="space-between" align="center" gap={8} className="pipeline-small">
        <Typography.Text type="secondary" ellipsis className="pipeline-small">
          {o.ownerName && (
            <>
              <UserOutlined /> {o.ownerName}
            </>
          )}
        </Typography.Text>
        {o.expectedCloseOn && (
          <Typography.Text
            type={overdue ? 'danger' : 'secondary'}
            className="pipeline-small"
            style={{ flex: 'none' }}
          >
            <CalendarOutlined /> {o.expectedCloseOn.slice(5)}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
