import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import { useRecordOptions } from '../hooks/useRecords.ts';

interface Props {
  customerId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  'data-testid'?: string;
}

/** One of this customer's contracts (for payments and invoices). */
export function ContractSelect({ customerId, value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const contracts = useRecordOptions('contracts', customerId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={contracts.isPending}
      placeholder={t('records.common.selectPlaceholder')}
      options={(contracts.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.contractNo} · ${c.title} · ${formatMoney(c.amount)}`,
      }))}
      notFoundContent={contracts.isPending ? t('common.loading') : t('records.contracts.empty')}
      data-testid={rest['data-testid']}
    />
  );
}

/** One of this customer's orders (for payments and invoices). */
export function OrderSelect({ customerId, value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const orders = useRecordOptions('orders', customerId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={orders.isPending}
      placeholder={t('records.common.selectPlaceholder')}
      options={(orders.data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.orderNo} · ${formatMoney(o.amount, o.currency)}`,
      }))}
      notFoundContent={orders.isPending ? t('common.loading') : t('records.orders.empty')}
      data-testid={rest['data-testid']}
    />
  );
}

/** One of this customer's contacts (for tickets). */
export function ContactSelect({ customerId, value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const contacts = useRecordOptions('contacts', customerId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={contacts.isPending}
      placeholder={t('records.common.selectPlaceholder')}
      options={(contacts.data?.items ?? []).map((c) => ({
        value: c.id,
        label: c.title ? `${c.name} · ${c.title}` : c.name,
      }))}
      notFoundContent={contacts.isPending ? t('common.loading') : t('records.contacts.empty')}
      data-testid={rest['data-testid']}
    />
  );
}
