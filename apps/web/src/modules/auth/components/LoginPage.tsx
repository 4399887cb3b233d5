import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { consumeSessionExpired } from '../../../app/api/query-client.ts';
import { validationIssues } from '../../../app/api/errors.ts';
import { useApiErrorHandler, useErrorText } from '../../../app/hooks/useApiError.ts';
import { useLogin } from '../hooks/useAuthActions.ts';
import { AuthLayout } from './AuthLayout.tsx';

interface LoginValues {
  email: string;
  password: string;
}

/** Where the guard sent us from, to go back there after signing in. */
function redirectTarget(state: unknown): string {
  const from = (state as { from?: { pathname?: string; search?: string } } | null)?.from;
  if (!from?.pathname || from.pathname === '/login' || from.pathname === '/setup') return '/';
  return `${from.pathname}${from.search ?? ''}`;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [expired] = useState(consumeSessionExpired);
  const login = useLogin();
  const errorText = useErrorText();
  const handleError = useApiErrorHandler();

  const onFinish = (values: LoginValues) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate(redirectTarget(location.state), { replace: true }),
        onError: (err) => {
          if (validationIssues(err).length > 0) handleError(err, { form });
        },
      },
    );
  };

  // Credential errors (401/403/429) are shown above the form, in the server's words.
  const error = login.error && validationIssues(login.error).length === 0 ? login.error : null;

  return (
    <AuthLayout title={t('auth.login.title')} subtitle={t('auth.login.subtitle')}>
      {expired && !error && (
        <Alert type="warning" showIcon message={t('errors.sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          message={errorText(error)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
        <Form.Item
          name="email"
          label={t('auth.login.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input
            prefix={<MailOutlined />}
            placeholder={t('auth.login.emailPlaceholder')}
            autoComplete="username"
            autoFocus
            size="large"
            data-testid="login-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.login.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            placeholder={t('auth.login.passwordPlaceholder')}
            autoComplete="current-password"
            size="large"
            data-testid="login-password"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={login.isPending}
          data-testid="login-submit"
        >
          {t('auth.login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
