import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Flex, Select, Typography } from 'antd';
import type { Product } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import { useProducts } from '../hooks/useRecords.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Called with the product when one is picked (to fill the line's name and unit price). */
  onPick?: (product: Product) => void;
  /** Label for a value not among the loaded options (e.g. a product since deactivated). */
  fallbackLabel?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Product picker over the active catalogue, searching the server by name or SKU as you type. */
export function ProductSelect({ value, onChange, onPick, fallbackLabel, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const seen = useRef(new Map<string, Product>());

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const products = useProducts({ page: 1, pageSize: 30, sort: 'name', active: 'true', q: q || undefined });
  for (const p of products.data?.items ?? []) seen.current.set(p.id, p);

  const options: { value: string; label: string; product?: Product }[] = (products.data?.items ?? []).map(
    (p) => ({
      value: p.id,
      label: p.name,
      product: p,
    }),
  );
  if (value && !options.some((o) => o.value === value)) {
    const known = seen.current.get(value);
    options.unshift({ value, label: known?.name ?? fallbackLabel ?? value, product: known });
  }

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => {
        onChange?.(v ?? null);
        const product = v ? seen.current.get(v) : undefined;
        if (product) onPick?.(product);
      }}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setSearch}
      onClear={() => setSearch('')}
      loading={products.isFetching}
      options={options}
      optionRender={(option) => {
        const p = option.data.product as Product | undefined;
        if (!p) return option.label;
        return (
          <Flex justify="space-between" gap={8}>
            <span>
              {p.name}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {p.sku}
              </Typography.Text>
            </span>
            <Typography.Text type="secondary" className="records-money">
              {p.unitPrice ? formatMoney(p.unitPrice) : t('records.products.noPrice')}
            </Typography.Text>
          </Flex>
        );
      }}
      popupMatchSelectWidth={320}
      placeholder={t('records.orders.lines.productPlaceholder')}
      notFoundContent={products.isFetching ? t('common.loading') : undefined}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
