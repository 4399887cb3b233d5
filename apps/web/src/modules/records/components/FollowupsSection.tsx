import { useState } from 'react';
import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import type { Customer, Followup } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, todayIn } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { sortOrderOf } from '../../../app/hooks/useListState.ts';
import { useRecordOptions } from '../hooks/useRecords.ts';
import { useSectionList } from '../hooks/useSectionList.ts';
import { FollowupFormModal } from './FollowupFormModal.tsx';
import { FOLLOWUP_ICONS } from './icons.tsx';
import { RowActions, orBlank, useDeleteAction } from './shared.tsx';
import { RecordTableSection } from './RecordTableSection.tsx';

export function FollowupsSection({
  customer,
  canEdit,
  onAdd,
}: {
  customer: Customer;
  canEdit: boolean;
  /** Opens the page's quick follow-up modal. */
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { list, query, tableProps } = useSectionList('followups', customer.id);
  const contacts = useRecordOptions('contacts', customer.id);
  const contactName = new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name]));
  const remove = useDeleteAction('followups', customer.id);
  const [editing, setEditing] = useState<Followup | null>(null);
  const today = todayIn(timeZone);

  const columns: TableColumnsType<Followup> = [
    {
      key: 'occurredAt',
      title: t('records.followups.fields.occurredAt'),
      dataIndex: 'occurredAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'occurredAt'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, timeZone)}</span>,
    },
    {
      key: 'type',
      title: t('records.followups.fields.type'),
      dataIndex: 'type',
      render: (type: Followup['type']) => (
        <Tag icon={FOLLOWUP_ICONS[type]} color="blue" bordered={false}>
          {t(`records.followups.types.${type}`)}
        </Tag>
      ),
    },
    {
      key: 'content',
      title: t('records.followups.fields.content'),
      dataIndex: 'content',
      render: (v: string) => (
        <Typography.Paragraph
          ellipsis={{ rows: 2, expandable: 'collapsible' }}
          style={{ margin: 0, minWidth: 240, maxWidth: 520, whiteSpace: 'pre-wrap' }}
        >
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'contact',
      title: t('records.followups.fields.contact'),
      dataIndex: 'contactId',
      render: (id: string | null) => orBlank(id ? (contactName.get(id) ?? '') : null),
    },
    {
      key: 'user',
      title: t('records.followups.fields.user'),
      dataIndex: 'userName',
      render: orBlank,
    },
    {
      key: 'nextFollowupOn',
      title: t('records.followups.fields.nextFollowupOn'),
      dataIndex: 'nextFollowupOn',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'nextFollowupOn'),
      render: (v: string | null) =>
        // An upcoming reminder stands out (orange when due today); past ones are history.
        !v ? (
          orBlank(v)
        ) : v >= today ? (
          <Tag color={v === today ? 'orange' : 'blue'} icon={<CalendarOutlined />}>
            {v}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{v}</Typography.Text>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 96,
      render: (_, f) => (
        <RowActions
          canEdit
          testId={`followup-${f.id}`}
          onEdit={() => setEditing(f)}
          onDelete={() => remove(f.id)}
        />
      ),
    });
  }

  return (
    <RecordTableSection<Followup>
      testId="customer-followups"
      title={t('records.tabs.followups')}
      add={canEdit && { label: t('records.followups.add'), testId: 'followup-create', onClick: onAdd }}
      query={query}
      tableProps={tableProps}
      columns={columns}
      emptyText={t('records.followups.empty')}
      tableTestId="followups-table"
    >
      {editing && (
        <FollowupFormModal customer={customer} followup={editing} onClose={() => setEditing(null)} />
      )}
    </RecordTableSection>
  );
}
