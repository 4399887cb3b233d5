import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePermissions } from '../../modules/auth/session.ts';
import { HOME_ITEM, SETTINGS_ICON, SETTINGS_ITEMS } from './navigation.tsx';
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

  const settings = SETTINGS_ITEMS.filter((item) => !item.permission || can(item.permission));
  const items: MenuProps['items'] = [toMenuItem(HOME_ITEM)];
  if (settings.length > 0) {
    items.push({
      key: 'settings',
      icon: SETTINGS_ICON,
      label: <span data-testid="nav-settings">{t('nav.settings')}</span>,
      children: settings.map(toMenuItem),
    });
  }

  const selected = [HOME_ITEM, ...SETTINGS_ITEMS].find((item) =>
    item.path === '/' ? pathname === '/' : pathname.startsWith(item.path),
  );

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      defaultOpenKeys={['settings']}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
