import type { ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DeleteOutlined,
  FormOutlined,
  HomeOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@stratum/contracts';

export interface NavItem {
  key: string;
  path: string;
  /** i18n key of the label. */
  label:
    | 'nav.home'
    | 'nav.customerList'
    | 'nav.recycleBin'
    | 'nav.products'
    | 'nav.users'
    | 'nav.teams'
    | 'nav.customFields'
    | 'nav.rfm'
    | 'nav.apiKeys'
    | 'nav.auditLog';
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

/** The 客户 group: shown with `customers.read`; its items may need more. */
export const CUSTOMERS_ICON = <ContactsOutlined />;
export const CUSTOMERS_PERMISSION: Permission = 'customers.read';

export const CUSTOMER_ITEMS: NavItem[] = [
  {
    key: 'customers',
    path: '/customers',
    label: 'nav.customerList',
    icon: <UnorderedListOutlined />,
    permission: 'customers.read',
    testId: 'nav-customers',
  },
  {
    key: 'recycle-bin',
    path: '/customers/recycle-bin',
    label: 'nav.recycleBin',
    icon: <DeleteOutlined />,
    permission: 'customers.delete',
    testId: 'nav-recycle-bin',
  },
  {
    key: 'products',
    path: '/products',
    label: 'nav.products',
    icon: <ShoppingOutlined />,
    permission: 'customers.read',
    testId: 'nav-products',
  },
];

/** The 客户分层 group: shown with `customers.read`. */
export const SEGMENTATION_ICON = <ClusterOutlined />;
export const SEGMENTATION_PERMISSION: Permission = 'customers.read';

export const SEGMENTATION_ITEMS: NavItem[] = [
  {
    key: 'rfm',
    path: '/segmentation/rfm',
    label: 'nav.rfm',
    icon: <BarChartOutlined />,
    permission: 'customers.read',
    testId: 'nav-rfm',
  },
];

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
    key: 'custom-fields',
    path: '/settings/custom-fields',
    label: 'nav.customFields',
    icon: <FormOutlined />,
    permission: 'customFields.manage',
    testId: 'nav-custom-fields',
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
