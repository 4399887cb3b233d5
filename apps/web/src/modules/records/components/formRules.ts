import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { formatMoney } from '../../../app/format.ts';
import { toFixedInt } from '../lib/money.ts';

/** A decimal string with at most `scale` places (empty passes: pair with `required`). */
export function decimalRule(scale: number, message: string): Rule {
  return {
    validator: (_, value: string | number | null | undefined) =>
      value === null || value === undefined || value === '' || toFixedInt(value, scale) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** An amount of money: at most 2 decimals. */
export function moneyRules(t: TFunction): Rule[] {
  return [decimalRule(2, t('records.validation.money'))];
}

/** The symbol shown before an amount input, e.g. `¥` for CNY (the code itself for unknown currencies). */
export function currencyPrefix(currency = 'CNY'): string {
  return formatMoney('0', currency)
    .replace(/[\d.,]+$/, '')
    .trim();
}
