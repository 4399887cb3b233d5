import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Invoice } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { textOrNull } from '../lib/diff.ts';
import { INVOICE_KINDS, INVOICE_STATUSES } from '../lib/enums.ts';
import { dateString, dateValue } from '../lib/time.ts';
import { currencyPrefix, moneyRules } from './formRules.ts';
import { RecordFormModal } from './RecordFormModal.tsx';
import { ContractSelect, OrderSelect } from './RelatedSelects.tsx';

interface Values {
  kind: Invoice['kind'];
  status: Invoice['status'];
  invoiceNo?: string | null;
  amount: string;
  issuedOn?: Dayjs | null;
  contractId?: string | null;
  orderId?: string | null;
  notes?: string | null;
}

export function InvoiceFormModal({
  customerId,
  invoice,
  onClose,
}: {
  customerId: string;
  invoice: Invoice | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const required = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <RecordFormModal<'invoices', Values>
      type="invoices"
      customerId={customerId}
      record={invoice}
      title={invoice ? t('records.invoices.editTitle') : t('records.invoices.createTitle')}
      testId="invoice-form"
      width={640}
      initialValues={{ kind: 'vat_general', status: 'requested', contractId: null, orderId: null }}
      toValues={(i) => ({
        kind: i.kind,
        status: i.status,
        invoiceNo: i.invoiceNo,
        amount: i.amount,
        issuedOn: dateValue(i.issuedOn),
        contractId: i.contractId,
        orderId: i.orderId,
        notes: i.notes,
      })}
      toFields={(v) => ({
        kind: v.kind,
        status: v.status,
        invoiceNo: textOrNull(v.invoiceNo),
        amount: String(v.amount).trim(),
        issuedOn: dateString(v.issuedOn),
        contractId: v.contractId ?? null,
        orderId: v.orderId ?? null,
        notes: textOrNull(v.notes),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={t('records.invoices.fields.kind')} rules={[required]}>
            <Select
              options={INVOICE_KINDS.map((k) => ({ value: k, label: t(`records.invoices.kinds.${k}`) }))}
              data-testid="invoice-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t('records.invoices.fields.status')} rules={[required]}>
            <Select
              options={INVOICE_STATUSES.map((s) => ({
                value: s,
                label: t(`records.invoices.statuses.${s}`),
              }))}
              data-testid="invoice-status"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amount"
            label={t('records.invoices.fields.amount')}
            rules={[required, ...moneyRules(t)]}
          >
            <InputNumber<string>
              stringMode
              prefix={currencyPrefix()}
              style={{ width: '100%' }}
              data-testid="invoice-amount"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="invoiceNo" label={t('records.invoices.fields.invoiceNo')} rules={[max(64)]}>
            <Input data-testid="invoice-no" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="issuedOn" label={t('records.invoices.fields.issuedOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="invoice-issued-on" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contractId" label={t('records.invoices.fields.contract')}>
            <ContractSelect customerId={customerId} data-testid="invoice-contract" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="orderId" label={t('records.invoices.fields.order')}>
            <OrderSelect customerId={customerId} data-testid="invoice-order" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('records.invoices.fields.notes')} rules={[max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="invoice-notes" />
      </Form.Item>
    </RecordFormModal>
  );
}
