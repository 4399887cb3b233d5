import type { Customer } from '@stratum/contracts';
import type { Lang } from '../../http/messages.ts';
import type { CustomFieldRow } from '../custom-fields/custom-fields.repository.ts';
import type { Column } from '../exports/table-writer.ts';
import type { SchemeDef, TagDef } from '../segmentation/classification.repository.ts';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Choice values as people read them, not as codes. */
const CHOICES: Record<string, Record<string, Record<Lang, string>>> = {
  kind: { company: L('企业', 'Company'), individual: L('个人', 'Individual') },
  status: {
    potential: L('潜在', 'Potential'),
    active: L('活跃', 'Active'),
    dormant: L('沉睡', 'Dormant'),
    lost: L('流失', 'Lost'),
  },
  source: {
    referral: L('转介绍', 'Referral'),
    website: L('官网', 'Website'),
    exhibition: L('展会', 'Exhibition'),
    cold_call: L('电话开发', 'Cold call'),
    wechat: L('微信', 'WeChat'),
    partner: L('合作伙伴', 'Partner'),
    advertising: L('广告', 'Advertising'),
    other: L('其他', 'Other'),
  },
};

/** An instant as local wall time in the workspace's zone, as a spreadsheet user expects it. */
function localTime(value: string | null, timeZone: string): string | null {
  if (!value) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Export columns by key; headers in the request's language. */
type Cell = (c: Customer, lang: Lang, timeZone: string) => unknown;
const choice =
  (field: string, get: (c: Customer) => string | null): Cell =>
  (c, lang) => {
    const v = get(c);
    return v === null ? null : (CHOICES[field]?.[v]?.[lang] ?? v);
  };
const time =
  (get: (c: Customer) => string | null): Cell =>
  (c, _lang, zone) =>
    localTime(get(c), zone);

const BUILT_IN: Record<string, { label: Record<Lang, string>; value: Cell }> = {
  name: { label: L('客户名称', 'Name'), value: (c) => c.name },
  kind: { label: L('客户类型', 'Type'), value: choice('kind', (c) => c.kind) },
  externalId: { label: L('外部编号', 'External ID'), value: (c) => c.externalId },
  industry: { label: L('行业', 'Industry'), value: (c) => c.industry },
  province: { label: L('省份', 'Province'), value: (c) => c.province },
  city: { label: L('城市', 'City'), value: (c) => c.city },
  sizeBand: { label: L('规模', 'Size'), value: (c) => c.sizeBand },
  source: { label: L('来源渠道', 'Source'), value: choice('source', (c) => c.source) },
  status: { label: L('客户状态', 'Status'), value: choice('status', (c) => c.status) },
  // No owner: the customer is in the public pool (公海), as the list shows it.
  ownerName: {
    label: L('负责人', 'Owner'),
    value: (c, lang) => c.ownerName ?? (c.ownerId === null ? L('公海', 'Public pool')[lang] : null),
  },
  phone: { label: L('电话', 'Phone'), value: (c) => c.phone },
  email: { label: L('邮箱', 'Email'), value: (c) => c.email },
  wechat: { label: L('微信', 'WeChat'), value: (c) => c.wechat },
  address: { label: L('地址', 'Address'), value: (c) => c.address },
  website: { label: L('网站', 'Website'), value: (c) => c.website },
  lifetimeSpend: { label: L('累计消费', 'Lifetime spend'), value: (c) => Number(c.lifetimeSpend) },
  lastOrderAt: { label: L('最近下单', 'Last order'), value: time((c) => c.lastOrderAt) },
  lastFollowupAt: { label: L('最近跟进', 'Last follow-up'), value: time((c) => c.lastFollowupAt) },
  openTickets: { label: L('未结工单', 'Open tickets'), value: (c) => c.openTickets },
  createdAt: { label: L('创建时间', 'Created'), value: time((c) => c.createdAt) },
  notes: { label: L('备注', 'Notes'), value: (c) => c.notes },
};

export const DEFAULT_EXPORT_COLUMNS = [
  'name',
  'externalId',
  'industry',
  'province',
  'city',
  'status',
  'ownerName',
  'phone',
  'email',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
];

/** What the classification columns name: the workspace's schemes (with their tiers) and tags. */
export interface ExportClassification {
  schemes: readonly SchemeDef[];
  tags: readonly TagDef[];
}

/** `tier.<scheme key>`: the customer's tier in that scheme, by name. */
function tierColumn(scheme: SchemeDef, lang: Lang): Column<Customer> {
  const names = new Map(scheme.tiers.map((t) => [t.key, lang === 'en' ? t.nameEn : t.nameZh]));
  return {
    header: lang === 'en' ? scheme.nameEn : scheme.nameZh,
    value: (c) => {
      const key = c.tiers[scheme.key];
      return key === undefined ? null : (names.get(key) ?? key);
    },
  };
}

/** `tags`: the customer's tags by name, in the workspace's tag order. */
function tagsColumn(tags: readonly TagDef[], lang: Lang): Column<Customer> {
  const order = new Map(tags.map((t, i) => [t.id, i]));
  const names = new Map(tags.map((t) => [t.id, t.name]));
  return {
    header: lang === 'en' ? 'Tags' : '标签',
    value: (c) =>
      c.tagIds
        .filter((id) => names.has(id))
        .sort((a, b) => order.get(a)! - order.get(b)!)
        .map((id) => names.get(id))
        .join(lang === 'en' ? ', ' : '、') || null,
  };
}

/**
 * The columns asked for (unknown keys are ignored), or the default set, every enabled scheme's tier,
 * the tags and every custom field.
 */
export function exportColumns(
  keys: string[] | undefined,
  defs: readonly CustomFieldRow[],
  classification: ExportClassification,
  lang: Lang,
  timeZone: string,
): Column<Customer>[] {
  const custom = new Map(defs.map((d) => [`cf.${d.key}`, d]));
  const schemes = new Map(classification.schemes.filter((s) => s.enabled).map((s) => [`tier.${s.key}`, s]));
  const chosen = keys?.length
    ? keys
    : [...DEFAULT_EXPORT_COLUMNS, ...schemes.keys(), 'tags', ...custom.keys()];
  return chosen.flatMap((key): Column<Customer>[] => {
    const builtIn = BUILT_IN[key];
    if (builtIn) return [{ header: builtIn.label[lang], value: (c) => builtIn.value(c, lang, timeZone) }];
    const scheme = schemes.get(key);
    if (scheme) return [tierColumn(scheme, lang)];
    if (key === 'tags') return [tagsColumn(classification.tags, lang)];
    const def = custom.get(key);
    if (def)
      return [
        { header: lang === 'en' ? def.labelEn : def.labelZh, value: (c) => c.customFields[def.key] ?? null },
      ];
    return [];
  });
}
