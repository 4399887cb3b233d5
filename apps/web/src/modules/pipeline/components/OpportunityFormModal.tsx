import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Opportunity, Pipeline } from '@stratum/contracts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { isApiError } from '../../../app/api/errors.ts';
import { usePermissions } from '../../auth/session.ts';
import { useProducts } from '../../records/hooks/useRecords.ts';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import { pipelineApi } from '../api.ts';
import { useInvalidatePipeline } from '../hooks/usePipeline.ts';
import { CustomerSelect } from './CustomerSelect.tsx';

interface Values {
  customerId?: string;
  title: string;
  amount: string;
  expectedCloseOn?: Dayjs | null;
  ownerId?: string;
  stageId?: string;
  productIds?: string[];
  notes?: string | null;
}

interface Props {
  open: boolean;
  pipeline: Pipeline;
  /** The deal to edit; none to create one. */
  opportunity?: Opportunity | null;
  /** Preset customer when creating from a customer's page. */
  customerId?: string;
  customerName?: string;
  onClose: () => void;
  onSaved?: (o: Opportunity) => void;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Create or edit an opportunity. The stage is picked only when creating; afterwards it moves on the board. */
export function OpportunityFormModal({
  open,
  pipeline,
  opportunity,
  customerId,
  customerName,
  onClose,
  onSaved,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const invalidate = useInvalidatePipeline();
  const products = useProducts({ page: 1, pageSize: 200, sort: 'name', active: 'true' }, open);
  const editing = !!opportunity;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      opportunity
        ? {
            title: opportunity.title,
            amount: opportunity.amount,
            expectedCloseOn: opportunity.expectedCloseOn ? dayjs(opportunity.expectedCloseOn) : null,
            ownerId: opportunity.ownerId ?? undefined,
            productIds: opportunity.productIds,
            notes: opportunity.notes,
          }
        : { customerId, stageId: pipeline.stages.find((s) => s.kind === 'open')?.id },
    );
  }, [open, opportunity, customerId, pipeline, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      title: v.title,
      amount: v.amount.trim(),
      expectedCloseOn: v.expectedCloseOn ? v.expectedCloseOn.format('YYYY-MM-DD') : null,
      productIds: v.productIds ?? [],
      notes: v.notes?.trim() || null,
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    };
    try {
      const saved = opportunity
        ? await pipelineApi.update(opportunity.id, { version: opportunity.version, ...common })
        : await pipelineApi.create({
            ...common,
            customerId: v.customerId!,
            pipelineId: pipeline.id,
            stageId: v.stageId,
          });
      void message.success(t(editing ? 'pipeline.form.saved' : 'pipeline.form.created'));
      invalidate();
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (isApiError(err) && err.code === 'VERSION_CONFLICT') invalidate();
      handleError(err, { form });
    }
  };

  // Products already on the deal stay pickable even if since deactivated.
  const productOptions = (products.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  for (const [i, id] of (opportunity?.productIds ?? []).entries()) {
    if (!productOptions.some((o) => o.value === id))
      productOptions.push({ value: id, label: opportunity!.productNames[i] ?? id });
  }

  return (
    <Modal
      open={open}
      title={t(editing ? 'pipeline.form.editTitle' : 'pipeline.form.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      data-testid="opportunity-form"
    >
      <Form form={form} layout="vertical" requiredMark>
        {editing ? (
          <Form.Item label={t('pipeline.fields.customer')}>
            <Input value={opportunity.customerName} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="customerId"
            label={t('pipeline.fields.customer')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <CustomerSelect valueLabel={customerName} data-testid="opportunity-customer" />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('pipeline.fields.title')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.maxLength', { max: 200 }) },
          ]}
        >
          <Input data-testid="opportunity-title" />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('pipeline.fields.amount')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: AMOUNT, message: t('pipeline.fields.amountInvalid') },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" data-testid="opportunity-amount" />
        </Form.Item>
        {!editing && (
          <Form.Item name="stageId" label={t('pipeline.fields.stage')}>
            <Select
              options={pipeline.stages
                .filter((s) => s.kind === 'open')
                .map((s) => ({ value: s.id, label: `${s.name}（${s.probability}%）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="expectedCloseOn" label={t('pipeline.fields.expectedCloseOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {can('users.read') && (
          <Form.Item name="ownerId" label={t('pipeline.fields.owner')}>
            <UserSelect
              activeOnly
              valueLabel={opportunity?.ownerName ?? undefined}
              placeholder={t('pipeline.fields.ownerPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item name="productIds" label={t('pipeline.fields.products')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={productOptions}
            loading={products.isLoading}
            placeholder={t('pipeline.fields.productsPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('pipeline.fields.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
