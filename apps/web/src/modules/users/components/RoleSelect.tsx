import type { CSSProperties } from 'react';
import { Select } from 'antd';
import type { Role } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../api.ts';

interface Props {
  value?: Role;
  onChange?: (value: Role | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

export function RoleSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  disabled,
  style,
  id,
  ...rest
}: Props) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: Role) => onChange?.(v)}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      style={style}
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
    />
  );
}
