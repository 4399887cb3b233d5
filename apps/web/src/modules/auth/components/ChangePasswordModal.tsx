import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useChangePassword } from '../hooks/useAuthActions.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the signed-in user's password (`POST /auth/password`); other sessions end. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const handleError = useApiErrorHandler();

  const onFinish = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('auth.changePassword.success'));
          onClose();
        },
        onError: (err) =>
          handleError(err, { form, fieldCodes: { INVALID_CURRENT_PASSWORD: 'currentPassword' } }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('auth.changePassword.title')}
      okText={t('auth.changePassword.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert type="info" showIcon message={t('auth.changePassword.hint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        clearOnDestroy
        data-testid="change-password-form"
      >
        <Form.Item
          name="currentPassword"
          label={t('auth.changePassword.current')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.changePassword.new')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
