import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Switch } from 'antd';
import type { CreateProductBody, Product, UpdateProductBody } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useCreateProduct, useUpdateProduct } from '../hooks/useProducts.ts';

interface Values {
  sku: string;
  name: string;
  category?: string;
  unitPrice?: string | null;
  active: boolean;
}

const valuesOf = (p: Product | null): Values => ({
  sku: p?.sku ?? '',
  name: p?.name ?? '',
  category: p?.category ?? undefined,
  unitPrice: p?.unitPrice ?? null,
  active: p?.active ?? true,
});

const text = (v: string | null | undefined) => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

/** Strips insignificant trailing zeros of a decimal string: "12.50" → "12.5", "12.00" → "12". */
const decimalKey = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
/** Whether two amounts are the same decimal, compared as text (never as floats). */
const sameAmount = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : decimalKey(a) === decimalKey(b);

/** Create a product, or edit one (changed fields + version; a 409 reloads the current record). */
export function ProductFormModal({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(product);
  const [conflict, setConflict] = useState(false);
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const handleError = useApiErrorHandler();

  const onFinish = (values: Values) => {
    const price = text(values.unitPrice);
    if (!record) {
      const body: CreateProductBody = {
        sku: values.sku.trim(),
        name: values.name.trim(),
        category: text(values.category),
        unitPrice: price,
        active: values.active,
      };
      create.mutate(body, {
        onSuccess: () => {
          void message.success(t('products.created'));
          onClose();
        },
        onError: (err) => handleError(err, { form }),
      });
      return;
    }
    const body: UpdateProductBody = { version: record.version };
    if (values.sku.trim() !== record.sku) body.sku = values.sku.trim();
    if (values.name.trim() !== record.name) body.name = values.name.trim();
    if (text(values.category) !== record.category) body.category = text(values.category);
    if (!sameAmount(price, record.unitPrice)) body.unitPrice = price;
    if (values.active !== record.active) body.active = values.active;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: record.id, body },
      {
        onSuccess: () => {
          void message.success(t('products.updated'));
          onClose();
        },
        onError: (err) => {
          const current = conflictCurrent<Product>(err);
          if (current) {
            setRecord(current);
            setConflict(true);
            form.setFieldsValue(valuesOf(current));
            return;
          }
          handleError(err, { form });
        },
      },
    );
  };

  return (
    <Modal
      open
      title={record ? t('products.editTitle') : t('products.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'product-form-submit' }}
    >
      {conflict && (
        <Alert type="warning" showIcon message={t('errors.versionConflict')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(product)}
        data-testid="product-form"
      >
        <Form.Item
          name="sku"
          label={t('products.fields.sku')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 64, message: t('validation.maxLength', { max: 64 }) },
          ]}
        >
          <Input placeholder={t('products.fields.skuPlaceholder')} data-testid="product-sku" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('products.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.maxLength', { max: 200 }) },
          ]}
        >
          <Input data-testid="product-name" />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('products.fields.category')}
          rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}
        >
          <Input placeholder={t('products.fields.categoryPlaceholder')} data-testid="product-category" />
        </Form.Item>
        <Form.Item name="unitPrice" label={t('products.fields.unitPrice')}>
          <InputNumber<string>
            stringMode
            min="0"
            max="999999999999.99"
            precision={2}
            prefix="¥"
            style={{ width: '100%' }}
            data-testid="product-unit-price"
          />
        </Form.Item>
        <Form.Item
          name="active"
          label={t('products.fields.active')}
          valuePropName="checked"
          extra={t('products.fields.activeHint')}
        >
          <Switch data-testid="product-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
