import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePermissions } from '../../modules/auth/session.ts';
import {
  ANALYTICS_ICON,
  ANALYTICS_ITEMS,
  ANALYTICS_PERMISSION,
  CUSTOMERS_ICON,
  CUSTOMERS_PERMISSION,
  CUSTOMER_ITEMS,
  HOME_ITEM,
  SEGMENTATION_ICON,
  SEGMENTATION_ITEMS,
  SEGMENTATION_PERMISSION,
  SETTINGS_ICON,
  SETTINGS_ITEMS,
} from './navigation.tsx';
import type { NavItem } from './navigation.tsx';

export function SideMenu() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const can = usePermissions();

  const toMenuItem = (item: NavItem) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={item.testId}>
        {t(item.label)}
      </Link>
    ),
  });

  const allowed = (item: NavItem) => !item.permission || can(item.permission);
  const customers = can(CUSTOMERS_PERMISSION) ? CUSTOMER_ITEMS.filter(allowed) : [];
  const segmentation = can(SEGMENTATION_PERMISSION) ? SEGMENTATION_ITEMS.filter(allowed) : [];
  const analytics = can(ANALYTICS_PERMISSION) ? ANALYTICS_ITEMS.filter(allowed) : [];
  const settings = SETTINGS_ITEMS.filter(allowed);
  const items: MenuProps['items'] = [toMenuItem(HOME_ITEM)];
  if (customers.length > 0) {
    items.push({
      key: 'customers-group',
      icon: CUSTOMERS_ICON,
      label: <span data-testid="nav-customers-group">{t('nav.customers')}</span>,
      children: customers.map(toMenuItem),
    });
  }
  if (segmentation.length > 0) {
    items.push({
      key: 'segmentation-group',
      icon: SEGMENTATION_ICON,
      label: <span data-testid="nav-segmentation-group">{t('nav.segmentation')}</span>,
      children: segmentation.map(toMenuItem),
    });
  }
  if (analytics.length > 0) {
    items.push({
      key: 'analytics-group',
      icon: ANALYTICS_ICON,
      label: <span data-testid="nav-analytics-group">{t('nav.analytics')}</span>,
      children: analytics.map(toMenuItem),
    });
  }
  if (settings.length > 0) {
    items.push({
      key: 'settings',
      icon: SETTINGS_ICON,
      label: <span data-testid="nav-settings">{t('nav.settings')}</span>,
      children: settings.map(toMenuItem),
    });
  }

  // The most specific match wins: /customers/recycle-bin over /customers (which also covers a customer).
  const selected = [
    HOME_ITEM,
    ...CUSTOMER_ITEMS,
    ...SEGMENTATION_ITEMS,
    ...ANALYTICS_ITEMS,
    ...SETTINGS_ITEMS,
  ]
    .filter((item) =>
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      defaultOpenKeys={['customers-group', 'segmentation-group', 'analytics-group', 'settings']}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
