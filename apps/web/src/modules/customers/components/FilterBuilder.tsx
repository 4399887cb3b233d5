import type { CSSProperties, ReactNode } from 'react';
import { Alert, Button, Card, Empty, Flex, Select, Skeleton, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldGroup, FieldInfo } from '../api.ts';
import { defaultValue, newRow, operatorsFor, valueKind } from '../rules.ts';
import type { BuilderRow, BuilderState, Combinator } from '../rules.ts';
import { RuleValueInput } from './RuleValueInput.tsx';
import { OPERATORS, type Operator } from '@stratum/segmentation/operators';

const GROUP_ORDER: FieldGroup[] = ['attribute', 'owner', 'metric', 'classification', 'custom'];

const DATE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
type DateOp = (typeof DATE_OPS)[number];
const isOp = (op: string): op is Operator => (OPERATORS as readonly string[]).includes(op);
const isDateOp = (op: string): op is DateOp => (DATE_OPS as readonly string[]).includes(op);

interface Props {
  fields: FieldInfo[] | undefined;
  fieldsLoading: boolean;
  fieldsError: unknown;
  state: BuilderState;
  onChange: (state: BuilderState) => void;
  /** Errors by row id: incomplete rows and the server's verdict on the applied rule. */
  rowErrors: Record<string, string>;
  /** The server's error about the rule as a whole. */
  error?: string;
  /** The applied rule has nested groups the builder cannot show. */
  advanced: boolean;
  /** Apply / clear buttons (the list filter); without them the rule applies as it is edited. */
  onApply?: () => void;
  onClear?: () => void;
  /** Their labels; default "应用筛选" / "清除筛选" (the list filter's). */
  applyLabel?: ReactNode;
  clearLabel?: ReactNode;
  /** More buttons next to them, e.g. "save as segment". */
  actions?: ReactNode;
  /** The card title; default "高级筛选". */
  title?: ReactNode;
  style?: CSSProperties;
}

/**
 * The visual rule builder: rows of field + operator + value, combined with AND or OR, each row
 * optionally negated (see docs/RULES.md). The customer list filter, segment rules and auto-tag rules
 * use it; tags, tiers and segments are fields like any other, so "has tag A and not tag B" is two rows.
 */
export function FilterBuilder(props: Props) {
  const { t } = useTranslation();
  const { fields, state, onChange, rowErrors } = props;
  const byKey = new Map((fields ?? []).map((f) => [f.key, f]));

  const opLabel = (field: FieldInfo | undefined, op: string): string => {
    if (field && (field.type === 'date' || field.type === 'datetime') && isDateOp(op))
      return t(`rules.dateOps.${op}`);
    return isOp(op) ? t(`rules.ops.${op}`) : op;
  };

  const fieldOptions = GROUP_ORDER.map((group) => ({
    label: t(`rules.groups.${group}`),
    title: group,
    options: (fields ?? []).filter((f) => f.group === group).map((f) => ({ value: f.key, label: f.label })),
  })).filter((g) => g.options.length > 0);

  const updateRow = (id: string, patch: (row: BuilderRow) => BuilderRow) =>
    onChange({ ...state, rows: state.rows.map((r) => (r.id === id ? patch(r) : r)) });

  const setField = (row: BuilderRow, key: string) => {
    const field = byKey.get(key);
    if (!field) return;
    const ops = operatorsFor(field);
    const op = row.op && ops.includes(row.op) ? row.op : ops[0];
    const keepValue = row.field && op && row.op === op && byKey.get(row.field)?.type === field.type;
    updateRow(row.id, (r) => ({
      ...r,
      field: key,
      op,
      value: keepValue ? r.value : op ? defaultValue(field, op) : undefined,
    }));
  };

  const setOp = (row: BuilderRow, op: string) => {
    const field = row.field ? byKey.get(row.field) : undefined;
    if (!field) return;
    const sameKind = row.op !== undefined && valueKind(field, row.op) === valueKind(field, op);
    updateRow(row.id, (r) => ({ ...r, op, value: sameKind ? r.value : defaultValue(field, op, r.value) }));
  };

  const header = (
    <Flex align="center" gap={8} wrap>
      <span>{t('rules.match')}</span>
      <Select<Combinator>
        value={state.combinator}
        onChange={(combinator) => onChange({ ...state, combinator })}
        options={[
          { value: 'and', label: t('rules.all') },
          { value: 'or', label: t('rules.any') },
        ]}
        style={{ width: 190 }}
        data-testid="filter-combinator"
        aria-label={t('rules.match')}
      />
    </Flex>
  );

  return (
    <Card
      size="small"
      title={props.title ?? t('rules.title')}
      extra={header}
      style={props.style ?? { marginBottom: 16 }}
      data-testid="filter-builder"
    >
      {props.advanced && (
        <Alert type="info" showIcon message={t('rules.advanced')} style={{ marginBottom: 12 }} />
      )}
      {props.error && (
        <Alert
          type="error"
          showIcon
          message={t('rules.invalid')}
          description={props.error}
          style={{ marginBottom: 12 }}
          data-testid="filter-error"
        />
      )}
      {props.fieldsError ? (
        <Alert type="error" showIcon message={t('errors.loadFailed')} style={{ marginBottom: 12 }} />
      ) : props.fieldsLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : state.rows.length === 0 ? (
        props.advanced ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.empty')} style={{ margin: 8 }} />
        )
      ) : (
        <Flex vertical gap={10}>
          {state.rows.map((row, i) => {
            const field = row.field ? byKey.get(row.field) : undefined;
            const error = rowErrors[row.id];
            return (
              <div key={row.id} data-testid={`filter-row-${i}`}>
                <Flex gap={8} align="center" wrap>
                  <Tooltip title={t('rules.notHint')}>
                    <Button
                      size="middle"
                      type={row.not ? 'primary' : 'default'}
                      danger={row.not}
                      onClick={() => updateRow(row.id, (r) => ({ ...r, not: !r.not }))}
                      aria-pressed={row.not}
                      data-testid={`filter-not-${i}`}
                      style={{ width: 56 }}
                    >
                      {t('rules.not')}
                    </Button>
                  </Tooltip>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    value={row.field}
                    onChange={(key: string) => setField(row, key)}
                    options={fieldOptions}
                    placeholder={t('rules.pickField')}
                    status={error && !row.field ? 'error' : undefined}
                    style={{ width: 180 }}
                    notFoundContent={row.field && !field ? row.field : undefined}
                    data-testid={`filter-field-${i}`}
                    aria-label={t('rules.pickField')}
                  />
                  <Select
                    value={row.op}
                    onChange={(op: string) => setOp(row, op)}
                    options={(field ? operatorsFor(field) : []).map((op) => ({
                      value: op,
                      label: opLabel(field, op),
                    }))}
                    disabled={!field}
                    placeholder={t('rules.pickOperator')}
                    style={{ width: 170 }}
                    data-testid={`filter-op-${i}`}
                    aria-label={t('rules.pickOperator')}
                  />
                  <div style={{ flex: 1, minWidth: 200, maxWidth: 420 }}>
                    {field && row.op && (
                      <RuleValueInput
                        field={field}
                        op={row.op}
                        value={row.value}
                        onChange={(value) => updateRow(row.id, (r) => ({ ...r, value }))}
                        invalid={!!error}
                        testId={`filter-value-${i}`}
                      />
                    )}
                  </div>
                  <Tooltip title={t('rules.remove')}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => onChange({ ...state, rows: state.rows.filter((r) => r.id !== row.id) })}
                      aria-label={t('rules.remove')}
                      data-testid={`filter-remove-${i}`}
                    />
                  </Tooltip>
                </Flex>
                {error && (
                  <Typography.Text type="danger" style={{ fontSize: 12, marginInlineStart: 64 }}>
                    {error}
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </Flex>
      )}
      <Flex justify="space-between" gap={8} wrap style={{ marginTop: 12 }}>
        <Button
          icon={<PlusOutlined />}
          type="dashed"
          onClick={() => onChange({ ...state, rows: [...state.rows, newRow()] })}
          disabled={!fields}
          data-testid="filter-add"
        >
          {t('rules.addCondition')}
        </Button>
        <Flex gap={8} wrap>
          {props.actions}
          {props.onClear && (
            <Button onClick={props.onClear} data-testid="filter-clear">
              {props.clearLabel ?? t('rules.clear')}
            </Button>
          )}
          {props.onApply && (
            <Button type="primary" onClick={props.onApply} disabled={!fields} data-testid="filter-apply">
              {props.applyLabel ?? t('rules.apply')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
