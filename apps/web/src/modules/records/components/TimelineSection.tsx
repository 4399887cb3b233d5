import type { ReactNode } from 'react';
import { Button, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TimelineEntry } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import {
  FOLLOWUP_TYPES,
  ORDER_STATUSES,
  ORDER_STATUS_COLOR,
  TICKET_KIND_COLOR,
  TICKET_STATUS_COLOR,
  TIMELINE_COLOR,
  isOneOf,
  parseTicketDetail,
} from '../lib/enums.ts';
import { useTimeline } from '../hooks/useRecords.ts';
import { FOLLOWUP_ICONS, TIMELINE_ICONS } from './icons.tsx';
import { Money } from './shared.tsx';

/** The heading, detail and tags of one entry, by kind (see the timeline endpoint for what each carries). */
function useEntryContent() {
  const { t } = useTranslation();
  return (e: TimelineEntry): { title: ReactNode; detail?: ReactNode; tags?: ReactNode } => {
    switch (e.kind) {
      case 'followup':
        return {
          title: isOneOf(FOLLOWUP_TYPES, e.title) ? (
            <>
              {FOLLOWUP_ICONS[e.title]} {t(`records.followups.types.${e.title}`)}
            </>
          ) : (
            e.title
          ),
          detail: e.detail,
        };
      case 'order':
        return {
          title: t('records.timeline.orderTitle', { no: e.title }),
          tags: isOneOf(ORDER_STATUSES, e.detail) && (
            <Tag color={ORDER_STATUS_COLOR[e.detail]}>{t(`records.orders.statuses.${e.detail}`)}</Tag>
          ),
        };
      case 'payment':
        return {
          title: t('records.timeline.paymentTitle'),
          detail: [e.title && t('records.timeline.paymentFor', { no: e.title }), e.detail]
            .filter(Boolean)
            .join(' · '),
        };
      case 'ticket': {
        const parsed = parseTicketDetail(e.detail);
        return {
          title: e.title,
          tags: parsed && (
            <>
              <Tag color={TICKET_KIND_COLOR[parsed.kind]}>{t(`records.tickets.kinds.${parsed.kind}`)}</Tag>
              <Tag color={TICKET_STATUS_COLOR[parsed.status]}>
                {t(`records.tickets.statuses.${parsed.status}`)}
              </Tag>
            </>
          ),
        };
      }
      case 'contract':
        return { title: t('records.timeline.contractTitle', { no: e.title }), detail: e.detail };
      case 'owner_change':
        // title = the new owner, detail = the previous one; empty = the public pool.
        return {
          title: t('records.timeline.ownerChange', {
            from: e.detail || t('records.detail.pool'),
            to: e.title || t('records.detail.pool'),
          }),
        };
      default:
        return { title: e.title, detail: e.detail };
    }
  };
}

function EntryView({ entry, timeZone }: { entry: TimelineEntry; timeZone: string }) {
  const { t } = useTranslation();
  const content = useEntryContent()(entry);
  // A contract's moment is its signing day (sent as midnight UTC): show the day only.
  const when = entry.kind === 'contract' ? entry.at.slice(0, 10) : formatDateTime(entry.at, timeZone);
  return (
    <div className="timeline-entry" data-testid={`timeline-entry-${entry.kind}`}>
      <Flex justify="space-between" align="baseline" gap={12} wrap>
        <Flex align="center" gap={8} wrap>
          <Typography.Text type="secondary" className="timeline-kind">
            {t(`records.timeline.kinds.${entry.kind}`)}
          </Typography.Text>
          <Typography.Text strong>{content.title}</Typography.Text>
          {content.tags}
        </Flex>
        {entry.amount !== null && (
          <Typography.Text strong>
            <Money value={entry.amount} />
          </Typography.Text>
        )}
      </Flex>
      {content.detail && (
        <Typography.Paragraph
          ellipsis={{ rows: 3, expandable: 'collapsible' }}
          className="timeline-detail"
          style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
        >
          {content.detail}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" className="timeline-meta">
        {when}
        {entry.userName &&
          ` · ${entry.kind === 'owner_change' ? t('records.timeline.byUser', { name: entry.userName }) : entry.userName}`}
      </Typography.Text>
    </div>
  );
}

/** 动态: everything that happened with the customer, newest first, 20 at a time. */
export function TimelineSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const timeline = useTimeline(customerId);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const total = timeline.data?.pages[0]?.total ?? 0;

  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <div data-testid="customer-timeline">
      <QueryErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      {entries.length === 0 && !timeline.error ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.timeline.empty')} />
      ) : (
        <Timeline
          className="customer-timeline"
          items={entries.map((e) => ({
            key: `${e.kind}-${e.id}`,
            dot: (
              <span
                className="timeline-dot"
                style={{ color: TIMELINE_COLOR[e.kind], borderColor: TIMELINE_COLOR[e.kind] }}
              >
                {TIMELINE_ICONS[e.kind]}
              </span>
            ),
            children: <EntryView entry={e} timeZone={timeZone} />,
          }))}
        />
      )}
      {timeline.hasNextPage ? (
        <Flex justify="center">
          <Button
            onClick={() => void timeline.fetchNextPage()}
            loading={timeline.isFetchingNextPage}
            data-testid="timeline-load-more"
          >
            {t('records.timeline.loadMore')}
          </Button>
        </Flex>
      ) : (
        entries.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
            {t('records.timeline.allLoaded', { total })}
          </Typography.Paragraph>
        )
      )}
    </div>
  );
}
