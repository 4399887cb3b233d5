import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../auth/session.ts';
import { useAllTeams } from '../hooks/useTeams.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/** Team picker (works inside a Form.Item); clearing it gives `null` (no team). */
export function TeamSelect({ value, onChange, placeholder, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const can = usePermissions();
  const teams = useAllTeams(can('teams.read'));

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={teams.isLoading}
      placeholder={placeholder ?? t('users.fields.teamPlaceholder')}
      options={teams.data?.items.map((team) => ({ value: team.id, label: team.name })) ?? []}
      notFoundContent={teams.isLoading ? t('common.loading') : undefined}
      style={style}
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
    />
  );
}
