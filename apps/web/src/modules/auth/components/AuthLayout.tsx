import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { Logo } from '../../../app/layout/Logo.tsx';

/** Centered card used by the sign-in and setup pages. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={24} style={{ width: '100%', maxWidth: 440 }}>
        <Flex vertical align="center" gap={4}>
          <Logo size={40} />
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Card style={{ width: '100%' }} styles={{ body: { padding: 32 } }}>
          <PageHeader title={title} subtitle={subtitle} />
          <div style={{ marginTop: 24 }}>{children}</div>
        </Card>
      </Flex>
    </div>
  );
}
