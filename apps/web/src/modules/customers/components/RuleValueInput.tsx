import { DatePicker, Flex, InputNumber, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePermissions, useSession } from '../../auth/session.ts';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import type { FieldInfo } from '../api.ts';
import { useCustomerLabels } from '../hooks/useCustomerLabels.ts';
import { fieldOptions } from '../labels.ts';
import { valueKind } from '../rules.ts';
import type { RowValue } from '../rules.ts';

interface Props {
  field: FieldInfo;
  op: string;
  value: RowValue | undefined;
  onChange: (value: RowValue) => void;
  invalid?: boolean;
  testId: string;
}

const DATE_FORMAT = 'YYYY-MM-DD';
const toDay = (v: string | null | undefined) => (v ? dayjs(v, DATE_FORMAT) : null);
const pair = (v: RowValue | undefined): [string | null, string | null] =>
  Array.isArray(v) && v.length === 2 ? [v[0] ?? null, v[1] ?? null] : [null, null];
const asText = (v: RowValue | undefined): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** The value input of one filter condition, matching the field's type and the operator. */
export function RuleValueInput({ field, op, value, onChange, invalid, testId }: Props) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const can = usePermissions();
  const me = useSession();
  const status = invalid ? ('error' as const) : undefined;
  const kind = valueKind(field, op);
  // Tiers, tags and segments are ids or keys: their labels come with the field.
  const options = fieldOptions(field, (o) => labels.option(field.key, o));
  const style = { width: '100%' };

  switch (kind) {
    case 'none':
      return null;
    case 'text':
      return (
        <Input
          value={asText(value) ?? ''}
          onChange={(e) => onChange(e.target.value)}
          placeholder={t('rules.valuePlaceholder')}
          status={status}
          maxLength={500}
          data-testid={testId}
        />
      );
    case 'text_list':
      return (
        <Select
          mode="tags"
          open={false}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v: string[]) => onChange(v)}
          tokenSeparators={[',', '，', ';', '；']}
          placeholder={t('rules.listPlaceholder')}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'number':
    case 'money':
      return (
        <InputNumber<string>
          stringMode
          value={asText(value) ?? null}
          onChange={(v) => onChange(v ?? null)}
          prefix={kind === 'money' ? '¥' : undefined}
          precision={kind === 'money' ? 2 : undefined}
          placeholder={t('rules.valuePlaceholder')}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'number_range':
    case 'money_range': {
      const [lo, hi] = pair(value);
      const common = {
        stringMode: true,
        prefix: kind === 'money_range' ? '¥' : undefined,
        precision: kind === 'money_range' ? 2 : undefined,
        status,
        style: { flex: 1, minWidth: 90 },
      };
      return (
        <Flex gap={4} align="center" data-testid={testId}>
          <InputNumber<string>
            {...common}
            value={lo}
            onChange={(v) => onChange([v ?? null, hi])}
            placeholder={t('rules.from')}
            data-testid={`${testId}-from`}
          />
          <span>–</span>
          <InputNumber<string>
            {...common}
            value={hi}
            onChange={(v) => onChange([lo, v ?? null])}
            placeholder={t('rules.to')}
            data-testid={`${testId}-to`}
          />
        </Flex>
      );
    }
    case 'date':
      return (
        <DatePicker
          value={toDay(asText(value))}
          onChange={(d) => onChange(d ? d.format(DATE_FORMAT) : null)}
          format={DATE_FORMAT}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'date_range': {
      const [lo, hi] = pair(value);
      return (
        <DatePicker.RangePicker
          value={[toDay(lo), toDay(hi)]}
          onChange={(range) =>
            onChange([range?.[0]?.format(DATE_FORMAT) ?? null, range?.[1]?.format(DATE_FORMAT) ?? null])
          }
          format={DATE_FORMAT}
          placeholder={[t('rules.from'), t('rules.to')]}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    }
    case 'days':
      return (
        <InputNumber<number>
          min={0}
          max={36500}
          precision={0}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          addonAfter={t('rules.days')}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'option':
      return (
        <Select
          value={asText(value)}
          onChange={(v: string) => onChange(v)}
          options={options}
          showSearch
          optionFilterProp="label"
          placeholder={t('customers.fields.select')}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'option_list':
      return (
        <Select
          mode="multiple"
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v: string[]) => onChange(v)}
          options={options}
          optionFilterProp="label"
          placeholder={t('rules.pickOptions')}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'user':
      // Without the user directory (reps), the only owner one can name is oneself.
      return can('users.read') ? (
        <UserSelect
          value={asText(value)}
          onChange={(v) => onChange(v ?? null)}
          valueLabel={asText(value) === me.user.id ? me.user.name : undefined}
          placeholder={t('customers.filters.pickUser')}
          style={style}
          data-testid={testId}
        />
      ) : (
        <Select
          value={asText(value)}
          onChange={(v: string) => onChange(v)}
          options={[{ value: me.user.id, label: me.user.name }]}
          status={status}
          style={style}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Switch
          checked={value === true}
          onChange={(checked) => onChange(checked)}
          checkedChildren={t('rules.yes')}
          unCheckedChildren={t('rules.no')}
          data-testid={testId}
        />
      );
  }
}
