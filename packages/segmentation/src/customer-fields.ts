import {
  customFieldDefs,
  FieldRegistry,
  type CustomFieldDef,
  type FacetSource,
  type FieldDef,
} from './fields.ts';

const f = (
  key: string,
  type: FieldDef['type'],
  zh: string,
  en: string,
  sql: string,
  group: FieldDef['group'] = 'attribute',
  options?: readonly string[],
): FieldDef => ({
  key,
  type,
  label: { 'zh-CN': zh, en },
  sql,
  group,
  ...(options ? { options } : {}),
});

/** customer_facets (migration 0008): the customer's tags, tiers and the fields below, as text. */
export const CUSTOMER_FACETS: FacetSource = {
  from: 'customer_facets f WHERE f.workspace_id = c.workspace_id AND f.customer_id = c.id',
  column: '(f.attrs || f.placed)',
};

/**
 * The customer's own fields mirrored in its facets as `key:value` (by a trigger on customers: the SQL
 * function stratum_customer_facets lists the same fields).
 */
export const FACETED_ATTRIBUTES = [
  'kind',
  'industry',
  'province',
  'city',
  'size_band',
  'source',
  'status',
] as const;

const withFacet = (def: FieldDef): FieldDef =>
  (FACETED_ATTRIBUTES as readonly string[]).includes(def.key)
    ? { ...def, facet: { source: CUSTOMER_FACETS, prefix: `${def.key}:` } }
    : def;

/**
 * Built-in customer fields. Aliases: `c` = customers, `m` = customer_metrics (left-joined; a customer
 * with no orders reads 0 / empty).
 */
export const CUSTOMER_FIELDS: readonly FieldDef[] = [
  f('name', 'text', '客户名称', 'Name', 'c.name'),
  f('kind', 'enum', '客户类型', 'Type', 'c.kind', 'attribute', ['company', 'individual']),
  f('external_id', 'text', '外部编号', 'External ID', 'c.external_id'),
  f('industry', 'text', '行业', 'Industry', 'c.industry'),
  f('province', 'text', '省份', 'Province', 'c.province'),
  f('city', 'text', '城市', 'City', 'c.city'),
  f('size_band', 'enum', '规模', 'Size', 'c.size_band', 'attribute', [
    '1-9',
    '10-49',
    '50-199',
    '200-999',
    '1000+',
  ]),
  f('source', 'enum', '来源渠道', 'Source', 'c.source', 'attribute', [
    'referral',
    'website',
    'exhibition',
    'cold_call',
    'wechat',
    'partner',
    'advertising',
    'other',
  ]),
  f('status', 'enum', '客户状态', 'Status', 'c.status', 'attribute', [
    'potential',
    'active',
    'dormant',
    'lost',
  ]),
  f('phone', 'text', '电话', 'Phone', 'c.phone'),
  f('email', 'text', '邮箱', 'Email', 'c.email'),
  f('wechat', 'text', '微信', 'WeChat', 'c.wechat'),
  f('created_at', 'datetime', '创建时间', 'Created', 'c.created_at'),
  f('owner_id', 'enum', '负责人', 'Owner', 'c.owner_id::text', 'owner'),
  f('in_pool', 'boolean', '在公海', 'In public pool', '(c.owner_id IS NULL)', 'owner'),
  f('order_count', 'number', '订单数', 'Orders', 'COALESCE(m.order_count, 0)', 'metric'),
  f('total_spend', 'money', '累计消费', 'Lifetime spend', 'COALESCE(m.total_spend, 0)', 'metric'),
  f('first_order_at', 'datetime', '首次下单', 'First order', 'm.first_order_at', 'metric'),
  f('last_order_at', 'datetime', '最近下单', 'Last order', 'm.last_order_at', 'metric'),
  f('last_followup_at', 'datetime', '最近跟进', 'Last follow-up', 'm.last_followup_at', 'metric'),
  f('next_followup_on', 'date', '下次跟进', 'Next follow-up', 'm.next_followup_on', 'metric'),
  f('open_tickets', 'number', '未结工单', 'Open tickets', 'COALESCE(m.open_tickets, 0)', 'metric'),
  f('complaints', 'number', '投诉次数', 'Complaints', 'COALESCE(m.complaints, 0)', 'metric'),
  f(
    'open_opportunities',
    'number',
    '进行中商机',
    'Open opportunities',
    'COALESCE(m.open_opportunities, 0)',
    'metric',
  ),
  // What the customer's open deals are worth (pipeline issue): read live from the deals.
  f(
    'pipeline_value',
    'money',
    '商机金额（进行中）',
    'Open pipeline value',
    "(SELECT COALESCE(sum(op.amount), 0) FROM opportunities op WHERE op.workspace_id = c.workspace_id AND op.customer_id = c.id AND op.status = 'open')",
    'metric',
  ),
  f('last_complaint_at', 'datetime', '最近投诉', 'Last complaint', 'm.last_complaint_at', 'metric'),
  // Counted from the as-of day (today unless a rule is evaluated for another day).
  f(
    'recency_days',
    'number',
    '未购天数',
    'Days since last order',
    `({as_of} - (${localDay('m.last_order_at')}))`,
    'metric',
  ),
  f(
    'avg_order_value',
    'money',
    '客单价',
    'Average order value',
    '(CASE WHEN m.order_count > 0 THEN round(m.total_spend / m.order_count, 2) END)',
    'metric',
  ),
  f(
    'tenure_days',
    'number',
    '客户时长（天）',
    'Tenure (days)',
    `({as_of} - (${localDay('m.first_order_at')}))`,
    'metric',
  ),
  f(
    'days_since_followup',
    'number',
    '未跟进天数',
    'Days since last follow-up',
    `({as_of} - (${localDay('m.last_followup_at')}))`,
    'metric',
  ),
  f('last_followup_type', 'enum', '最近跟进方式', 'Last follow-up type', 'm.last_followup_type', 'metric', [
    'call',
    'visit',
    'wechat',
    'email',
    'meeting',
    'note',
  ]),
  f(
    'avg_interval_days',
    'number',
    '平均购买间隔（天）',
    'Usual purchase interval (days)',
    'm.avg_interval_days',
    'metric',
  ),
  // How many of its own usual intervals the customer is overdue: > 2 is a classic churn signal.
  f(
    'overdue_ratio',
    'number',
    '超期倍数',
    'Overdue (× usual interval)',
    `(CASE WHEN m.avg_interval_days > 0 THEN round(({as_of} - (${localDay('m.last_order_at')})) / m.avg_interval_days, 2) END)`,
    'metric',
  ),
  f('spend_365d', 'money', '近12个月消费', 'Spend, last 12 months', 'COALESCE(m.spend_365d, 0)', 'metric'),
  f('orders_180d', 'number', '近6个月订单', 'Orders, last 6 months', 'COALESCE(m.orders_180d, 0)', 'metric'),
  f(
    'orders_prev_180d',
    'number',
    '前6个月订单',
    'Orders, the 6 months before',
    'COALESCE(m.orders_prev_180d, 0)',
    'metric',
  ),
  // Orders in the last 6 months minus the 6 before: > 0 growing, < 0 declining.
  f(
    'order_trend',
    'number',
    '订单趋势（近6月−前6月）',
    'Order trend (last 6 months − the 6 before)',
    '(COALESCE(m.orders_180d, 0) - COALESCE(m.orders_prev_180d, 0))',
    'metric',
  ),
  // Lifetime value (docs/CLV.md), refreshed by the daily recompute: empty for a customer without a
  // counted purchase, or while the workspace has too little history to fit the models.
  f('clv', 'money', '客户终身价值（CLV，12个月）', 'Lifetime value (CLV, 12 months)', 'm.clv', 'metric'),
  f('p_alive', 'number', '存活概率', 'P(alive)', 'm.p_alive', 'metric'),
  f(
    'expected_purchases',
    'number',
    '预计购买次数（90天）',
    'Expected purchases (next 90 days)',
    'm.expected_purchases',
    'metric',
  ),
  // Net Promoter Score (issue #7): the customer's latest survey answer 0–10 and when it came; empty
  // until the customer answers. Written when an answer arrives (the NPS module), so rules move live.
  f('nps_score', 'number', 'NPS 评分', 'NPS score', 'm.nps_score', 'metric'),
  f('nps_at', 'datetime', '最近 NPS 回复', 'Last NPS answer', 'm.nps_at', 'metric'),
].map(withFacet);

function localDay(column: string): string {
  return `(${column} AT TIME ZONE {tz})::date`;
}

/** What a workspace classifies with: its schemes and tiers, tags and segments (ids are uuids). */
export interface ClassificationDefs {
  schemes: readonly {
    key: string;
    nameZh: string;
    nameEn: string;
    tiers: readonly { key: string; nameZh: string; nameEn: string }[];
  }[];
  tags: readonly { id: string; name: string; groupZh: string; groupEn: string }[];
  segments: readonly { id: string; name: string }[];
}

const SCHEME_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Fields over a workspace's classification: `tier.<scheme>`, `tags`, `segments` — each part only when
 * given (a tier rule may not test segments, an auto-tag rule not tags…).
 */
export function classificationFieldDefs(defs: Partial<ClassificationDefs>): FieldDef[] {
  const out: FieldDef[] = (defs.schemes ?? [])
    .filter((s) => SCHEME_KEY.test(s.key))
    .map((s) => ({
      key: `tier.${s.key}`,
      type: 'enum',
      label: { 'zh-CN': s.nameZh, en: s.nameEn },
      sql: `(m.tiers->>'${s.key}')`,
      facet: { source: CUSTOMER_FACETS, prefix: `tier.${s.key}:` },
      group: 'classification',
      options: s.tiers.map((t) => t.key),
      optionLabels: Object.fromEntries(s.tiers.map((t) => [t.key, { 'zh-CN': t.nameZh, en: t.nameEn }])),
    }));
  if (defs.tags)
    out.push({
      key: 'tags',
      type: 'multi_enum',
      elementType: 'uuid',
      label: { 'zh-CN': '标签', en: 'Tags' },
      sql: 'm.tag_ids',
      facet: { source: CUSTOMER_FACETS, prefix: '' },
      group: 'classification',
      options: defs.tags.map((t) => t.id),
      optionLabels: Object.fromEntries(
        defs.tags.map((t) => [t.id, { 'zh-CN': `${t.groupZh}: ${t.name}`, en: `${t.groupEn}: ${t.name}` }]),
      ),
    });
  if (defs.segments)
    out.push({
      key: 'segments',
      type: 'multi_enum',
      elementType: 'uuid',
      label: { 'zh-CN': '客户分群', en: 'Segments' },
      sql: 'ARRAY(SELECT sm.segment_id FROM segment_members sm WHERE sm.workspace_id = c.workspace_id AND sm.customer_id = c.id)',
      group: 'classification',
      options: defs.segments.map((s) => s.id),
      optionLabels: Object.fromEntries(defs.segments.map((s) => [s.id, { 'zh-CN': s.name, en: s.name }])),
    });
  return out;
}

export const customerRegistry = (
  custom: readonly CustomFieldDef[] = [],
  classification?: Partial<ClassificationDefs>,
) =>
  new FieldRegistry([
    ...CUSTOMER_FIELDS,
    ...customFieldDefs(custom),
    ...(classification ? classificationFieldDefs(classification) : []),
  ]);
