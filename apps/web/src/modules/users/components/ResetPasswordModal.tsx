import { Alert, App, Form, Input, Modal } from 'antd';
import type { User } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useResetPassword } from '../hooks/useUsers.ts';

interface Values {
  password: string;
  confirm: string;
}

/** An admin sets a new password for a user (`POST /users/{id}/reset-password`). */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();
  const handleError = useApiErrorHandler();

  const onFinish = (values: Values) => {
    reset.mutate(
      { id: user.id, password: values.password },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset'));
          onClose();
        },
        onError: (err) => handleError(err, { form }),
      },
    );
  };

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.name })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      maskClosable={false}
    >
      <Alert type="info" showIcon message={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        data-testid="user-reset-password-form"
      >
        <Form.Item
          name="password"
          label={t('users.fields.newPassword')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" autoFocus data-testid="user-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.fields.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
