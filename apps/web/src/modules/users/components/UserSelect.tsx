import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserList } from '../hooks/useUsers.ts';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  /** Only active users (e.g. as the owner of a new API key). */
  activeOnly?: boolean;
  /** Label of the current value while it is not among the loaded users (e.g. a customer's owner name). */
  valueLabel?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/** User picker searching on the server as you type (works inside a Form.Item). */
export function UserSelect({
  value,
  onChange,
  placeholder,
  style,
  id,
  activeOnly,
  valueLabel,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // Names of users seen so far, so a chosen user keeps its label when the search changes.
  const labels = useRef(new Map<string, string>());

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const users = useUserList({
    page: 1,
    pageSize: 20,
    sort: 'name',
    q: q || undefined,
    status: activeOnly ? 'active' : undefined,
  });
  for (const user of users.data?.items ?? []) labels.current.set(user.id, `${user.name} (${user.email})`);

  const options = (users.data?.items ?? []).map((user) => ({
    value: user.id,
    label: `${user.name} (${user.email})`,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: labels.current.get(value) ?? valueLabel ?? value });
  }

  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setSearch}
      onClear={() => setSearch('')}
      loading={users.isFetching}
      options={options}
      placeholder={placeholder}
      notFoundContent={users.isFetching ? t('common.loading') : undefined}
      style={style}
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
    />
  );
}
