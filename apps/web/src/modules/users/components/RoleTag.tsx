import { Tag } from 'antd';
import type { Role } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Role, string> = { admin: 'volcano', manager: 'blue', rep: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[role]}>{t(`roles.${role}`)}</Tag>;
}
