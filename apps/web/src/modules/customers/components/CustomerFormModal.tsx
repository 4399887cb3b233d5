import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
} from 'antd';
import type { CreateCustomerBody, Customer, CustomField, UpdateCustomerBody } from '@stratum/contracts';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { useCustomFieldLabel, useCustomFields } from '../../custom-fields/hooks/useCustomFields.ts';
import { useCreateCustomer, useUpdateCustomer } from '../hooks/useCustomers.ts';
import { useCustomerLabels } from '../hooks/useCustomerLabels.ts';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES, SIZE_BANDS, SOURCE_CHANNELS } from '../labels.ts';
import type { CustomerKind, CustomerStatus, SizeBand, SourceChannel } from '../labels.ts';
import { PROVINCES, citiesOf } from '../regions.ts';
import { OwnerPicker } from './OwnerPicker.tsx';

export interface CustomerFormModalProps {
  open: boolean;
  /** The customer to edit; without one the modal creates a customer. */
  customer?: Customer | null;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}

type CfValue = string | number | string[] | null;

const TEXT_FIELDS = [
  'externalId',
  'industry',
  'province',
  'city',
  'phone',
  'email',
  'wechat',
  'address',
  'website',
  'notes',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

type Values = { [K in TextField]?: string } & {
  name: string;
  kind: CustomerKind;
  status: CustomerStatus;
  sizeBand?: SizeBand | null;
  source?: SourceChannel | null;
  ownerId?: string | null;
  customFields?: Record<string, CfValue | undefined>;
};

const valuesOf = (c: Customer | null | undefined, myId: string): Values => ({
  name: c?.name ?? '',
  kind: c?.kind ?? 'company',
  status: c?.status ?? 'potential',
  sizeBand: (c?.sizeBand as SizeBand | null) ?? undefined,
  source: (c?.source as SourceChannel | null) ?? undefined,
  ownerId: c ? c.ownerId : myId,
  ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, c?.[k] ?? undefined])),
  customFields: { ...(c?.customFields ?? {}) },
});

/** Empty text is "no value" (`null`); text is trimmed. */
const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function cfValue(def: CustomField, v: CfValue | undefined): CfValue {
  if (v === undefined || v === null) return null;
  switch (def.type) {
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'multi_select':
      return Array.isArray(v) && v.length > 0 ? v : null;
    default:
      return typeof v === 'string' ? text(v) : null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Create or edit a customer, custom fields included. On edit only changed fields are sent (with the
 * version it was opened with); if someone else saved first (409) the form reloads their version.
 * Named export: the customer detail page uses it too.
 */
export function CustomerFormModal(props: CustomerFormModalProps) {
  // Mounted only while open, so each opening starts from the record it is given.
  return props.open ? <CustomerForm key={props.customer?.id ?? 'new'} {...props} /> : null;
}

function CustomerForm({ customer, onClose, onSaved }: CustomerFormModalProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const can = usePermissions();
  const mayTransfer = can('customers.transfer');
  const labels = useCustomerLabels();
  const cfLabel = useCustomFieldLabel();
  const customFields = useCustomFields();
  const defs = customFields.data?.items ?? [];
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<Customer | null>(customer ?? null);
  const [conflict, setConflict] = useState(false);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const handleError = useApiErrorHandler();
  const province = Form.useWatch('province', form);
  const isEn = i18n.language === 'en';

  const saved = (c: Customer, text: string) => {
    void message.success(text);
    onSaved?.(c);
    onClose();
  };

  /** Server errors go onto their fields (e.g. `externalId`, `customFields.level`); the first is scrolled to. */
  const showError = (err: unknown) => {
    handleError(err, { form });
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
  };

  const onFinish = (values: Values) => {
    const cf: Record<string, CfValue> = {};
    for (const def of defs) {
      const next = cfValue(def, values.customFields?.[def.key]);
      const before = record?.customFields[def.key] ?? null;
      if (!record ? next !== null : !same(next, before)) cf[def.key] = next;
    }

    if (!record) {
      const body: CreateCustomerBody = {
        name: values.name.trim(),
        kind: values.kind,
        status: values.status,
        sizeBand: values.sizeBand ?? null,
        source: values.source ?? null,
      };
      for (const k of TEXT_FIELDS) {
        const v = text(values[k]);
        if (v !== null) body[k] = v;
      }
      if (mayTransfer && values.ownerId !== undefined) body.ownerId = values.ownerId;
      if (Object.keys(cf).length > 0) body.customFields = cf;
      create.mutate(body, {
        onSuccess: (c) => saved(c, t('customers.created')),
        onError: showError,
      });
      return;
    }

    const body: UpdateCustomerBody = { version: record.version };
    if (values.name.trim() !== record.name) body.name = values.name.trim();
    if (values.kind !== record.kind) body.kind = values.kind;
    if (values.status !== record.status) body.status = values.status;
    if ((values.sizeBand ?? null) !== record.sizeBand) body.sizeBand = values.sizeBand ?? null;
    if ((values.source ?? null) !== record.source) body.source = values.source ?? null;
    for (const k of TEXT_FIELDS) {
      const v = text(values[k]);
      if (v !== record[k]) body[k] = v;
    }
    if (mayTransfer && values.ownerId !== undefined && values.ownerId !== record.ownerId)
      body.ownerId = values.ownerId;
    if (Object.keys(cf).length > 0) body.customFields = cf;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: record.id, body },
      {
        onSuccess: (c) => saved(c, t('customers.updated')),
        onError: (err) => {
          const current = conflictCurrent<Customer>(err);
          if (current) {
            setRecord(current);
            setConflict(true);
            form.setFieldsValue(valuesOf(current, me.user.id));
            return;
          }
          showError(err);
        },
      },
    );
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  const half = { xs: 24, sm: 12 };
  const cities = citiesOf(province);

  const customInput = (def: CustomField) => {
    const testId = `customer-cf-${def.key}`;
    switch (def.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
      case 'date':
        return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" data-testid={testId} />;
      case 'single_select':
        return (
          <Select
            allowClear
            options={def.options.map((o) => ({ value: o, label: o }))}
            placeholder={t('customers.fields.select')}
            data-testid={testId}
          />
        );
      case 'multi_select':
        return (
          <Select
            mode="multiple"
            allowClear
            options={def.options.map((o) => ({ value: o, label: o }))}
            placeholder={t('customers.fields.select')}
            data-testid={testId}
          />
        );
      default:
        return <Input maxLength={2000} data-testid={testId} />;
    }
  };

  return (
    <Modal
      open
      width={820}
      title={record ? t('customers.editTitle') : t('customers.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'customer-form-submit' }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          message={t('errors.versionConflict')}
          style={{ marginBottom: 16 }}
          data-testid="customer-form-conflict"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(customer, me.user.id)}
        scrollToFirstError
        data-testid="customer-form"
      >
        <Divider orientation="left" orientationMargin={0} style={{ marginTop: 0 }}>
          {t('customers.sections.basic')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('customers.fields.name')} rules={[required, max(200)]}>
              <Input placeholder={t('customers.fields.namePlaceholder')} data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('customers.fields.kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={CUSTOMER_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
                data-testid="customer-kind"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="status"
              label={t('customers.fields.status')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
                data-testid="customer-status"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="externalId" label={t('customers.fields.externalId')} rules={[max(100)]}>
              <Input
                placeholder={t('customers.fields.externalIdPlaceholder')}
                data-testid="customer-external-id"
              />
            </Form.Item>
          </Col>
          {mayTransfer && (
            <Col span={24}>
              <Form.Item name="ownerId" label={t('customers.fields.owner')}>
                <OwnerPicker
                  ownerName={record?.ownerId ? record.ownerName : record ? null : me.user.name}
                  data-testid="customer-owner"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={8}>
            <Form.Item name="industry" label={t('customers.fields.industry')} rules={[max(100)]}>
              <Input
                placeholder={t('customers.fields.industryPlaceholder')}
                data-testid="customer-industry"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="sizeBand" label={t('customers.fields.sizeBand')}>
              <Select
                allowClear
                placeholder={t('customers.fields.select')}
                options={SIZE_BANDS.map((s) => ({ value: s, label: labels.sizeBand(s) }))}
                data-testid="customer-size-band"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="source" label={t('customers.fields.source')}>
              <Select
                allowClear
                placeholder={t('customers.fields.select')}
                options={SOURCE_CHANNELS.map((s) => ({ value: s, label: labels.source(s) }))}
                data-testid="customer-source"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('customers.sections.contact')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="phone" label={t('customers.fields.phone')} rules={[max(50)]}>
              <Input data-testid="customer-phone" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="email"
              label={t('customers.fields.email')}
              rules={[{ type: 'email', message: t('validation.email') }, max(254)]}
            >
              <Input data-testid="customer-email" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="wechat" label={t('customers.fields.wechat')} rules={[max(100)]}>
              <Input data-testid="customer-wechat" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="website" label={t('customers.fields.website')} rules={[max(300)]}>
              <Input placeholder="https://" data-testid="customer-website" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="province" label={t('customers.fields.province')} rules={[max(50)]}>
              <AutoComplete
                allowClear
                options={PROVINCES.map((p) => ({
                  value: p.name,
                  label: isEn ? `${p.name} ${p.en}` : p.name,
                }))}
                filterOption={(input, option) =>
                  !!option &&
                  (String(option.value).includes(input.trim()) ||
                    String(option.label).toLowerCase().includes(input.trim().toLowerCase()))
                }
                placeholder={t('customers.fields.provincePlaceholder')}
                data-testid="customer-province"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="city" label={t('customers.fields.city')} rules={[max(50)]}>
              <AutoComplete
                allowClear
                options={cities.map((c) => ({ value: c }))}
                filterOption={(input, option) => !!option && String(option.value).includes(input.trim())}
                placeholder={t('customers.fields.cityPlaceholder')}
                data-testid="customer-city"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="address" label={t('customers.fields.address')} rules={[max(300)]}>
              <Input data-testid="customer-address" />
            </Form.Item>
          </Col>
        </Row>

        {(customFields.isPending || customFields.isError || defs.length > 0) && (
          <>
            <Divider orientation="left" orientationMargin={0}>
              {t('customers.sections.custom')}
            </Divider>
            {customFields.isPending ? (
              <Skeleton active paragraph={{ rows: 1 }} />
            ) : customFields.isError ? (
              <Alert type="error" showIcon message={t('errors.loadFailed')} style={{ marginBottom: 16 }} />
            ) : (
              <Row gutter={16}>
                {defs.map((def) => (
                  <Col {...half} key={def.key}>
                    <Form.Item
                      name={['customFields', def.key]}
                      label={cfLabel(def)}
                      rules={def.required ? [{ required: true, message: t('validation.required') }] : []}
                      {...(def.type === 'date'
                        ? {
                            getValueProps: (v: unknown) => ({
                              value: typeof v === 'string' && v ? dayjs(v, 'YYYY-MM-DD') : null,
                            }),
                            normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
                          }
                        : {})}
                    >
                      {customInput(def)}
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            )}
          </>
        )}

        <Divider orientation="left" orientationMargin={0}>
          {t('customers.sections.other')}
        </Divider>
        <Form.Item name="notes" label={t('customers.fields.notes')} rules={[max(5000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="customer-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
