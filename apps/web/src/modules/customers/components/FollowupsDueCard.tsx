import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDate, todayIn } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { QuickFollowupModal } from '../../records/components/QuickFollowupModal.tsx';
import { useCustomerList, useInvalidateCustomers } from '../hooks/useCustomers.ts';

const LIMIT = 10;

/** The rule of "my follow-ups due": the next follow-up day is today or earlier (workspace time zone). */
export function followupsDueFilter(today: string): string {
  return JSON.stringify({ and: [{ field: 'next_followup_on', op: 'lte', value: today }] });
}

/** Home page card: my customers whose next follow-up is due, each a click away from writing it. */
export function FollowupsDueCard() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const can = usePermissions();
  const invalidate = useInvalidateCustomers();
  const [followup, setFollowup] = useState<{ id: string; name: string } | null>(null);
  const due = useCustomerList({
    page: 1,
    pageSize: LIMIT,
    ownerId: 'me',
    sort: 'lastFollowupAt',
    filter: followupsDueFilter(todayIn(timeZone)),
  });
  const items = due.data?.items ?? [];
  const more = (due.data?.total ?? 0) - items.length;

  return (
    <Card
      title={t('customers.due.title')}
      extra={
        due.data && (
          <Typography.Text type="secondary" data-testid="home-due-count">
            {t('common.total', { total: due.data.total })}
          </Typography.Text>
        )
      }
      data-testid="home-followups-due"
      styles={{ body: { paddingTop: 8 } }}
    >
      <QueryErrorAlert error={due.error} onRetry={() => void due.refetch()} />
      {due.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : due.isError ? null : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.due.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item
              data-testid={`due-item-${c.id}`}
              actions={
                can('customers.write')
                  ? [
                      <Button
                        key="followup"
                        size="small"
                        icon={<MessageOutlined />}
                        onClick={() => setFollowup({ id: c.id, name: c.name })}
                        data-testid={`due-followup-${c.id}`}
                      >
                        {t('customers.writeFollowup')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={<Link to={`/customers/${c.id}`}>{c.name}</Link>}
                description={
                  c.lastFollowupAt
                    ? t('customers.due.lastFollowup', { date: formatDate(c.lastFollowupAt, timeZone) })
                    : t('customers.due.neverFollowed')
                }
              />
            </List.Item>
          )}
        />
      )}
      {more > 0 && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('customers.due.more', { n: more })}</Typography.Text>
        </Flex>
      )}
      <QuickFollowupModal customer={followup} onClose={() => setFollowup(null)} onSaved={invalidate} />
    </Card>
  );
}
