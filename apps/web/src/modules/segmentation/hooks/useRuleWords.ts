import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATORS } from '@stratum/segmentation/operators';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { FieldInfo } from '../../customers/api.ts';
import { useCustomerLabels } from '../../customers/hooks/useCustomerLabels.ts';
import { useCustomerFields } from '../../customers/hooks/useCustomers.ts';
import { describeRule } from '../../customers/labels.ts';
import type { RuleWording } from '../../customers/labels.ts';

/** `/customers/fields` also names the options of tiers, tags and segments. */
type FieldWithLabels = FieldInfo & { optionLabels?: Record<string, string> | null };

const DATE_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between']);

/**
 * A tier rule in the UI language (`describe`, through `describeRule`), from the field registry: field
 * labels, operator names, option labels, amounts and days. Also formats one field's value.
 */
export function useRuleWords() {
  const { t, i18n } = useTranslation();
  const fields = useCustomerFields(i18n.language);
  const labels = useCustomerLabels();
  const timeZone = useWorkspaceTimeZone();

  return useMemo(() => {
    const byKey = new Map<string, FieldWithLabels>(
      (fields.data?.items ?? []).map((f) => [f.key, f as FieldWithLabels]),
    );
    const value = (fieldKey: string, v: unknown): string => {
      if (v === null || v === undefined || v === '') return t('segmentation.schemes.none');
      const field = byKey.get(fieldKey);
      if (typeof v === 'boolean')
        return v ? t('segmentation.classification.yes') : t('segmentation.classification.no');
      if (Array.isArray(v))
        return v.map((x) => value(fieldKey, x)).join(t('segmentation.classification.listSeparator'));
      const text = String(v);
      switch (field?.type) {
        case 'money':
          return formatMoney(text);
        case 'date':
        case 'datetime':
          return formatDate(text, timeZone) || text;
        case 'enum':
        case 'multi_enum':
          return field.optionLabels?.[text] ?? labels.option(fieldKey, text);
        case 'number': {
          const n = Number(text);
          return Number.isFinite(n)
            ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(n)
            : text;
        }
        default:
          return text;
      }
    };
    const words: RuleWording = {
      and: ` ${t('segmentation.classification.and')} `,
      or: ` ${t('segmentation.classification.or')} `,
      not: t('segmentation.classification.not'),
      list: t('segmentation.classification.listSeparator'),
      // An empty group says nothing here (the tier list words "everyone else" itself).
      everyone: '',
      nobody: '',
      unknownField: (key) => key,
      op: (field, op) => {
        if ((field?.type === 'date' || field?.type === 'datetime') && DATE_OPS.has(op))
          return t(`rules.dateOps.${op as 'eq'}`);
        return (OPERATORS as readonly string[]).includes(op) ? t(`rules.ops.${op as 'eq'}`) : op;
      },
      value: (field, _op, v) => value(field?.key ?? '', v),
      days: (op, n) =>
        op === 'in_last_days'
          ? t('segmentation.classification.inLastDays', { n })
          : t('segmentation.classification.moreThanDaysAgo', { n }),
    };
    const describe = (rule: unknown): string =>
      describeRule(rule, byKey, words, (field, option) => labels.option(field.key, option));
    return { describe, value, fields: fields.data?.items, fieldsQuery: fields };
  }, [fields, labels, t, i18n.language, timeZone]);
}
