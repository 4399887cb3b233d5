import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Contract } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { textOrNull } from '../lib/diff.ts';
import { CONTRACT_STATUSES } from '../lib/enums.ts';
import { dateString, dateValue } from '../lib/time.ts';
import { RecordFormModal } from './RecordFormModal.tsx';
import { currencyPrefix, moneyRules } from './formRules.ts';

interface Values {
  contractNo: string;
  title: string;
  amount: string;
  status: Contract['status'];
  signedOn?: Dayjs | null;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  notes?: string | null;
}

export function ContractFormModal({
  customerId,
  contract,
  onClose,
}: {
  customerId: string;
  contract: Contract | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const required = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <RecordFormModal<'contracts', Values>
      type="contracts"
      customerId={customerId}
      record={contract}
      title={
        contract
          ? t('records.contracts.editTitle', { no: contract.contractNo })
          : t('records.contracts.createTitle')
      }
      testId="contract-form"
      width={720}
      initialValues={{ status: 'draft' }}
      toValues={(c) => ({
        contractNo: c.contractNo,
        title: c.title,
        amount: c.amount,
        status: c.status,
        signedOn: dateValue(c.signedOn),
        startsOn: dateValue(c.startsOn),
        endsOn: dateValue(c.endsOn),
        notes: c.notes,
      })}
      toFields={(v) => ({
        contractNo: v.contractNo.trim(),
        title: v.title.trim(),
        amount: String(v.amount).trim(),
        status: v.status,
        signedOn: dateString(v.signedOn),
        startsOn: dateString(v.startsOn),
        endsOn: dateString(v.endsOn),
        notes: textOrNull(v.notes),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="contractNo"
            label={t('records.contracts.fields.contractNo')}
            rules={[{ ...required, whitespace: true }, max(64)]}
          >
            <Input autoFocus data-testid="contract-no" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t('records.contracts.fields.status')} rules={[required]}>
            <Select
              options={CONTRACT_STATUSES.map((s) => ({
                value: s,
                label: t(`records.contracts.statuses.${s}`),
              }))}
              data-testid="contract-status"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('records.contracts.fields.title')}
            rules={[{ ...required, whitespace: true }, max(200)]}
          >
            <Input data-testid="contract-title" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amount"
            label={t('records.contracts.fields.amount')}
            rules={[required, ...moneyRules(t)]}
          >
            <InputNumber<string>
              stringMode
              prefix={currencyPrefix()}
              style={{ width: '100%' }}
              data-testid="contract-amount"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="signedOn" label={t('records.contracts.fields.signedOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="contract-signed-on" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="startsOn" label={t('records.contracts.fields.startsOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="contract-starts-on" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="endsOn"
            label={t('records.contracts.fields.endsOn')}
            dependencies={['startsOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | null | undefined;
                  return value && start && value.isBefore(start, 'day')
                    ? Promise.reject(new Error(t('records.contracts.endBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="contract-ends-on" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('records.contracts.fields.notes')} rules={[max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contract-notes" />
      </Form.Item>
    </RecordFormModal>
  );
}
