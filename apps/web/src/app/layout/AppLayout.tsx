import { Suspense, useState } from 'react';
import { Flex, Layout, Typography } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useSession } from '../../modules/auth/session.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { SideMenu } from './SideMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

const COLLAPSED_KEY = 'stratum.siderCollapsed';

/** Shell of the signed-in app: collapsible side menu, header (workspace, language, user menu), page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const onCollapse = (value: boolean, how: 'clickTrigger' | 'responsive') => {
    setCollapsed(value);
    // Only a deliberate click is remembered; narrow screens collapse on their own.
    if (how === 'clickTrigger') localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        theme="light"
        collapsible
        collapsed={collapsed}
        onCollapse={onCollapse}
        breakpoint="lg"
        width={220}
        className="app-sider"
        data-testid="side-menu"
      >
        <div className="app-logo">
          <Logo collapsed={collapsed} />
        </div>
        <SideMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={8} style={{ minWidth: 0 }} title={t('header.workspace')}>
            <ShopOutlined style={{ color: '#1f6feb' }} />
            <Typography.Text strong ellipsis data-testid="workspace-name">
              {me.workspace.name}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={8}>
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<FullPageSpin height={320} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
