import { customFieldDefs, FieldRegistry, type CustomFieldDef, type FieldDef } from './fields.ts';

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
];

export const customerRegistry = (custom: readonly CustomFieldDef[] = []) =>
  new FieldRegistry([...CUSTOMER_FIELDS, ...customFieldDefs(custom)]);
