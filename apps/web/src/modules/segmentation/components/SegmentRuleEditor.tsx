import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { useErrorText } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { FieldInfo } from '../../customers/api.ts';
import { FilterBuilder } from '../../customers/components/FilterBuilder.tsx';
import { builderToRule, newRow, ruleToBuilder } from '../../customers/rules.ts';
import type { BuilderState } from '../../customers/rules.ts';
import type { PreviewInput } from '../api-tags.ts';
import { useRulePreview } from '../hooks/useTags.ts';

export interface RuleDraft {
  /** The rule as built so far (`undefined`: no complete condition yet). */
  rule: unknown;
  /** Rows started but not complete (left out of `rule`). */
  incomplete: string[];
}

interface Props {
  /** The fields this rule may use (auto-tag rules may not test tags or segments). */
  fields: FieldInfo[] | undefined;
  fieldsLoading: boolean;
  fieldsError: unknown;
  /** The rule to start from; remounting (a new `key`) starts again. */
  initialRule: unknown;
  use: PreviewInput['use'];
  onChange: (draft: RuleDraft) => void;
  /** Rows to point out (e.g. incomplete ones after a save attempt). */
  rowErrors?: Record<string, string>;
  title?: ReactNode;
}

/** `rule.and[2].value` → 2 (the condition a preview error is about). */
const conditionIndex = (path: string): number | null => {
  const match = /^rule\.(?:and|or)[[.](\d+)/.exec(path);
  return match ? Number(match[1]) : null;
};

/**
 * The rule builder with a live count: as the rule is edited it is previewed (debounced) and the number
 * of matching customers, the share of all and a sample of names are shown beside it. Used by segments
 * and auto-tag rules.
 */
export function SegmentRuleEditor(props: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const timeZone = useWorkspaceTimeZone();
  const { fields, onChange } = props;
  const fieldMap = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const [draft, setDraft] = useState<BuilderState | null>(null);
  /** The starting rule has nested groups: it stays as it is until the rows are edited. */
  const [advanced, setAdvanced] = useState(false);

  // Once the fields are known, the starting rule becomes rows (a new rule starts with one empty row).
  if (draft === null && fields) {
    const start = props.initialRule ?? undefined;
    const rows = ruleToBuilder(start, fieldMap, timeZone);
    if (rows === null) setAdvanced(true);
    setDraft(rows && rows.rows.length > 0 ? rows : { combinator: 'and', rows: [newRow()] });
  }

  const built = draft ? builderToRule(draft, fieldMap, timeZone) : undefined;
  const rule = advanced ? props.initialRule : built?.rule;
  const ruleText = rule === undefined ? '' : JSON.stringify(rule);
  const incompleteText = (built?.incomplete ?? []).join(',');
  useEffect(() => {
    onChange({
      rule: ruleText ? (JSON.parse(ruleText) as unknown) : undefined,
      incomplete: incompleteText ? incompleteText.split(',') : [],
    });
    // Only when what the builder produces changes (the callback may be a new function each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ruleText, incompleteText]);

  const preview = useRulePreview(rule, props.use, !!fields);

  // A rejected rule: the server's words on the rows they are about.
  const rowErrors: Record<string, string> = { ...props.rowErrors };
  const general: string[] = [];
  if (
    preview.error &&
    isApiError(preview.error, 'VALIDATION_FAILED') &&
    Array.isArray(preview.error.details)
  ) {
    for (const d of preview.error.details as { path?: unknown; message?: unknown }[]) {
      if (typeof d.message !== 'string') continue;
      const index = typeof d.path === 'string' ? conditionIndex(d.path) : null;
      const rowId = index === null || advanced ? undefined : built?.rowIds[index];
      if (rowId) rowErrors[rowId] = d.message;
      else general.push(d.message);
    }
  } else if (preview.error) general.push(errorText(preview.error));

  const data = preview.data;
  const share = data && data.total > 0 ? Math.round((data.count / data.total) * 1000) / 10 : 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <FilterBuilder
          fields={fields}
          fieldsLoading={props.fieldsLoading}
          fieldsError={props.fieldsError}
          state={draft ?? { combinator: 'and', rows: [] }}
          onChange={(next) => {
            setDraft(next);
            setAdvanced(false);
          }}
          rowErrors={rowErrors}
          error={general.length ? general.join('; ') : undefined}
          advanced={advanced}
          title={props.title ?? t('segmentation.segments.rule.title')}
          style={{ height: '100%' }}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card
          size="small"
          title={t('segmentation.segments.rule.previewTitle')}
          style={{ height: '100%' }}
          extra={preview.isFetching ? <Spin size="small" /> : null}
          data-testid="rule-preview"
        >
          {rule === undefined ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('segmentation.segments.rule.previewEmpty')}
            />
          ) : preview.error && !data ? (
            <Alert type="warning" showIcon message={t('segmentation.segments.rule.previewFailed')} />
          ) : !data ? (
            <Flex justify="center" style={{ padding: 24 }}>
              <Spin />
            </Flex>
          ) : (
            <div
              style={{ opacity: preview.isPlaceholderData ? 0.6 : 1 }}
              data-testid="rule-preview-result"
              data-count={preview.isPlaceholderData ? undefined : data.count}
            >
              <Statistic
                title={t('segmentation.segments.rule.matching')}
                value={data.count}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    / {t('segmentation.segments.rule.ofTotal', { total: data.total.toLocaleString() })}
                  </Typography.Text>
                }
                valueStyle={{ fontSize: 28 }}
              />
              <Progress percent={share} size="small" showInfo format={(p) => `${p}%`} />
              {data.sample.length > 0 ? (
                <>
                  <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0 4px' }}>
                    {t('segmentation.segments.rule.sample')}
                  </Typography.Text>
                  <Flex vertical gap={2} data-testid="rule-preview-sample">
                    {data.sample.map((c) => (
                      <Link key={c.id} to={`/customers/${c.id}`} target="_blank">
                        {c.name}
                      </Link>
                    ))}
                    {data.count > data.sample.length && (
                      <Typography.Text type="secondary">
                        {t('segmentation.segments.rule.andMore', {
                          more: (data.count - data.sample.length).toLocaleString(),
                        })}
                      </Typography.Text>
                    )}
                  </Flex>
                </>
              ) : (
                <Typography.Text type="secondary">{t('segmentation.segments.rule.noMatch')}</Typography.Text>
              )}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
