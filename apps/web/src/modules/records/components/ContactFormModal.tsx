import { Col, Form, Input, Row, Switch } from 'antd';
import type { Contact } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { textOrNull } from '../lib/diff.ts';
import { RecordFormModal } from './RecordFormModal.tsx';

interface Values {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  isDecisionMaker: boolean;
  notes?: string | null;
}

export function ContactFormModal({
  customerId,
  contact,
  onClose,
}: {
  customerId: string;
  contact: Contact | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <RecordFormModal<'contacts', Values>
      type="contacts"
      customerId={customerId}
      record={contact}
      title={contact ? t('records.contacts.editTitle') : t('records.contacts.createTitle')}
      testId="contact-form"
      initialValues={{ isDecisionMaker: false }}
      toValues={(c) => ({
        name: c.name,
        title: c.title,
        phone: c.phone,
        email: c.email,
        wechat: c.wechat,
        isDecisionMaker: c.isDecisionMaker,
        notes: c.notes,
      })}
      toFields={(v) => ({
        name: v.name.trim(),
        title: textOrNull(v.title),
        phone: textOrNull(v.phone),
        email: textOrNull(v.email),
        wechat: textOrNull(v.wechat),
        isDecisionMaker: !!v.isDecisionMaker,
        notes: textOrNull(v.notes),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('records.contacts.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, max(100)]}
          >
            <Input autoFocus data-testid="contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="title" label={t('records.contacts.fields.title')} rules={[max(100)]}>
            <Input data-testid="contact-title" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('records.contacts.fields.phone')} rules={[max(50)]}>
            <Input inputMode="tel" data-testid="contact-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="email"
            label={t('records.contacts.fields.email')}
            rules={[{ type: 'email', message: t('validation.email') }, max(254)]}
          >
            <Input inputMode="email" data-testid="contact-email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="wechat" label={t('records.contacts.fields.wechat')} rules={[max(100)]}>
            <Input data-testid="contact-wechat" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="isDecisionMaker"
            label={t('records.contacts.fields.isDecisionMaker')}
            valuePropName="checked"
          >
            <Switch data-testid="contact-decision-maker" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('records.contacts.fields.notes')} rules={[max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contact-notes" />
      </Form.Item>
    </RecordFormModal>
  );
}
