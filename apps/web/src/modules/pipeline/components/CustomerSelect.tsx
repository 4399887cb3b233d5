import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCustomerList } from '../../customers/hooks/useCustomers.ts';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  /** Label of the value while it is not among the loaded customers. */
  valueLabel?: string;
  'data-testid'?: string;
}

/** A customer the caller may see, searched on the server by name as you type (works in a Form.Item). */
export function CustomerSelect({ value, onChange, id, valueLabel, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const labels = useRef(new Map<string, string>());
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const customers = useCustomerList({ page: 1, pageSize: 20, sort: 'name', q: q || undefined });
  for (const c of customers.data?.items ?? []) labels.current.set(c.id, c.name);
  const options = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: labels.current.get(value) ?? valueLabel ?? value });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={customers.isFetching}
      options={options}
      placeholder={t('pipeline.fields.customerPlaceholder')}
      notFoundContent={customers.isFetching ? t('common.loading') : undefined}
      data-testid={rest['data-testid']}
    />
  );
}
