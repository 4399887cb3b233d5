import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../../app/i18n/index.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useSetup } from '../hooks/useAuthActions.ts';
import { AuthLayout } from './AuthLayout.tsx';

interface SetupValues {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
  passwordConfirm: string;
}

/** One-time page that creates the workspace and its first admin, then signs them in. */
export default function SetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<SetupValues>();
  const setup = useSetup();
  const handleError = useApiErrorHandler();
  const required = { required: true, whitespace: true, message: t('validation.required') };

  const onFinish = (values: SetupValues) => {
    setup.mutate(
      {
        workspaceName: values.workspaceName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale: currentLocale(),
      },
      {
        onSuccess: () => {
          void message.success(t('auth.setup.done'));
          void navigate('/', { replace: true });
        },
        onError: (err) => handleError(err, { form, fieldCodes: { EMAIL_TAKEN: 'email' } }),
      },
    );
  };

  return (
    <AuthLayout title={t('auth.setup.title')} subtitle={t('auth.setup.subtitle')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={setup.isPending}>
        <Form.Item
          name="workspaceName"
          label={t('auth.setup.workspace')}
          rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}
        >
          <Input placeholder={t('auth.setup.workspacePlaceholder')} autoFocus data-testid="setup-workspace" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('auth.setup.name')}
          rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}
        >
          <Input placeholder={t('auth.setup.namePlaceholder')} autoComplete="name" data-testid="setup-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('auth.setup.email')}
          rules={[required, { type: 'email', message: t('validation.email') }]}
        >
          <Input
            placeholder={t('auth.login.emailPlaceholder')}
            autoComplete="username"
            data-testid="setup-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.setup.password')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.passwordMin') },
          ]}
        >
          <Input.Password
            placeholder={t('auth.setup.passwordPlaceholder')}
            autoComplete="new-password"
            data-testid="setup-password"
          />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('auth.setup.passwordConfirm')}
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
          <Input.Password
            placeholder={t('auth.setup.passwordConfirmPlaceholder')}
            autoComplete="new-password"
            data-testid="setup-password-confirm"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={setup.isPending}
          data-testid="setup-submit"
        >
          {t('auth.setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
