import type { ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@stratum/contracts';

export interface NavItem {
  key: string;
  path: string;
  /** i18n key of the label. */
  label: 'nav.home' | 'nav.users' | 'nav.teams' | 'nav.apiKeys' | 'nav.auditLog';
  icon: ReactNode;
  /** Shown only to identities holding this permission. */
  permission?: Permission;
  testId: string;
}

/** Modules that exist today; the menu shows the ones the signed-in user may open. */
export const HOME_ITEM: NavItem = {
  key: 'home',
  path: '/',
  label: 'nav.home',
  icon: <HomeOutlined />,
  testId: 'nav-home',
};

export const SETTINGS_ICON = <SettingOutlined />;

export const SETTINGS_ITEMS: NavItem[] = [
  {
    key: 'users',
    path: '/settings/users',
    label: 'nav.users',
    icon: <UserOutlined />,
    permission: 'users.read',
    testId: 'nav-users',
  },
  {
    key: 'teams',
    path: '/settings/teams',
    label: 'nav.teams',
    icon: <TeamOutlined />,
    permission: 'teams.read',
    testId: 'nav-teams',
  },
  {
    key: 'api-keys',
    path: '/settings/api-keys',
    label: 'nav.apiKeys',
    icon: <ApiOutlined />,
    permission: 'apiKeys.manage',
    testId: 'nav-api-keys',
  },
  {
    key: 'audit-log',
    path: '/settings/audit-log',
    label: 'nav.auditLog',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    testId: 'nav-audit-log',
  },
];
