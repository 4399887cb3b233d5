import { sql } from 'drizzle-orm';
import { DEFAULT_RFM_CONFIG, RFM_CLASS_LABELS, RFM_CLASSES, type Rule } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { classificationSchemes, classificationTiers, tagGroups } from '../../db/schema.ts';
import { RFM_STRATEGIES } from './rfm-strategies.ts';

interface TierSeed {
  key: string;
  zh: string;
  en: string;
  color: string;
  strategyZh: string;
  strategyEn: string;
  cadence: number | null;
  reclaim: number | null;
  rule?: Rule;
}
interface SchemeSeed {
  key: string;
  zh: string;
  en: string;
  kind: 'rfm' | 'rules';
  config?: object;
  tiers: TierSeed[];
}

const RFM_LOOK: Record<string, { color: string; cadence: number; reclaim: number }> = {
  important_value: { color: '#cf1322', cadence: 7, reclaim: 90 },
  important_retain: { color: '#d46b08', cadence: 7, reclaim: 60 },
  important_develop: { color: '#d48806', cadence: 14, reclaim: 60 },
  important_winback: { color: '#c41d7f', cadence: 7, reclaim: 45 },
  general_value: { color: '#1677ff', cadence: 14, reclaim: 60 },
  general_retain: { color: '#08979c', cadence: 30, reclaim: 60 },
  general_develop: { color: '#389e0d', cadence: 30, reclaim: 45 },
  general_winback: { color: '#8c8c8c', cadence: 60, reclaim: 30 },
};

const c = (field: string, op: string, value?: unknown): Rule => ({ field, op, value }) as Rule;

/** The built-in schemes every workspace starts with; all editable (rules, names, colours, cadences). */
export const DEFAULT_SCHEMES: SchemeSeed[] = [
  {
    key: 'rfm',
    zh: 'RFM 客户价值',
    en: 'RFM value classes',
    kind: 'rfm',
    config: DEFAULT_RFM_CONFIG,
    tiers: RFM_CLASSES.map((k) => ({
      key: k,
      zh: RFM_CLASS_LABELS[k]['zh-CN'],
      en: RFM_CLASS_LABELS[k].en,
      color: RFM_LOOK[k]!.color,
      strategyZh: RFM_STRATEGIES[k]['zh-CN'],
      strategyEn: RFM_STRATEGIES[k].en,
      cadence: RFM_LOOK[k]!.cadence,
      reclaim: RFM_LOOK[k]!.reclaim,
    })),
  },
  {
    key: 'value',
    zh: '价值等级',
    en: 'Value tiers',
    kind: 'rules',
    tiers: [
      {
        key: 'A',
        zh: 'A 类客户',
        en: 'A customers',
        color: '#cf1322',
        strategyZh: '近 12 个月消费 1 万元以上：专人维护，季度拜访，优先资源',
        strategyEn:
          'Spent 10,000+ in 12 months: a dedicated owner, quarterly visits, first call on resources',
        cadence: 14,
        reclaim: 90,
        rule: c('spend_365d', 'gte', 10000),
      },
      {
        key: 'B',
        zh: 'B 类客户',
        en: 'B customers',
        color: '#d48806',
        strategyZh: '近 12 个月消费 2 千元以上：定期回访，推荐升级',
        strategyEn: 'Spent 2,000+ in 12 months: regular check-ins, suggest upgrades',
        cadence: 30,
        reclaim: 60,
        rule: c('spend_365d', 'gte', 2000),
      },
      {
        key: 'C',
        zh: 'C 类客户',
        en: 'C customers',
        color: '#8c8c8c',
        strategyZh: '其他客户：批量触达，培育需求',
        strategyEn: 'Everyone else: reach in bulk, nurture demand',
        cadence: 60,
        reclaim: 30,
      },
    ],
  },
  {
    key: 'lifecycle',
    zh: '生命周期',
    en: 'Lifecycle stage',
    kind: 'rules',
    tiers: [
      {
        key: 'prospect',
        zh: '潜在客户',
        en: 'Prospect',
        color: '#bfbfbf',
        strategyZh: '尚未成交：跟进需求，推动首单',
        strategyEn: 'No purchase yet: qualify the need, win the first order',
        cadence: 14,
        reclaim: 30,
        rule: c('order_count', 'eq', 0),
      },
      {
        key: 'churned',
        zh: '已流失',
        en: 'Churned',
        color: '#595959',
        strategyZh: '一年以上未购买：低成本唤醒，了解流失原因',
        strategyEn: 'No order for over a year: low-cost reactivation, learn why they left',
        cadence: 90,
        reclaim: 30,
        rule: c('recency_days', 'gt', 365),
      },
      {
        key: 'won_back',
        zh: '已挽回',
        en: 'Won back',
        color: '#722ed1',
        strategyZh: '沉寂半年以上后重新购买：重点关怀，巩固回归',
        strategyEn: 'Bought again after six quiet months: look after them, make the return stick',
        cadence: 14,
        reclaim: 60,
        rule: {
          and: [c('orders_180d', 'gte', 1), c('orders_prev_180d', 'eq', 0), c('tenure_days', 'gt', 360)],
        },
      },
      {
        key: 'new',
        zh: '新客户',
        en: 'New',
        color: '#13c2c2',
        strategyZh: '首单 90 天内：做好交付与回访，促成复购',
        strategyEn: 'First order within 90 days: deliver well, follow up, earn the second order',
        cadence: 7,
        reclaim: 60,
        rule: c('tenure_days', 'lte', 90),
      },
      {
        key: 'growing',
        zh: '成长期',
        en: 'Growing',
        color: '#52c41a',
        strategyZh: '近半年订单多于前半年：加大投入，交叉销售',
        strategyEn: 'More orders in the last six months than the six before: invest, cross-sell',
        cadence: 14,
        reclaim: 60,
        rule: c('order_trend', 'gt', 0),
      },
      {
        key: 'declining',
        zh: '衰退期',
        en: 'Declining',
        color: '#fa8c16',
        strategyZh: '订单变少或半年未购：及时回访，查找原因',
        strategyEn: 'Fewer orders, or none for six months: check in soon, find out why',
        cadence: 7,
        reclaim: 45,
        rule: { or: [c('order_trend', 'lt', 0), c('recency_days', 'gt', 180)] },
      },
      {
        key: 'active',
        zh: '活跃期',
        en: 'Active',
        color: '#1677ff',
        strategyZh: '稳定购买：保持节奏，提升满意度',
        strategyEn: 'Buying steadily: keep the rhythm, keep them happy',
        cadence: 30,
        reclaim: 60,
      },
    ],
  },
  {
    key: 'churn_risk',
    zh: '流失预警',
    en: 'Churn risk',
    kind: 'rules',
    tiers: [
      {
        key: 'high',
        zh: '高风险',
        en: 'High risk',
        color: '#cf1322',
        strategyZh: '超过平时购买间隔 3 倍未下单，或近 30 天有投诉：负责人一周内联系',
        strategyEn:
          'Over 3× their usual interval without an order, or a complaint in 30 days: call within a week',
        cadence: 3,
        reclaim: 30,
        rule: {
          or: [
            c('overdue_ratio', 'gt', 3),
            c('last_complaint_at', 'in_last_days', 30),
            { and: [c('order_count', 'eq', 1), c('recency_days', 'gt', 365)] },
          ],
        },
      },
      {
        key: 'medium',
        zh: '中风险',
        en: 'Medium risk',
        color: '#fa8c16',
        strategyZh: '超过平时购买间隔 2 倍未下单，或 60 天未联系：安排回访',
        strategyEn: 'Over 2× their usual interval, or no contact in 60 days: schedule a call',
        cadence: 7,
        reclaim: 45,
        rule: {
          or: [
            c('overdue_ratio', 'gt', 2),
            { and: [c('order_count', 'gte', 1), c('days_since_followup', 'gt', 60)] },
            { and: [c('order_count', 'eq', 1), c('recency_days', 'gt', 180)] },
          ],
        },
      },
      {
        key: 'low',
        zh: '低风险',
        en: 'Low risk',
        color: '#52c41a',
        strategyZh: '正常节奏：按计划跟进',
        strategyEn: 'On their usual rhythm: follow up as planned',
        cadence: 30,
        reclaim: 60,
      },
    ],
  },
];

export const DEFAULT_TAG_GROUPS = [
  { zh: '行业', en: 'Industry', exclusive: false },
  { zh: '地区', en: 'Region', exclusive: false },
  { zh: '规模', en: 'Size', exclusive: true },
  { zh: '价值', en: 'Value', exclusive: false },
  { zh: '合作状态', en: 'Partnership', exclusive: true },
  { zh: '自定义', en: 'Custom', exclusive: false },
];

/** Gives a workspace the built-in schemes and tag groups if it has none yet (idempotent). */
export async function ensureClassificationDefaults(db: Db, workspaceId: string): Promise<void> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM classification_schemes WHERE workspace_id = ${workspaceId}`,
  );
  if ((rows[0]?.n ?? 0) === 0) {
    for (const [i, s] of DEFAULT_SCHEMES.entries()) {
      const [scheme] = await db
        .insert(classificationSchemes)
        .values({
          workspaceId,
          key: s.key,
          nameZh: s.zh,
          nameEn: s.en,
          kind: s.kind,
          config: s.config ?? {},
          position: i,
        })
        .onConflictDoNothing()
        .returning({ id: classificationSchemes.id });
      if (!scheme) continue;
      await db.insert(classificationTiers).values(
        s.tiers.map((t, j) => ({
          workspaceId,
          schemeId: scheme.id,
          key: t.key,
          nameZh: t.zh,
          nameEn: t.en,
          color: t.color,
          strategyZh: t.strategyZh,
          strategyEn: t.strategyEn,
          followupCadenceDays: t.cadence,
          poolReclaimDays: t.reclaim,
          rule: t.rule ?? null,
          position: j,
        })),
      );
    }
  }
  const groups = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM tag_groups WHERE workspace_id = ${workspaceId}`,
  );
  if ((groups.rows[0]?.n ?? 0) === 0) {
    await db.insert(tagGroups).values(
      DEFAULT_TAG_GROUPS.map((g, i) => ({
        workspaceId,
        nameZh: g.zh,
        nameEn: g.en,
        exclusive: g.exclusive,
        position: i,
      })),
    );
  }
}

/** For databases made before the built-ins existed: every workspace without them gets them. */
export async function ensureAllClassificationDefaults(db: Db): Promise<void> {
  const { rows } = await db.execute<{ id: string }>(sql`SELECT workspace_id AS id FROM workspaces`);
  for (const r of rows) await ensureClassificationDefaults(db, r.id);
}
