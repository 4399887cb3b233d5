import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  ColorPicker,
  Col,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Scheme } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError, validationIssues } from '../../../app/api/errors.ts';
import { useErrorText } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { FieldInfo } from '../../customers/api.ts';
import { FilterBuilder } from '../../customers/components/FilterBuilder.tsx';
import { useCustomerFields } from '../../customers/hooks/useCustomers.ts';
import { builderToRule, emptyBuilder, newRow, ruleToBuilder } from '../../customers/rules.ts';
import type { BuilderState } from '../../customers/rules.ts';
import type { SchemeInput, SchemeUpdate } from '../api-schemes.ts';
import { useRuleWords } from '../hooks/useRuleWords.ts';
import { useCreateScheme, useTierPreview, useUpdateScheme } from '../hooks/useSchemes.ts';
import { freshTierKey, localName, moveItem, parseSchemePath } from '../lib/schemes.ts';

const SCHEME_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const TIER_KEY = /^[A-Za-z0-9_]{1,40}$/;
const ORDER_STATUSES = ['pending', 'paid', 'completed', 'cancelled', 'refunded'] as const;
const DIMS = ['r', 'f', 'm'] as const;
type Dim = (typeof DIMS)[number];

let uidSeq = 0;
const nextUid = () => `t${++uidSeq}`;

interface TierDraft {
  uid: string;
  isNew: boolean;
  key: string;
  nameZh: string;
  nameEn: string;
  color: string;
  strategyZh: string;
  strategyEn: string;
  followupCadenceDays: number | null;
  poolReclaimDays: number | null;
  /** Rules schemes: the visual builder, or JSON for rules it cannot show (nested groups). */
  json: boolean;
  builder: BuilderState;
  jsonText: string;
}

interface RfmDraft {
  lookbackDays: number | null;
  statuses: string[];
  scoring: 'quintiles' | 'thresholds';
  thresholds: Record<Dim, (number | null)[]>;
  compare: 'mean' | 'fixed';
  fixed: Record<Dim, number | null>;
}

interface TierErrors {
  fields: Record<string, string>;
  rows: Record<string, string>;
  rule?: string;
}

interface Errors {
  scheme: Record<string, string>;
  tiers: Record<string, TierErrors>;
  config?: string;
  general: string[];
}
const noErrors = (): Errors => ({ scheme: {}, tiers: {}, general: [] });

function rfmDraftOf(config: Record<string, unknown>, calibration: Scheme['calibration']): RfmDraft {
  const c = config as {
    lookbackDays?: number | null;
    statuses?: string[];
    scoring?: 'quintiles' | 'thresholds';
    thresholds?: Record<Dim, number[]>;
    compare?: 'mean' | 'fixed';
    fixed?: Record<Dim, number>;
  };
  return {
    lookbackDays: c.lookbackDays ?? null,
    statuses: c.statuses ?? ['paid', 'completed'],
    scoring: c.scoring ?? 'quintiles',
    // Fixed cut points start from the current quintiles, rounded, so switching is a small step.
    thresholds: {
      r: c.thresholds?.r ?? calibration?.cuts.r.map((v) => Math.round(v)) ?? [null, null, null, null],
      f: c.thresholds?.f ?? calibration?.cuts.f.map((v) => Math.round(v)) ?? [null, null, null, null],
      m: c.thresholds?.m ?? calibration?.cuts.m.map((v) => Math.round(v)) ?? [null, null, null, null],
    },
    compare: c.compare ?? 'mean',
    fixed: { r: c.fixed?.r ?? 3, f: c.fixed?.f ?? 3, m: c.fixed?.m ?? 3 },
  };
}

function tierDraftOf(
  t: Scheme['tiers'][number],
  fields: ReadonlyMap<string, FieldInfo>,
  timeZone: string,
): TierDraft {
  const builder = ruleToBuilder(t.rule, fields, timeZone);
  return {
    uid: nextUid(),
    isNew: false,
    key: t.key,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    color: t.color,
    strategyZh: t.strategyZh,
    strategyEn: t.strategyEn,
    followupCadenceDays: t.followupCadenceDays,
    poolReclaimDays: t.poolReclaimDays,
    json: builder === null,
    builder: builder ?? emptyBuilder(),
    jsonText: t.rule ? JSON.stringify(t.rule, null, 2) : '',
  };
}

function blankTier(key: string, name: string, color: string, withRow: boolean): TierDraft {
  return {
    uid: nextUid(),
    isNew: true,
    key,
    nameZh: name,
    nameEn: name,
    color,
    strategyZh: '',
    strategyEn: '',
    followupCadenceDays: null,
    poolReclaimDays: null,
    json: false,
    builder: withRow ? { combinator: 'and', rows: [newRow()] } : emptyBuilder(),
    jsonText: '',
  };
}

/** A tier's rule as the API takes it, or why it cannot be built yet. */
function tierRule(
  t: TierDraft,
  fields: ReadonlyMap<string, FieldInfo>,
  timeZone: string,
): { rule: unknown; rowIds: string[]; incomplete: string[]; jsonError: boolean } {
  if (t.json) {
    if (!t.jsonText.trim()) return { rule: null, rowIds: [], incomplete: [], jsonError: false };
    try {
      return { rule: JSON.parse(t.jsonText) as unknown, rowIds: [], incomplete: [], jsonError: false };
    } catch {
      return { rule: null, rowIds: [], incomplete: [], jsonError: true };
    }
  }
  const rows = t.builder.rows.filter((r) => r.field);
  const built = builderToRule({ ...t.builder, rows }, fields, timeZone);
  return { rule: built.rule ?? null, rowIds: built.rowIds, incomplete: built.incomplete, jsonError: false };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** "Customers matching this rule: n / total", live while the rule is edited. */
function TierCount({ schemeKey, rule }: { schemeKey: string; rule: unknown }) {
  const { t } = useTranslation();
  const text = useDebounced(rule ? JSON.stringify(rule) : undefined, 400);
  const preview = useTierPreview(SCHEME_KEY.test(schemeKey) ? schemeKey : '', text);
  const errorText = useErrorText();
  if (!rule) return null;
  return (
    <Flex gap={8} align="center" wrap className="rfm-small" data-testid="tier-rule-count">
      {preview.isError ? (
        <Typography.Text type="danger">
          {validationIssues(preview.error)
            .map((i) => i.message)
            .join('; ') || errorText(preview.error)}
        </Typography.Text>
      ) : preview.data ? (
        <Typography.Text
          strong
          data-count={preview.data.count}
          style={{ opacity: preview.isFetching ? 0.6 : 1 }}
        >
          {t('segmentation.schemeEditor.ruleCount', { n: preview.data.count, total: preview.data.total })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('segmentation.schemeEditor.ruleCounting')}</Typography.Text>
      )}
      <Typography.Text type="secondary">{t('segmentation.schemeEditor.ruleCountHint')}</Typography.Text>
    </Flex>
  );
}

interface TierCardProps {
  tier: TierDraft;
  index: number;
  count: number;
  kind: 'rfm' | 'rules';
  schemeKey: string;
  fields: FieldInfo[] | undefined;
  fieldMap: ReadonlyMap<string, FieldInfo>;
  timeZone: string;
  errors: TierErrors | undefined;
  onChange: (patch: Partial<TierDraft>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** The builder's "apply": point out unfinished conditions now. */
  onValidate: () => void;
}

function TierCard(props: TierCardProps) {
  const { t, i18n } = useTranslation();
  const { tier, index, count, kind, errors } = props;
  const { describe } = useRuleWords();
  const last = index === count - 1;
  const built = tierRule(tier, props.fieldMap, props.timeZone);
  const fieldError = (name: string) => errors?.fields[name];
  const status = (name: string) => (fieldError(name) ? ('error' as const) : undefined);
  const label = (text: string, name?: string) => (
    <Typography.Text type={name && fieldError(name) ? 'danger' : 'secondary'} className="rfm-small">
      {text}
    </Typography.Text>
  );
  const help = (name: string) =>
    fieldError(name) ? (
      <Typography.Text type="danger" className="rfm-small">
        {fieldError(name)}
      </Typography.Text>
    ) : null;

  return (
    <Card
      size="small"
      className="scheme-tier-card"
      style={{ borderInlineStart: `4px solid ${tier.color}` }}
      data-testid={`tier-editor-${index}`}
      title={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{index + 1}.</Typography.Text>
          <span className="rfm-dot" style={{ background: tier.color }} />
          <span>{localName(tier, i18n.language) || t('segmentation.schemeEditor.newTier')}</span>
          <Typography.Text type="secondary" code>
            {tier.key}
          </Typography.Text>
        </Flex>
      }
      extra={
        kind === 'rules' && (
          <Space size={0}>
            <Tooltip title={t('segmentation.schemeEditor.moveUp')}>
              <Button
                type="text"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                onClick={() => props.onMove(index - 1)}
                aria-label={t('segmentation.schemeEditor.moveUp')}
                data-testid={`tier-up-${index}`}
              />
            </Tooltip>
            <Tooltip title={t('segmentation.schemeEditor.moveDown')}>
              <Button
                type="text"
                icon={<ArrowDownOutlined />}
                disabled={last}
                onClick={() => props.onMove(index + 1)}
                aria-label={t('segmentation.schemeEditor.moveDown')}
                data-testid={`tier-down-${index}`}
              />
            </Tooltip>
            <Popconfirm
              title={t('segmentation.schemeEditor.removeTierConfirm', {
                name: localName(tier, i18n.language) || tier.key,
              })}
              onConfirm={props.onRemove}
              disabled={count <= 1}
            >
              <Tooltip title={t('segmentation.schemeEditor.removeTier')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={count <= 1}
                  aria-label={t('segmentation.schemeEditor.removeTier')}
                  data-testid={`tier-remove-${index}`}
                />
              </Tooltip>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Row gutter={[12, 8]}>
        <Col xs={24} sm={4} md={3}>
          {label(t('segmentation.schemeEditor.color'))}
          <div>
            <ColorPicker
              value={tier.color}
              disabledAlpha
              presets={[
                {
                  label: t('segmentation.schemeEditor.color'),
                  colors: [
                    '#cf1322',
                    '#d4380d',
                    '#d48806',
                    '#389e0d',
                    '#08979c',
                    '#1677ff',
                    '#722ed1',
                    '#c41d7f',
                    '#595959',
                    '#8c8c8c',
                  ],
                },
              ]}
              onChangeComplete={(c) => props.onChange({ color: c.toHexString().slice(0, 7) })}
              data-testid={`tier-color-${index}`}
            />
          </div>
        </Col>
        <Col xs={24} sm={10} md={7}>
          {label(t('segmentation.schemeEditor.nameZh'), 'nameZh')}
          <Input
            value={tier.nameZh}
            maxLength={60}
            status={status('nameZh')}
            onChange={(e) => props.onChange({ nameZh: e.target.value })}
            data-testid={`tier-name-zh-${index}`}
          />
          {help('nameZh')}
        </Col>
        <Col xs={24} sm={10} md={7}>
          {label(t('segmentation.schemeEditor.nameEn'), 'nameEn')}
          <Input
            value={tier.nameEn}
            maxLength={60}
            status={status('nameEn')}
            onChange={(e) => props.onChange({ nameEn: e.target.value })}
            data-testid={`tier-name-en-${index}`}
          />
          {help('nameEn')}
        </Col>
        <Col xs={24} md={7}>
          {label(t('segmentation.schemeEditor.tierKey'), 'key')}
          {tier.isNew ? (
            <>
              <Input
                value={tier.key}
                maxLength={40}
                status={status('key')}
                onChange={(e) => props.onChange({ key: e.target.value.trim() })}
                placeholder={t('segmentation.schemeEditor.tierKeyHint')}
                data-testid={`tier-key-${index}`}
              />
              {help('key')}
            </>
          ) : (
            <div style={{ paddingTop: 5 }}>
              <Typography.Text code>{tier.key}</Typography.Text>
            </div>
          )}
        </Col>
        <Col xs={24} md={12}>
          {label(t('segmentation.schemeEditor.strategyZh'), 'strategyZh')}
          <Input.TextArea
            value={tier.strategyZh}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            status={status('strategyZh')}
            onChange={(e) => props.onChange({ strategyZh: e.target.value })}
          />
          {help('strategyZh')}
        </Col>
        <Col xs={24} md={12}>
          {label(t('segmentation.schemeEditor.strategyEn'), 'strategyEn')}
          <Input.TextArea
            value={tier.strategyEn}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            status={status('strategyEn')}
            onChange={(e) => props.onChange({ strategyEn: e.target.value })}
          />
          {help('strategyEn')}
        </Col>
        <Col xs={12} md={6}>
          {label(t('segmentation.schemeEditor.cadence'), 'followupCadenceDays')}
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            value={tier.followupCadenceDays}
            onChange={(v) => props.onChange({ followupCadenceDays: v ?? null })}
            placeholder={t('segmentation.schemeEditor.daysPlaceholder')}
            status={status('followupCadenceDays')}
            style={{ width: '100%' }}
            data-testid={`tier-cadence-${index}`}
          />
          {help('followupCadenceDays')}
        </Col>
        <Col xs={12} md={6}>
          {label(t('segmentation.schemeEditor.reclaim'), 'poolReclaimDays')}
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            value={tier.poolReclaimDays}
            onChange={(v) => props.onChange({ poolReclaimDays: v ?? null })}
            placeholder={t('segmentation.schemeEditor.daysPlaceholder')}
            status={status('poolReclaimDays')}
            style={{ width: '100%' }}
            data-testid={`tier-reclaim-${index}`}
          />
          {help('poolReclaimDays')}
        </Col>
      </Row>
      {kind === 'rules' && (
        <div style={{ marginTop: 12 }} data-testid={`tier-rule-${index}`}>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('segmentation.schemes.rule')}</Typography.Text>
            <Flex gap={6} align="center">
              <Typography.Text type="secondary" className="rfm-small">
                {t('segmentation.schemeEditor.advanced')}
              </Typography.Text>
              <Switch
                size="small"
                checked={tier.json}
                onChange={(json) => {
                  if (json) {
                    props.onChange({ json, jsonText: built.rule ? JSON.stringify(built.rule, null, 2) : '' });
                  } else {
                    let rule: unknown = null;
                    try {
                      rule = tier.jsonText.trim() ? JSON.parse(tier.jsonText) : null;
                    } catch {
                      return;
                    }
                    const builder = ruleToBuilder(rule, props.fieldMap, props.timeZone);
                    if (builder) props.onChange({ json, builder });
                  }
                }}
                data-testid={`tier-json-${index}`}
              />
            </Flex>
          </Flex>
          {errors?.rule && (
            <Alert
              type="error"
              showIcon
              message={errors.rule}
              style={{ marginBottom: 8 }}
              data-testid={`tier-rule-error-${index}`}
            />
          )}
          {tier.json ? (
            <>
              <Typography.Paragraph type="secondary" className="rfm-small" style={{ marginBottom: 6 }}>
                {t('segmentation.schemeEditor.advancedHint')}
              </Typography.Paragraph>
              {built.rule !== null && (
                <Typography.Paragraph style={{ marginBottom: 6 }} data-testid={`tier-rule-text-${index}`}>
                  {describe(built.rule)}
                </Typography.Paragraph>
              )}
              <Input.TextArea
                value={tier.jsonText}
                onChange={(e) => props.onChange({ jsonText: e.target.value })}
                autoSize={{ minRows: 3, maxRows: 16 }}
                status={built.jsonError ? 'error' : undefined}
                style={{ fontFamily: 'monospace', fontSize: 12 }}
                data-testid={`tier-json-text-${index}`}
              />
              {built.jsonError && (
                <Typography.Text type="danger" className="rfm-small">
                  {t('segmentation.schemeEditor.jsonInvalid')}
                </Typography.Text>
              )}
            </>
          ) : (
            <FilterBuilder
              fields={props.fields}
              fieldsLoading={!props.fields}
              fieldsError={null}
              state={tier.builder}
              onChange={(builder) => props.onChange({ builder })}
              rowErrors={errors?.rows ?? {}}
              advanced={false}
              title={t('segmentation.schemeEditor.ruleConditions')}
              onApply={props.onValidate}
              applyLabel={t('segmentation.schemeEditor.ruleCheck')}
              onClear={() => props.onChange({ builder: emptyBuilder() })}
              clearLabel={t('segmentation.schemeEditor.ruleClear')}
            />
          )}
          {built.rule ? (
            <TierCount schemeKey={props.schemeKey} rule={built.rule} />
          ) : (
            <Typography.Text type={last ? 'secondary' : 'warning'} className="rfm-small">
              {last ? t('segmentation.schemeEditor.ruleEveryone') : t('segmentation.schemeEditor.needRule')}
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

function RfmSettings(props: { draft: RfmDraft; onChange: (d: RfmDraft) => void; error?: string }) {
  const { t } = useTranslation();
  const { draft, onChange } = props;
  const set = (patch: Partial<RfmDraft>) => onChange({ ...draft, ...patch });
  return (
    <Card
      size="small"
      title={t('segmentation.schemeEditor.settings')}
      style={{ marginBottom: 16 }}
      data-testid="rfm-settings"
    >
      {props.error && (
        <Alert
          type="error"
          showIcon
          message={props.error}
          style={{ marginBottom: 12 }}
          data-testid="rfm-settings-error"
        />
      )}
      <Flex vertical gap={14}>
        <div>
          <Typography.Text strong>{t('segmentation.schemeEditor.lookback')}</Typography.Text>
          <Flex gap={12} align="center" wrap style={{ marginTop: 6 }}>
            <Radio.Group
              value={draft.lookbackDays === null ? 'all' : 'days'}
              onChange={(e) => set({ lookbackDays: e.target.value === 'all' ? null : 365 })}
              options={[
                { value: 'all', label: t('segmentation.schemeEditor.allHistory') },
                { value: 'days', label: t('segmentation.schemeEditor.lastDays') },
              ]}
            />
            {draft.lookbackDays !== null && (
              <InputNumber<number>
                min={1}
                max={36500}
                precision={0}
                value={draft.lookbackDays}
                onChange={(v) => set({ lookbackDays: v ?? 1 })}
                addonAfter={t('rules.days')}
                style={{ width: 160 }}
                data-testid="rfm-lookback-days"
              />
            )}
          </Flex>
        </div>
        <div>
          <Typography.Text strong>{t('segmentation.schemeEditor.statuses')}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Checkbox.Group
              value={draft.statuses}
              onChange={(v) => set({ statuses: v })}
              options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`segmentation.orderStatus.${s}`) }))}
            />
          </div>
        </div>
        <div>
          <Typography.Text strong>{t('segmentation.schemeEditor.scoring')}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Radio.Group
              value={draft.scoring}
              onChange={(e) => set({ scoring: e.target.value as RfmDraft['scoring'] })}
              options={[
                { value: 'quintiles', label: t('segmentation.schemeEditor.quintiles') },
                { value: 'thresholds', label: t('segmentation.schemeEditor.thresholds') },
              ]}
            />
          </div>
          {draft.scoring === 'thresholds' && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" className="rfm-small">
                {t('segmentation.schemeEditor.thresholdsHint')}
              </Typography.Text>
              {DIMS.map((dim) => (
                <Flex key={dim} gap={6} align="center" style={{ marginTop: 6 }} wrap>
                  <Typography.Text style={{ width: 140 }}>
                    {t(`segmentation.schemes.calibration.${dim}`)}
                  </Typography.Text>
                  {draft.thresholds[dim].map((v, i) => (
                    <InputNumber<number>
                      key={i}
                      value={v}
                      min={0}
                      onChange={(n) => {
                        const list = [...draft.thresholds[dim]];
                        list[i] = n ?? null;
                        set({ thresholds: { ...draft.thresholds, [dim]: list } });
                      }}
                      style={{ width: 110 }}
                      data-testid={`rfm-threshold-${dim}-${i}`}
                    />
                  ))}
                </Flex>
              ))}
            </div>
          )}
        </div>
        <div>
          <Typography.Text strong>{t('segmentation.schemeEditor.compare')}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Radio.Group
              value={draft.compare}
              onChange={(e) => set({ compare: e.target.value as RfmDraft['compare'] })}
              options={[
                { value: 'mean', label: t('segmentation.schemeEditor.compareMean') },
                { value: 'fixed', label: t('segmentation.schemeEditor.compareFixed') },
              ]}
            />
          </div>
          {draft.compare === 'fixed' && (
            <Flex gap={12} align="center" wrap style={{ marginTop: 8 }}>
              {DIMS.map((dim) => (
                <InputNumber<number>
                  key={dim}
                  addonBefore={dim.toUpperCase()}
                  min={1}
                  max={5}
                  step={0.1}
                  value={draft.fixed[dim]}
                  onChange={(n) => set({ fixed: { ...draft.fixed, [dim]: n ?? null } })}
                  style={{ width: 130 }}
                  data-testid={`rfm-fixed-${dim}`}
                />
              ))}
              <Typography.Text type="secondary" className="rfm-small">
                {t('segmentation.schemeEditor.fixedHint')}
              </Typography.Text>
            </Flex>
          )}
        </div>
      </Flex>
    </Card>
  );
}

function rfmConfigOut(d: RfmDraft): { config?: Record<string, unknown>; error?: string } {
  const config: Record<string, unknown> = {
    lookbackDays: d.lookbackDays,
    statuses: d.statuses,
    scoring: d.scoring,
    compare: d.compare,
  };
  if (d.scoring === 'thresholds') {
    const out: Record<string, number[]> = {};
    for (const dim of DIMS) {
      const list = d.thresholds[dim];
      if (
        list.some((v) => v === null) ||
        list.some((v, i) => i > 0 && (v as number) < (list[i - 1] as number))
      )
        return { error: 'ascending' };
      out[dim] = list as number[];
    }
    config.thresholds = out;
  }
  if (d.compare === 'fixed') {
    if (DIMS.some((dim) => d.fixed[dim] === null)) return { error: 'fixed' };
    config.fixed = d.fixed;
  }
  return { config };
}

interface Props {
  open: boolean;
  /** The scheme to edit, or `null` to create a rules scheme. */
  scheme: Scheme | null;
  onClose: () => void;
}

/**
 * The scheme editor (a drawer): names, ordered tiers with colour, strategy, cadence and pool days; for
 * rules schemes each tier's rule in the visual rule builder with a live count; for RFM its settings.
 * Server validation errors land on the tier, field or condition they name.
 */
export function SchemeEditor({ open, scheme, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const errorText = useErrorText();
  const fieldsQuery = useCustomerFields(i18n.language, open);
  const fields = fieldsQuery.data?.items;
  const fieldMap = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const create = useCreateScheme();
  const update = useUpdateScheme();
  const saving = create.isPending || update.isPending;

  const [key, setKey] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [tiers, setTiers] = useState<TierDraft[]>([]);
  const [rfm, setRfm] = useState<RfmDraft | null>(null);
  const [errors, setErrors] = useState<Errors>(noErrors);
  const [dirty, setDirty] = useState(false);
  const [ready, setReady] = useState(false);

  const kind = scheme?.kind ?? 'rules';
  const schemeKey = scheme?.key ?? key;

  // (Re)load the draft when the drawer opens on a scheme, once the fields are known.
  useEffect(() => {
    if (!open) {
      setReady(false);
      return;
    }
    if (!fields || ready) return;
    if (scheme) {
      setKey(scheme.key);
      setNameZh(scheme.nameZh);
      setNameEn(scheme.nameEn);
      setTiers(scheme.tiers.map((tier) => tierDraftOf(tier, fieldMap, timeZone)));
      setRfm(scheme.kind === 'rfm' ? rfmDraftOf(scheme.config, scheme.calibration) : null);
    } else {
      setKey('');
      setNameZh('');
      setNameEn('');
      setTiers([blankTier('A', 'A', '#cf1322', true), blankTier('B', 'B', '#8c8c8c', false)]);
      setRfm(null);
    }
    setErrors(noErrors());
    setDirty(false);
    setReady(true);
  }, [open, fields, ready, scheme, fieldMap, timeZone]);

  const touch = () => setDirty(true);
  const patchTier = (uid: string, patch: Partial<TierDraft>) => {
    touch();
    setTiers((list) => list.map((x) => (x.uid === uid ? { ...x, ...patch } : x)));
  };

  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({
      title: t('segmentation.schemeEditor.discardTitle'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: onClose,
    });
  };

  /** Places the server's validation issues on the scheme, a tier, its fields or its rule's rows. */
  const showServerErrors = (err: unknown, built: ReturnType<typeof tierRule>[]) => {
    const next = noErrors();
    const details =
      isApiError(err, 'VALIDATION_FAILED') && Array.isArray(err.details) ? (err.details as unknown[]) : [];
    for (const d of details) {
      const { path, message: text } = (d ?? {}) as { path?: unknown; message?: unknown };
      if (typeof text !== 'string') continue;
      const target = typeof path === 'string' ? parseSchemePath(path) : {};
      if (target.tier !== undefined && tiers[target.tier]) {
        const uid = tiers[target.tier]!.uid;
        const te = (next.tiers[uid] ??= { fields: {}, rows: {} });
        if (target.field === 'rule') {
          const rowId =
            target.condition !== undefined ? built[target.tier]?.rowIds[target.condition] : undefined;
          if (rowId) te.rows[rowId] = text;
          else te.rule = text;
        } else if (target.field) te.fields[target.field] = text;
        else te.rule = text;
      } else if (target.field === 'config') next.config = text;
      else if (target.field && ['key', 'nameZh', 'nameEn'].includes(target.field))
        next.scheme[target.field] = text;
      else next.general.push(text);
    }
    if (details.length === 0) next.general.push(errorText(err));
    setErrors(next);
    void message.error(t('segmentation.schemeEditor.incomplete'));
  };

  const save = () => {
    const next = noErrors();
    const required = t('segmentation.schemeEditor.required');
    if (!scheme && !SCHEME_KEY.test(key))
      next.scheme.key = key ? t('segmentation.schemeEditor.keyInvalid') : required;
    if (!nameZh.trim()) next.scheme.nameZh = required;
    if (!nameEn.trim()) next.scheme.nameEn = required;
    const built = tiers.map((tier) => tierRule(tier, fieldMap, timeZone));
    const seen = new Set<string>();
    tiers.forEach((tier, i) => {
      const te: TierErrors = { fields: {}, rows: {} };
      if (!tier.nameZh.trim()) te.fields.nameZh = required;
      if (!tier.nameEn.trim()) te.fields.nameEn = required;
      if (!TIER_KEY.test(tier.key))
        te.fields.key = tier.key ? t('segmentation.schemeEditor.keyInvalid') : required;
      else if (seen.has(tier.key)) te.fields.key = t('segmentation.schemeEditor.keyInvalid');
      seen.add(tier.key);
      const b = built[i]!;
      for (const id of b.incomplete) te.rows[id] = t('validation.required');
      if (b.jsonError) te.rule = t('segmentation.schemeEditor.jsonInvalid');
      else if (kind === 'rules' && !b.rule && i < tiers.length - 1 && b.incomplete.length === 0)
        te.rule = t('segmentation.schemeEditor.needRule');
      if (Object.keys(te.fields).length || Object.keys(te.rows).length || te.rule) next.tiers[tier.uid] = te;
    });
    let config: Record<string, unknown> | undefined;
    if (rfm) {
      const out = rfmConfigOut(rfm);
      if (out.error)
        next.config =
          out.error === 'ascending'
            ? t('segmentation.schemeEditor.ascending')
            : t('segmentation.schemeEditor.fixedHint');
      config = out.config;
    }
    if (Object.keys(next.scheme).length || Object.keys(next.tiers).length || next.config) {
      setErrors(next);
      void message.warning(t('segmentation.schemeEditor.incomplete'));
      return;
    }
    setErrors(noErrors());
    const tierBody = tiers.map((tier, i) => ({
      key: tier.key,
      nameZh: tier.nameZh.trim(),
      nameEn: tier.nameEn.trim(),
      color: tier.color,
      strategyZh: tier.strategyZh.trim(),
      strategyEn: tier.strategyEn.trim(),
      followupCadenceDays: tier.followupCadenceDays,
      poolReclaimDays: tier.poolReclaimDays,
      rule: kind === 'rules' ? (built[i]!.rule ?? null) : null,
    }));
    const done = () => {
      void message.success(t('segmentation.schemeEditor.saved'));
      setDirty(false);
      onClose();
    };
    if (scheme) {
      const body: SchemeUpdate = {
        version: scheme.version,
        nameZh: nameZh.trim(),
        nameEn: nameEn.trim(),
        tiers: tierBody as SchemeUpdate['tiers'],
        ...(config ? { config } : {}),
      };
      update.mutate(
        { id: scheme.id, body },
        {
          onSuccess: done,
          onError: (err) => {
            if (isApiError(err, 'VERSION_CONFLICT')) {
              void message.warning(t('segmentation.schemeEditor.conflict'));
              setReady(false);
              onClose();
            } else showServerErrors(err, built);
          },
        },
      );
    } else {
      const body: SchemeInput = { key, nameZh: nameZh.trim(), nameEn: nameEn.trim(), tiers: tierBody };
      create.mutate(body, { onSuccess: done, onError: (err) => showServerErrors(err, built) });
    }
  };

  const addTier = () => {
    touch();
    const taken = tiers.map((x) => x.key);
    // New tiers go before the last one, which usually catches everyone else.
    const tier = blankTier(freshTierKey(taken), '', '#1677ff', true);
    setTiers((list) => (list.length > 0 ? [...list.slice(0, -1), tier, list[list.length - 1]!] : [tier]));
  };

  const title = scheme
    ? t('segmentation.schemeEditor.editTitle', { name: localName(scheme, i18n.language) })
    : t('segmentation.schemeEditor.createTitle');

  return (
    <Drawer
      open={open}
      onClose={close}
      width={1040}
      title={title}
      destroyOnHidden
      maskClosable={false}
      data-testid="scheme-editor"
      extra={
        <Space>
          <Button onClick={close}>{t('segmentation.schemeEditor.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} disabled={!ready} data-testid="scheme-save">
            {t('segmentation.schemeEditor.save')}
          </Button>
        </Space>
      }
    >
      {!ready ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {errors.general.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={errors.general.join('; ')}
              style={{ marginBottom: 12 }}
              data-testid="scheme-error"
            />
          )}
          <Row gutter={12} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}>
              <Typography.Text type={errors.scheme.key ? 'danger' : 'secondary'} className="rfm-small">
                {t('segmentation.schemeEditor.key')}
              </Typography.Text>
              <Input
                value={key}
                disabled={!!scheme}
                maxLength={40}
                status={errors.scheme.key ? 'error' : undefined}
                onChange={(e) => {
                  touch();
                  setKey(e.target.value.trim());
                }}
                placeholder="e.g. industry_value"
                data-testid="scheme-key"
              />
              <Typography.Text type={errors.scheme.key ? 'danger' : 'secondary'} className="rfm-small">
                {errors.scheme.key ?? (scheme ? '' : t('segmentation.schemeEditor.keyHint'))}
              </Typography.Text>
            </Col>
            <Col xs={24} md={8}>
              <Typography.Text type={errors.scheme.nameZh ? 'danger' : 'secondary'} className="rfm-small">
                {t('segmentation.schemeEditor.nameZh')}
              </Typography.Text>
              <Input
                value={nameZh}
                maxLength={60}
                status={errors.scheme.nameZh ? 'error' : undefined}
                onChange={(e) => {
                  touch();
                  setNameZh(e.target.value);
                }}
                data-testid="scheme-name-zh"
              />
              {errors.scheme.nameZh && (
                <Typography.Text type="danger" className="rfm-small">
                  {errors.scheme.nameZh}
                </Typography.Text>
              )}
            </Col>
            <Col xs={24} md={8}>
              <Typography.Text type={errors.scheme.nameEn ? 'danger' : 'secondary'} className="rfm-small">
                {t('segmentation.schemeEditor.nameEn')}
              </Typography.Text>
              <Input
                value={nameEn}
                maxLength={60}
                status={errors.scheme.nameEn ? 'error' : undefined}
                onChange={(e) => {
                  touch();
                  setNameEn(e.target.value);
                }}
                data-testid="scheme-name-en"
              />
              {errors.scheme.nameEn && (
                <Typography.Text type="danger" className="rfm-small">
                  {errors.scheme.nameEn}
                </Typography.Text>
              )}
            </Col>
          </Row>
          {rfm && (
            <RfmSettings
              draft={rfm}
              onChange={(d) => {
                touch();
                setRfm(d);
              }}
              error={errors.config}
            />
          )}
          <Typography.Title level={5}>
            {kind === 'rfm' ? t('segmentation.schemeEditor.tiersRfm') : t('segmentation.schemeEditor.tiers')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="rfm-small">
            {kind === 'rfm'
              ? t('segmentation.schemeEditor.rfmTiersHint')
              : t('segmentation.schemeEditor.lastTierHint')}
          </Typography.Paragraph>
          <Flex vertical gap={12}>
            {tiers.map((tier, i) => (
              <TierCard
                key={tier.uid}
                tier={tier}
                index={i}
                count={tiers.length}
                kind={kind}
                schemeKey={schemeKey}
                fields={fields}
                fieldMap={fieldMap}
                timeZone={timeZone}
                errors={errors.tiers[tier.uid]}
                onChange={(patch) => patchTier(tier.uid, patch)}
                onMove={(to) => {
                  touch();
                  setTiers((list) => moveItem(list, i, to));
                }}
                onValidate={() => {
                  const b = tierRule(tier, fieldMap, timeZone);
                  setErrors((e) => ({
                    ...e,
                    tiers: {
                      ...e.tiers,
                      [tier.uid]: {
                        fields: e.tiers[tier.uid]?.fields ?? {},
                        rows: Object.fromEntries(b.incomplete.map((id) => [id, t('validation.required')])),
                      },
                    },
                  }));
                }}
                onRemove={() => {
                  touch();
                  setTiers((list) => list.filter((x) => x.uid !== tier.uid));
                }}
              />
            ))}
          </Flex>
          {kind === 'rules' && tiers.length < 20 && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={addTier}
              style={{ marginTop: 12 }}
              block
              data-testid="tier-add"
            >
              {t('segmentation.schemeEditor.addTier')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}
