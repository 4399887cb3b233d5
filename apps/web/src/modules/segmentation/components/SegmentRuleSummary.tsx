import { useMemo } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OPERATORS, type Operator } from '@stratum/segmentation/operators';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { FieldInfo } from '../../customers/api.ts';
import { useCustomerLabels } from '../../customers/hooks/useCustomerLabels.ts';
import { describeRule } from '../../customers/labels.ts';
import type { RuleWording } from '../../customers/labels.ts';

const DATE_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between']);
const isOp = (op: string): op is Operator => (OPERATORS as readonly string[]).includes(op);

/** `describeRule` in the UI language: `rule` → "省份 等于 浙江 且 累计消费 大于等于 ¥10,000.00". */
export function useDescribeRule(fields: FieldInfo[] | undefined): (rule: unknown) => string {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const timeZone = useWorkspaceTimeZone();
  const fieldMap = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const words: RuleWording = {
    and: t('segmentation.segments.rule.and'),
    or: t('segmentation.segments.rule.or'),
    not: t('rules.not'),
    list: t('segmentation.segments.rule.list'),
    everyone: t('segmentation.segments.rule.everyone'),
    nobody: t('segmentation.segments.rule.nobody'),
    unknownField: (key) => t('segmentation.segments.rule.unknownField', { key }),
    op: (field, op) => {
      if (field && (field.type === 'date' || field.type === 'datetime') && DATE_OPS.has(op))
        return t(`rules.dateOps.${op as 'eq'}`);
      return isOp(op) ? t(`rules.ops.${op}`) : op;
    },
    value: (field, op, value) => {
      if (op === 'in_last_days' || op === 'more_than_days_ago')
        return t('segmentation.segments.rule.days', { days: String(value) });
      if (typeof value === 'boolean') return value ? t('rules.yes') : t('rules.no');
      if (field?.type === 'money') return formatMoney(String(value));
      if (field?.type === 'datetime' && typeof value === 'string') return formatDate(value, timeZone);
      return String(value);
    },
  };
  return (rule) => describeRule(rule, fieldMap, words, (field, value) => labels.option(field.key, value));
}

/** A rule in words, or a note when there is none. */
export function RuleSummary(props: {
  rule: unknown;
  fields: FieldInfo[] | undefined;
  none?: string;
  testId?: string;
}) {
  const describe = useDescribeRule(props.fields);
  if (props.rule === null || props.rule === undefined)
    return <Typography.Text type="secondary">{props.none ?? '—'}</Typography.Text>;
  return (
    <Typography.Text data-testid={props.testId} style={{ whiteSpace: 'normal' }}>
      {props.fields ? describe(props.rule) : ''}
    </Typography.Text>
  );
}
