import { useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import type { RecordFields, RecordType, RecordTypes, RecordView } from '../api.ts';
import { changedFields } from '../lib/diff.ts';
import { useCreateRecord, useUpdateRecord } from '../hooks/useRecords.ts';
import '../records.css';

export interface RecordFormModalProps<T extends RecordType, V extends object> {
  type: T;
  customerId: string;
  /** The record to edit, or null to create one. */
  record: RecordView<T> | null;
  title: ReactNode;
  /** `data-testid` of the form; the save button gets `<testId>-submit`. */
  testId: string;
  /** Form values of a new record. */
  initialValues: Partial<V>;
  /** Form values of an existing record. */
  toValues: (record: RecordView<T>) => V;
  /** The request fields (without customerId and version) of form values; names match the form's. */
  toFields: (values: V) => RecordFields<T>;
  onClose: () => void;
  onSaved?: (record: RecordView<T>) => void;
  children: ReactNode;
  width?: number;
  okText?: string;
  /** Success message; defaults to "Created" / "Saved". */
  savedText?: string;
  /** Shown left of the buttons, e.g. a keyboard hint. */
  footerNote?: ReactNode;
}

/**
 * Create or edit one record of a customer. The API's field errors (`details[].path`, including nested
 * ones such as `lines.0.unitPrice`) land on the matching form fields; an edit sends only what changed
 * with the version it was opened with, and on 409 the form reloads the current record and says so.
 * Ctrl/⌘ + Enter saves from anywhere in the form.
 */
export function RecordFormModal<T extends RecordType, V extends object>({
  type,
  customerId,
  record,
  title,
  testId,
  initialValues,
  toValues,
  toFields,
  onClose,
  onSaved,
  children,
  width,
  okText,
  savedText,
  footerNote,
}: RecordFormModalProps<T, V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [current, setCurrent] = useState(record);
  const [conflict, setConflict] = useState(false);
  const create = useCreateRecord(type);
  const update = useUpdateRecord(type);
  const handleError = useApiErrorHandler();

  const done = (saved: RecordView<T>, created: boolean) => {
    void message.success(
      savedText ?? (created ? t('records.common.createdOk') : t('records.common.updatedOk')),
    );
    onSaved?.(saved);
    onClose();
  };

  const onError = (err: unknown) => {
    const latest = conflictCurrent<RecordView<T>>(err);
    if (latest) {
      setCurrent(latest);
      setConflict(true);
      form.resetFields();
      form.setFieldsValue(toValues(latest) as Parameters<typeof form.setFieldsValue>[0]);
      return;
    }
    handleError(err, { form });
  };

  const onFinish = (values: V) => {
    const fields = toFields(values);
    if (!current) {
      create.mutate({ ...fields, customerId } as RecordTypes[T]['create'], {
        onSuccess: (saved) => done(saved, true),
        onError,
      });
      return;
    }
    const changes = changedFields(
      fields as Record<string, unknown>,
      toFields(toValues(current)) as Record<string, unknown>,
    );
    if (Object.keys(changes).length === 0) {
      void message.info(t('records.common.unchanged'));
      onClose();
      return;
    }
    update.mutate(
      {
        id: current.id,
        customerId,
        body: { ...changes, version: current.version } as RecordTypes[T]['update'],
      },
      { onSuccess: (saved) => done(saved, false), onError },
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': `${testId}-submit` }}
      maskClosable={false}
      footer={(buttons) => (
        <div className="records-modal-footer">
          <span className="records-modal-footer-note">{footerNote}</span>
          <span>{buttons}</span>
        </div>
      )}
    >
      {conflict && (
        <Alert type="warning" showIcon message={t('errors.versionConflict')} style={{ marginBottom: 16 }} />
      )}
      <div onKeyDown={onKeyDown}>
        <Form<V>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={record ? toValues(record) : initialValues}
          scrollToFirstError
          data-testid={testId}
        >
          {children}
        </Form>
      </div>
    </Modal>
  );
}
