import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '@stratum/contracts';

interface Props {
  open: boolean;
  pipeline: Pipeline;
  onCancel: () => void;
  onSubmit: (v: { lossReasonId: string; note: string | null }) => Promise<void> | void;
}

/** Closing a deal as lost asks why: a reason of the pipeline and an optional note. */
export function LoseModal({ open, pipeline, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ lossReasonId: string; note?: string }>();
  const reasons = pipeline.lossReasons.filter((r) => r.active);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('pipeline.lose.title')}
      okText={t('pipeline.lose.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: reasons.length === 0 }}
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields();
        await onSubmit({ lossReasonId: v.lossReasonId, note: v.note?.trim() || null });
      }}
      destroyOnHidden
    >
      {reasons.length === 0 ? (
        <Alert type="warning" showIcon message={t('pipeline.lose.noReasons')} />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item
            name="lossReasonId"
            label={t('pipeline.lose.reason')}
            rules={[{ required: true, message: t('pipeline.lose.reasonRequired') }]}
          >
            <Select
              options={reasons.map((r) => ({ value: r.id, label: r.name }))}
              data-testid="lose-reason"
            />
          </Form.Item>
          <Form.Item name="note" label={t('pipeline.lose.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
