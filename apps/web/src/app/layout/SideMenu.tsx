import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePermissions } from '../../modules/auth/session.ts';
import { HOME_ITEM, NAV_GROUPS, activeItem, visibleGroups } from './navigation.tsx';
import type { NavItem } from './navigation.tsx';

const OPEN_KEYS = NAV_GROUPS.map((group) => group.key);

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

  const items: MenuProps['items'] = [
    toMenuItem(HOME_ITEM),
    ...visibleGroups(can).map((group) => ({
      key: group.key,
      icon: group.icon,
      label: <span data-testid={group.testId}>{t(group.label)}</span>,
      children: group.items.map(toMenuItem),
    })),
  ];
  const selected = activeItem(pathname);

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      defaultOpenKeys={OPEN_KEYS}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
