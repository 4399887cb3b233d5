import type { ReactNode } from 'react';
import {
  ApiOutlined,
  ApartmentOutlined,
  AuditOutlined,
  AreaChartOutlined,
  BarChartOutlined,
  ClusterOutlined,
  FunnelPlotOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DeleteOutlined,
  DotChartOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  LikeOutlined,
  PartitionOutlined,
  RiseOutlined,
  SwapOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
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
    | 'nav.import'
    | 'nav.products'
    | 'nav.users'
    | 'nav.teams'
    | 'nav.customFields'
    | 'nav.rfm'
    | 'nav.schemes'
    | 'nav.migration'
    | 'nav.tags'
    | 'nav.segments'
    | 'nav.pipelineBoard'
    | 'nav.pipelineFunnel'
    | 'nav.pipelines'
    | 'nav.dashboards'
    | 'nav.clv'
    | 'nav.clusters'
    | 'nav.nps'
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
const CUSTOMER_ITEMS: NavItem[] = [
  {
    key: 'customers',
    path: '/customers',
    label: 'nav.customerList',
    icon: <UnorderedListOutlined />,
    permission: 'customers.read',
    testId: 'nav-customers',
  },
  {
    key: 'import',
    path: '/customers/import',
    label: 'nav.import',
    icon: <UploadOutlined />,
    permission: 'customers.write',
    testId: 'nav-import',
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
  {
    key: 'pipeline-board',
    path: '/pipeline',
    label: 'nav.pipelineBoard',
    icon: <FundProjectionScreenOutlined />,
    permission: 'customers.read',
    testId: 'nav-pipeline',
  },
  {
    key: 'pipeline-funnel',
    path: '/pipeline/funnel',
    label: 'nav.pipelineFunnel',
    icon: <FunnelPlotOutlined />,
    permission: 'customers.read',
    testId: 'nav-pipeline-funnel',
  },
];

/** The 客户分层 group: shown with `customers.read`. */
const SEGMENTATION_ITEMS: NavItem[] = [
  {
    key: 'rfm',
    path: '/segmentation/rfm',
    label: 'nav.rfm',
    icon: <BarChartOutlined />,
    permission: 'customers.read',
    testId: 'nav-rfm',
  },
  {
    key: 'schemes',
    path: '/segmentation/schemes',
    label: 'nav.schemes',
    icon: <PartitionOutlined />,
    permission: 'customers.read',
    testId: 'nav-schemes',
  },
  {
    key: 'migration',
    path: '/segmentation/migration',
    label: 'nav.migration',
    icon: <SwapOutlined />,
    permission: 'customers.read',
    testId: 'nav-migration',
  },
  {
    key: 'segments',
    path: '/segmentation/segments',
    label: 'nav.segments',
    icon: <TeamOutlined />,
    permission: 'customers.read',
    testId: 'nav-segments',
  },
  {
    key: 'tags',
    path: '/segmentation/tags',
    label: 'nav.tags',
    icon: <TagsOutlined />,
    permission: 'customers.read',
    testId: 'nav-tags',
  },
];

/** The 分析 group: shown with `customers.read` (every figure is within the caller's scope). */
const ANALYTICS_ITEMS: NavItem[] = [
  {
    key: 'dashboards',
    path: '/analytics',
    label: 'nav.dashboards',
    icon: <DashboardOutlined />,
    permission: 'customers.read',
    testId: 'nav-dashboards',
  },
  {
    key: 'clv',
    path: '/analytics/clv',
    label: 'nav.clv',
    icon: <RiseOutlined />,
    permission: 'customers.read',
    testId: 'nav-clv',
  },
  {
    key: 'clusters',
    path: '/analytics/clusters',
    label: 'nav.clusters',
    icon: <DotChartOutlined />,
    permission: 'customers.read',
    testId: 'nav-clusters',
  },
  {
    key: 'nps',
    path: '/analytics/nps',
    label: 'nav.nps',
    icon: <LikeOutlined />,
    permission: 'customers.read',
    testId: 'nav-nps',
  },
];

/** The 设置 group: no permission of its own; each item needs its own. */
const SETTINGS_ITEMS: NavItem[] = [
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
    key: 'pipelines',
    path: '/settings/pipelines',
    label: 'nav.pipelines',
    icon: <ApartmentOutlined />,
    permission: 'pipeline.manage',
    testId: 'nav-pipelines',
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

export interface NavGroup {
  /** Menu key of the submenu (also what opens it by default). */
  key: string;
  /** i18n key of the label. */
  label: 'nav.customers' | 'nav.segmentation' | 'nav.analytics' | 'nav.settings';
  icon: ReactNode;
  /** The whole group is shown only to identities holding this permission. */
  permission?: Permission;
  testId: string;
  items: NavItem[];
}

/** The menu's groups, in order; a group is shown when the user may open at least one of its items. */
export const NAV_GROUPS: NavGroup[] = [
  {
    key: 'customers-group',
    label: 'nav.customers',
    icon: <ContactsOutlined />,
    permission: 'customers.read',
    testId: 'nav-customers-group',
    items: CUSTOMER_ITEMS,
  },
  {
    key: 'segmentation-group',
    label: 'nav.segmentation',
    icon: <ClusterOutlined />,
    permission: 'customers.read',
    testId: 'nav-segmentation-group',
    items: SEGMENTATION_ITEMS,
  },
  {
    key: 'analytics-group',
    label: 'nav.analytics',
    icon: <AreaChartOutlined />,
    permission: 'customers.read',
    testId: 'nav-analytics-group',
    items: ANALYTICS_ITEMS,
  },
  {
    key: 'settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    testId: 'nav-settings',
    items: SETTINGS_ITEMS,
  },
];

/** The groups and items `can` allows, in menu order; groups left empty are dropped. */
export function visibleGroups(can: (permission: Permission) => boolean): NavGroup[] {
  const allowed = (entry: { permission?: Permission }) => !entry.permission || can(entry.permission);
  return NAV_GROUPS.filter(allowed)
    .map((group) => ({ ...group, items: group.items.filter(allowed) }))
    .filter((group) => group.items.length > 0);
}

/**
 * The item whose page is open: the most specific match wins (/customers/recycle-bin over /customers, which
 * also covers a customer). Matches over every item, shown or not, as the menu always has.
 */
export function activeItem(pathname: string): NavItem | undefined {
  return [HOME_ITEM, ...NAV_GROUPS.flatMap((group) => group.items)]
    .filter((item) =>
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
