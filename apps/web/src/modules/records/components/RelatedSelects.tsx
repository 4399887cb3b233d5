import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import type { RecordView } from '../api.ts';
import { useRecordOptions } from '../hooks/useRecords.ts';

interface Props {
  customerId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  'data-testid'?: string;
}

/** A picker of one of this customer's records of a type, labelled by `label`. */
function RecordSelect<T extends 'contracts' | 'orders' | 'contacts'>({
  type,
  label,
  customerId,
  value,
  onChange,
  id,
  ...rest
}: Props & { type: T; label: (record: RecordView<T>) => string }) {
  const { t } = useTranslation();
  const records = useRecordOptions(type, customerId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={records.isPending}
      placeholder={t('records.common.selectPlaceholder')}
      options={(records.data?.items ?? []).map((r) => ({ value: r.id, label: label(r) }))}
      notFoundContent={records.isPending ? t('common.loading') : t(`records.${type}.empty` as const)}
      data-testid={rest['data-testid']}
    />
  );
}

/** One of this customer's contracts (for payments and invoices). */
export const ContractSelect = (props: Props) => (
  <RecordSelect
    {...props}
    type="contracts"
    label={(c) => `${c.contractNo} · ${c.title} · ${formatMoney(c.amount)}`}
  />
);

/** One of this customer's orders (for payments and invoices). */
export const OrderSelect = (props: Props) => (
  <RecordSelect
    {...props}
    type="orders"
    label={(o) => `${o.orderNo} · ${formatMoney(o.amount, o.currency)}`}
  />
);

/** One of this customer's contacts (for tickets). */
export const ContactSelect = (props: Props) => (
  <RecordSelect {...props} type="contacts" label={(c) => (c.title ? `${c.name} · ${c.title}` : c.name)} />
);
