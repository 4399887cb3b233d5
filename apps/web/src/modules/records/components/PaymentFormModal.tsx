import { AutoComplete, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Payment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { textOrNull } from '../lib/diff.ts';
import { PAYMENT_METHODS } from '../lib/enums.ts';
import { fromWallClock, dateString, dateValue, toWallClock } from '../lib/time.ts';
import { currencyPrefix, moneyRules } from './formRules.ts';
import { RecordFormModal } from './RecordFormModal.tsx';
import { ContractSelect, OrderSelect } from './RelatedSelects.tsx';

interface Values {
  amount: string;
  contractId?: string | null;
  orderId?: string | null;
  dueOn?: Dayjs | null;
  receivedAt?: Dayjs | null;
  method?: string | null;
  notes?: string | null;
}

/** A planned payment (回款计划: due on a day) or a received one (到账: received at a time). */
export function PaymentFormModal({
  customerId,
  payment,
  defaultContractId,
  onClose,
}: {
  customerId: string;
  payment: Payment | null;
  defaultContractId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const required = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <RecordFormModal<'payments', Values>
      type="payments"
      customerId={customerId}
      record={payment}
      title={payment ? t('records.payments.editTitle') : t('records.payments.createTitle')}
      testId="payment-form"
      width={640}
      initialValues={{ contractId: defaultContractId ?? null, orderId: null }}
      toValues={(p) => ({
        amount: p.amount,
        contractId: p.contractId,
        orderId: p.orderId,
        dueOn: dateValue(p.dueOn),
        receivedAt: p.receivedAt ? toWallClock(p.receivedAt, timeZone) : null,
        method: p.method,
        notes: p.notes,
      })}
      toFields={(v) => ({
        amount: String(v.amount).trim(),
        contractId: v.contractId ?? null,
        orderId: v.orderId ?? null,
        dueOn: dateString(v.dueOn),
        receivedAt: v.receivedAt ? fromWallClock(v.receivedAt, timeZone) : null,
        method: textOrNull(v.method),
        notes: textOrNull(v.notes),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amount"
            label={t('records.payments.fields.amount')}
            rules={[required, ...moneyRules(t)]}
          >
            <InputNumber<string>
              stringMode
              autoFocus
              prefix={currencyPrefix()}
              style={{ width: '100%' }}
              data-testid="payment-amount"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="method" label={t('records.payments.fields.method')} rules={[max(50)]}>
            <AutoComplete
              options={PAYMENT_METHODS.map((m) => ({ value: t(`records.payments.methods.${m}`) }))}
              filterOption={(input, option) =>
                String(option?.value ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
              data-testid="payment-method"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contractId" label={t('records.payments.fields.contract')}>
            <ContractSelect customerId={customerId} data-testid="payment-contract" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="orderId" label={t('records.payments.fields.order')}>
            <OrderSelect customerId={customerId} data-testid="payment-order" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="dueOn" label={t('records.payments.fields.dueOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="payment-due-on" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="receivedAt"
            label={t('records.payments.fields.receivedAt')}
            extra={t('records.payments.receivedHint')}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="payment-received-at"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('records.payments.fields.notes')} rules={[max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="payment-notes" />
      </Form.Item>
    </RecordFormModal>
  );
}
