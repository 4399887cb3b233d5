import { useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { BookOutlined, DownOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../modules/auth/session.ts';
import { useLogout } from '../../modules/auth/hooks/useAuthActions.ts';
import { ChangePasswordModal } from '../../modules/auth/components/ChangePasswordModal.tsx';

/** Avatar menu (`data-testid="user-menu"`): change password, API docs (new tab), sign out (`logout`). */
export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical style={{ cursor: 'default' }}>
          <Typography.Text strong>{me.user.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.user.email} · {t(`roles.${me.user.role}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    ...(me.kind === 'user'
      ? [
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="change-password">{t('header.changePassword')}</span>,
            onClick: () => setChangingPassword(true),
          },
        ]
      : []),
    {
      key: 'docs',
      icon: <BookOutlined />,
      label: (
        <a href="/api/docs" target="_blank" rel="noopener noreferrer" data-testid="api-docs">
          {t('header.apiDocs')}
        </a>
      ),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
      onClick: () =>
        logout.mutate(undefined, {
          onSettled: () => {
            void message.success(t('header.loggedOut'));
            void navigate('/login', { replace: true });
          },
        }),
    },
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ height: 40, paddingInline: 8 }}>
          <Flex align="center" gap={8}>
            <Avatar size="small" style={{ backgroundColor: '#1f6feb' }}>
              {me.user.name.slice(0, 1).toUpperCase()}
            </Avatar>
            <span className="user-menu-name">{me.user.name}</span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Flex>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
