import { Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Followup } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { FOLLOWUP_TYPES } from '../lib/enums.ts';
import {
  NEXT_FOLLOWUP_PICKS,
  dateString,
  dateValue,
  daysFromToday,
  fromWallClock,
  nowWallClock,
  toWallClock,
} from '../lib/time.ts';
import { useRecordOptions } from '../hooks/useRecords.ts';
import { FOLLOWUP_ICONS } from './icons.tsx';
import { RecordFormModal } from './RecordFormModal.tsx';

interface Values {
  type: Followup['type'];
  content: string;
  occurredAt: Dayjs;
  contactId?: string | null;
  nextFollowupOn?: Dayjs | null;
}

/** The quick picks for the next follow-up, highlighted when the picked date is one of them. */
function NextFollowupPicks({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const value = Form.useWatch('nextFollowupOn', form);
  return (
    <Space size={[4, 4]} wrap>
      {NEXT_FOLLOWUP_PICKS.map((pick) => {
        const date = daysFromToday(pick.days, timeZone);
        const checked = !!value && value.isSame(date, 'day');
        return (
          <Tag.CheckableTag
            key={pick.key}
            checked={checked}
            onChange={(on) => form.setFieldValue('nextFollowupOn', on ? date : null)}
            data-testid={`followup-next-${pick.key}`}
          >
            {t(`records.followups.quick.${pick.key}`)}
          </Tag.CheckableTag>
        );
      })}
    </Space>
  );
}

/**
 * Log or edit a follow-up (跟进记录). Built for speed: the type defaults to a call, the time to now,
 * the cursor starts in the content, and Ctrl/⌘ + Enter saves — opening it is the first click, saving
 * the second.
 */
export function FollowupFormModal({
  customer,
  followup,
  onClose,
  onSaved,
}: {
  customer: { id: string; name: string };
  followup: Followup | null;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const contacts = useRecordOptions('contacts', customer.id);

  return (
    <RecordFormModal<'followups', Values>
      type="followups"
      customerId={customer.id}
      record={followup}
      title={
        followup
          ? t('records.followups.editTitle')
          : t('records.followups.quickTitle', { name: customer.name })
      }
      testId="followup-form"
      width={600}
      savedText={t('records.followups.saved')}
      footerNote={t('records.followups.shortcutHint')}
      initialValues={{
        type: 'call',
        occurredAt: nowWallClock(timeZone),
        contactId: null,
        nextFollowupOn: null,
      }}
      toValues={(f) => ({
        type: f.type,
        content: f.content,
        occurredAt: toWallClock(f.occurredAt, timeZone),
        contactId: f.contactId,
        nextFollowupOn: dateValue(f.nextFollowupOn),
      })}
      toFields={(v) => ({
        type: v.type,
        content: v.content.trim(),
        occurredAt: fromWallClock(v.occurredAt, timeZone),
        contactId: v.contactId ?? null,
        nextFollowupOn: dateString(v.nextFollowupOn),
      })}
      onClose={onClose}
      onSaved={() => onSaved?.()}
    >
      <Form.Item name="type" label={t('records.followups.fields.type')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="followup-type">
          {FOLLOWUP_TYPES.map((type) => (
            <Radio.Button key={type} value={type}>
              <Space size={4} data-testid={`followup-type-${type}`}>
                {FOLLOWUP_ICONS[type]}
                {t(`records.followups.types.${type}`)}
              </Space>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="content"
        label={t('records.followups.fields.content')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 5000, message: t('validation.maxLength', { max: 5000 }) },
        ]}
      >
        <Input.TextArea
          autoFocus
          autoSize={{ minRows: 4, maxRows: 10 }}
          placeholder={t('records.followups.contentPlaceholder')}
          data-testid="followup-content"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="occurredAt"
            label={t('records.followups.fields.occurredAt')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              style={{ width: '100%' }}
              data-testid="followup-occurred-at"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contactId" label={t('records.followups.fields.contact')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={contacts.isPending}
              placeholder={t('records.common.selectPlaceholder')}
              options={(contacts.data?.items ?? []).map((c) => ({
                value: c.id,
                label: c.title ? `${c.name} · ${c.title}` : c.name,
              }))}
              notFoundContent={contacts.isPending ? t('common.loading') : t('records.contacts.empty')}
              data-testid="followup-contact"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('records.followups.fields.nextFollowupOn')}
        extra={t('records.followups.nextHint')}
        style={{ marginBottom: 0 }}
      >
        <Flex gap={12} align="center" wrap>
          <Form.Item name="nextFollowupOn" noStyle>
            <DatePicker style={{ width: 160 }} data-testid="followup-next" />
          </Form.Item>
          <NextFollowupPicks timeZone={timeZone} />
        </Flex>
      </Form.Item>
    </RecordFormModal>
  );
}
