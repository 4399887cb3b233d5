import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import type { CreateCustomFieldBody, CustomField, UpdateCustomFieldBody } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { CUSTOM_FIELD_TYPES } from '../api.ts';
import type { CustomFieldType } from '../api.ts';
import { useCreateCustomField, useUpdateCustomField } from '../hooks/useCustomFields.ts';

interface Values {
  key: string;
  type: CustomFieldType;
  labelZh: string;
  labelEn: string;
  options: string[];
  required: boolean;
  position: number;
}

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const isChoice = (type: CustomFieldType | undefined) => type === 'single_select' || type === 'multi_select';

const valuesOf = (f: CustomField | null, nextPosition: number): Values => ({
  key: f?.key ?? '',
  type: f?.type ?? 'text',
  labelZh: f?.labelZh ?? '',
  labelEn: f?.labelEn ?? '',
  options: f?.options ?? [],
  required: f?.required ?? false,
  position: f?.position ?? nextPosition,
});

/** Trimmed, non-empty, without duplicates, in the order given. */
const cleanOptions = (options: string[]) => [...new Set(options.map((o) => o.trim()).filter(Boolean))];

/**
 * Define a custom field, or edit one: labels, options, required and position (key and type are fixed
 * once created).
 */
export function CustomFieldFormModal({
  field,
  nextPosition,
  onClose,
}: {
  field: CustomField | null;
  /** Position for a new field: after the last one. */
  nextPosition: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(field);
  const [conflict, setConflict] = useState(false);
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const handleError = useApiErrorHandler();
  const type = Form.useWatch('type', form) ?? record?.type;

  const onFinish = (values: Values) => {
    const options = cleanOptions(values.options ?? []);
    if (!record) {
      const body: CreateCustomFieldBody = {
        key: values.key.trim(),
        type: values.type,
        labelZh: values.labelZh.trim(),
        labelEn: values.labelEn.trim(),
        required: values.required,
        position: values.position,
        ...(isChoice(values.type) ? { options } : {}),
      };
      create.mutate(body, {
        onSuccess: () => {
          void message.success(t('customFields.created'));
          onClose();
        },
        onError: (err) => handleError(err, { form }),
      });
      return;
    }
    const body: UpdateCustomFieldBody = { version: record.version };
    if (values.labelZh.trim() !== record.labelZh) body.labelZh = values.labelZh.trim();
    if (values.labelEn.trim() !== record.labelEn) body.labelEn = values.labelEn.trim();
    if (values.required !== record.required) body.required = values.required;
    if (values.position !== record.position) body.position = values.position;
    if (isChoice(record.type) && JSON.stringify(options) !== JSON.stringify(record.options))
      body.options = options;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: record.id, body },
      {
        onSuccess: () => {
          void message.success(t('customFields.updated'));
          onClose();
        },
        onError: (err) => {
          const current = conflictCurrent<CustomField>(err);
          if (current) {
            setRecord(current);
            setConflict(true);
            form.setFieldsValue(valuesOf(current, nextPosition));
            return;
          }
          handleError(err, { form });
        },
      },
    );
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const max100 = { max: 100, message: t('validation.maxLength', { max: 100 }) };

  return (
    <Modal
      open
      title={record ? t('customFields.editTitle') : t('customFields.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'custom-field-form-submit' }}
    >
      {conflict && (
        <Alert type="warning" showIcon message={t('errors.versionConflict')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(field, nextPosition)}
        data-testid="custom-field-form"
      >
        <Form.Item
          name="key"
          label={t('customFields.fields.key')}
          extra={record ? undefined : t('customFields.fields.keyHint')}
          rules={
            record ? [] : [required, { pattern: KEY_PATTERN, message: t('customFields.fields.keyPattern') }]
          }
        >
          <Input
            disabled={!!record}
            placeholder={t('customFields.fields.keyPlaceholder')}
            maxLength={40}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
            data-testid="custom-field-key"
          />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('customFields.fields.type')}
          extra={record ? undefined : t('customFields.fields.typeHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            disabled={!!record}
            options={CUSTOM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`customFields.types.${ty}`) }))}
            data-testid="custom-field-type"
          />
        </Form.Item>
        <Form.Item name="labelZh" label={t('customFields.fields.labelZh')} rules={[required, max100]}>
          <Input
            placeholder={t('customFields.fields.labelZhPlaceholder')}
            data-testid="custom-field-label-zh"
          />
        </Form.Item>
        <Form.Item name="labelEn" label={t('customFields.fields.labelEn')} rules={[required, max100]}>
          <Input
            placeholder={t('customFields.fields.labelEnPlaceholder')}
            data-testid="custom-field-label-en"
          />
        </Form.Item>
        {isChoice(type) && (
          <Form.Item
            name="options"
            label={t('customFields.fields.options')}
            rules={[
              {
                validator: (_, value: string[] | undefined) =>
                  cleanOptions(value ?? []).length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('customFields.fields.optionsRequired'))),
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', '，']}
              placeholder={t('customFields.fields.optionsPlaceholder')}
              data-testid="custom-field-options"
            />
          </Form.Item>
        )}
        <Form.Item
          name="required"
          label={t('customFields.fields.required')}
          valuePropName="checked"
          extra={t('customFields.fields.requiredHint')}
        >
          <Switch data-testid="custom-field-required" />
        </Form.Item>
        <Form.Item
          name="position"
          label={t('customFields.fields.position')}
          extra={t('customFields.fields.positionHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={10000} precision={0} data-testid="custom-field-position" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
