import { useState } from 'react';
import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled } from '@ant-design/icons';
import type { Contact, Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useSectionList } from '../hooks/useSectionList.ts';
import { ContactFormModal } from './ContactFormModal.tsx';
import { RowActions, orBlank, useDeleteAction } from './shared.tsx';
import { RecordTableSection } from './RecordTableSection.tsx';

export function ContactsSection({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const { query, tableProps } = useSectionList('contacts', customer.id);
  const remove = useDeleteAction('contacts', customer.id);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);

  const columns: TableColumnsType<Contact> = [
    {
      key: 'name',
      title: t('records.contacts.fields.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          {c.isDecisionMaker && (
            <Tag color="gold" icon={<StarFilled />} style={{ marginInlineStart: 8 }}>
              {t('records.contacts.decisionMaker')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'title', title: t('records.contacts.fields.title'), dataIndex: 'title', render: orBlank },
    {
      key: 'phone',
      title: t('records.contacts.fields.phone'),
      dataIndex: 'phone',
      render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : orBlank(v)),
    },
    {
      key: 'email',
      title: t('records.contacts.fields.email'),
      dataIndex: 'email',
      render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : orBlank(v)),
    },
    {
      key: 'wechat',
      title: t('records.contacts.fields.wechat'),
      dataIndex: 'wechat',
      render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : orBlank(v)),
    },
    {
      key: 'notes',
      title: t('records.contacts.fields.notes'),
      dataIndex: 'notes',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
            {v}
          </Typography.Text>
        ) : (
          orBlank(v)
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 96,
      render: (_, c) => (
        <RowActions
          canEdit
          testId={`contact-${c.id}`}
          onEdit={() => setEditing(c)}
          onDelete={() => remove(c.id)}
          deleteTitle={t('records.common.deleteConfirmNamed', { name: c.name })}
        />
      ),
    });
  }

  return (
    <RecordTableSection<Contact>
      testId="customer-contacts"
      title={t('records.tabs.contacts')}
      add={
        canEdit && {
          label: t('records.contacts.add'),
          testId: 'contact-create',
          onClick: () => setEditing('new'),
        }
      }
      query={query}
      tableProps={tableProps}
      columns={columns}
      emptyText={t('records.contacts.empty')}
      tableTestId="contacts-table"
    >
      {editing && (
        <ContactFormModal
          customerId={customer.id}
          contact={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordTableSection>
  );
}
