// Which file column feeds which field: headers are matched against each field's key and its Chinese and
// English synonyms (after normalising case, width, spaces and punctuation); `--map HEADER=field`
// overrides. Lookups go through Maps, never through objects keyed by file content (no prototype games).
import { halfWidth } from './convert.ts';

export type ImportKind = 'customers' | 'contacts' | 'orders' | 'followups';
export const IMPORT_KINDS: readonly ImportKind[] = ['customers', 'contacts', 'orders', 'followups'];

interface FieldDef {
  key: string;
  synonyms: string[];
  required?: boolean;
  /** At least one field of this group needs a column (e.g. the customer by external id, phone or email). */
  oneOf?: string;
}

const customerRef: FieldDef[] = [
  {
    key: 'customer_external_id',
    synonyms: [
      '客户编号',
      '客户编码',
      '客户ID',
      '客户代码',
      'customer id',
      'customerid',
      'customer no',
      'customer code',
      'client id',
    ],
  },
  {
    key: 'customer_name',
    synonyms: ['客户名称', '客户', '客户名', '公司名称', 'customer', 'customer name', 'client'],
  },
];

/**
 * How contacts and follow-ups name their customer: by external id, else the customer's phone, else the
 * customer's email (the first of these the row has decides; see import-children.ts).
 */
const customerKeys: FieldDef[] = [
  { ...customerRef[0]!, oneOf: 'customer' },
  {
    key: 'customer_phone',
    oneOf: 'customer',
    synonyms: ['客户电话', '客户手机', '客户手机号', '客户联系电话', 'customer phone', 'customer mobile'],
  },
  {
    key: 'customer_email',
    oneOf: 'customer',
    synonyms: ['客户邮箱', '客户电子邮件', '客户电子邮箱', 'customer email', 'customer e-mail'],
  },
];

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  customers: [
    {
      key: 'external_id',
      synonyms: [
        '客户编号',
        '客户编码',
        '编号',
        '客户ID',
        '外部编号',
        'id',
        'customer id',
        'customerid',
        'code',
        'customer no',
      ],
    },
    {
      key: 'name',
      required: true,
      synonyms: [
        '客户名称',
        '名称',
        '客户名',
        '公司名称',
        '姓名',
        '客户',
        'name',
        'customer',
        'customer name',
        'company',
      ],
    },
    { key: 'kind', synonyms: ['类型', '客户类型', 'type', 'customer type'] },
    { key: 'industry', synonyms: ['行业', '所属行业'] },
    { key: 'province', synonyms: ['省份', '省', '地区', 'state', 'region'] },
    { key: 'city', synonyms: ['城市', '市'] },
    { key: 'size_band', synonyms: ['规模', '公司规模', '人员规模', 'size'] },
    { key: 'source', synonyms: ['来源', '客户来源', '渠道', 'channel'] },
    { key: 'status', synonyms: ['状态', '客户状态'] },
    {
      key: 'phone',
      synonyms: [
        '电话',
        '手机',
        '手机号',
        '手机号码',
        '联系电话',
        '电话号码',
        'mobile',
        'tel',
        'telephone',
        'phone number',
      ],
    },
    { key: 'email', synonyms: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'e-mail', 'mail'] },
    { key: 'wechat', synonyms: ['微信', '微信号', 'weixin'] },
    { key: 'address', synonyms: ['地址', '详细地址', '联系地址'] },
    { key: 'website', synonyms: ['网站', '网址', '官网', 'url', 'web'] },
    { key: 'notes', synonyms: ['备注', '说明', 'note', 'remarks', 'comment'] },
  ],
  contacts: [
    ...customerKeys,
    {
      key: 'name',
      required: true,
      synonyms: ['联系人', '姓名', '联系人姓名', '名字', 'name', 'contact', 'contact name'],
    },
    { key: 'title', synonyms: ['职位', '职务', '头衔', 'job title', 'position'] },
    { key: 'phone', synonyms: ['电话', '手机', '手机号', '联系电话', 'mobile', 'tel'] },
    { key: 'email', synonyms: ['邮箱', '电子邮件', 'e-mail', 'mail'] },
    { key: 'wechat', synonyms: ['微信', '微信号'] },
    { key: 'is_decision_maker', synonyms: ['决策人', '是否决策人', '关键决策人', 'decision maker'] },
    { key: 'notes', synonyms: ['备注', 'note', 'remarks'] },
  ],
  orders: [
    {
      key: 'order_no',
      required: true,
      synonyms: [
        '订单号',
        '订单编号',
        '单号',
        '发票号',
        'order number',
        'order id',
        'invoice',
        'invoice no',
        'invoiceno',
        'order',
      ],
    },
    ...customerRef,
    {
      key: 'ordered_at',
      required: true,
      synonyms: [
        '下单时间',
        '订单日期',
        '下单日期',
        '日期',
        '时间',
        '订单时间',
        'date',
        'order date',
        'invoice date',
        'invoicedate',
        'created at',
      ],
    },
    {
      key: 'amount',
      synonyms: ['金额', '订单金额', '总金额', '实付金额', '合计', 'total', 'order amount', 'order total'],
    },
    { key: 'status', synonyms: ['状态', '订单状态', 'order status'] },
    { key: 'currency', synonyms: ['币种', '货币'] },
    {
      key: 'sku',
      synonyms: [
        '商品编码',
        '商品编号',
        '货号',
        '产品编码',
        'stock code',
        'stockcode',
        'product code',
        'item code',
      ],
    },
    {
      key: 'product_name',
      synonyms: [
        '商品名称',
        '产品名称',
        '商品',
        '产品',
        '品名',
        'description',
        'product',
        'item',
        'product name',
      ],
    },
    { key: 'quantity', synonyms: ['数量', '购买数量', 'qty', 'quantity'] },
    { key: 'unit_price', synonyms: ['单价', '价格', '售价', 'price', 'unit price', 'unitprice'] },
    { key: 'notes', synonyms: ['备注', 'note', 'remarks'] },
  ],
  followups: [
    ...customerKeys,
    { key: 'type', required: true, synonyms: ['方式', '跟进方式', '类型', '跟进类型', 'followup type'] },
    {
      key: 'content',
      required: true,
      synonyms: ['内容', '跟进内容', '记录', '备注', 'notes', 'note', 'summary'],
    },
    {
      key: 'occurred_at',
      required: true,
      synonyms: ['跟进时间', '时间', '日期', '跟进日期', 'date', 'time', 'at'],
    },
    {
      key: 'next_followup_on',
      synonyms: ['下次跟进', '下次跟进日期', '下次跟进时间', 'next followup', 'next follow up'],
    },
  ],
};

/** Header text → comparable key: width, case, spaces, underscores and punctuation do not matter. */
export const normaliseHeader = (h: string) =>
  halfWidth(h)
    .toLowerCase()
    .replace(/[\s_\-./()（）:：*]+/g, '')
    .trim();

export interface Mapping {
  /** field key → column index (0-based). */
  columns: Map<string, number>;
  /** Headers that feed no field (reported, not an error). */
  unmapped: string[];
  /** Required fields no column feeds. */
  missing: string[];
}

/**
 * Maps a header row. `overrides` are "HEADER=field" pairs (HEADER as written in the file; field a key of
 * this kind, or "" / "-" to ignore the column). A header matching no field is left unmapped; the first
 * column wins when two feed one field.
 */
export function mapHeaders(
  kind: ImportKind,
  headers: readonly string[],
  overrides: readonly string[] = [],
): Mapping {
  const defs = FIELDS[kind];
  const keys = new Set(defs.map((d) => d.key));
  const lookup = new Map<string, string>();
  // Field keys first, then synonyms in field order (earlier fields win a shared synonym).
  for (const d of defs) lookup.set(normaliseHeader(d.key), d.key);
  for (const d of defs)
    for (const s of d.synonyms) if (!lookup.has(normaliseHeader(s))) lookup.set(normaliseHeader(s), d.key);

  const forced = new Map<string, string | null>();
  for (const o of overrides) {
    const eq = o.lastIndexOf('=');
    if (eq <= 0) throw new MappingError(`--map expects HEADER=field, got "${o}"`);
    const header = normaliseHeader(o.slice(0, eq));
    const field = o.slice(eq + 1).trim();
    if (field !== '' && field !== '-' && !keys.has(field)) {
      throw new MappingError(`--map: "${field}" is not a field of ${kind} (fields: ${[...keys].join(', ')})`);
    }
    forced.set(header, field === '' || field === '-' ? null : field);
  }

  const columns = new Map<string, number>();
  const unmapped: string[] = [];
  headers.forEach((raw, i) => {
    const h = normaliseHeader(raw ?? '');
    if (h === '') return;
    const field = forced.has(h) ? forced.get(h)! : (lookup.get(h) ?? null);
    if (field === null || columns.has(field)) {
      unmapped.push(raw);
      return;
    }
    columns.set(field, i);
  });
  // A group with no column at all is reported by its first field.
  const groupMapped = new Set(defs.filter((d) => d.oneOf && columns.has(d.key)).map((d) => d.oneOf));
  const missing: string[] = [];
  const reported = new Set<string>();
  for (const d of defs) {
    if (d.required && !columns.has(d.key)) missing.push(d.key);
    if (d.oneOf && !groupMapped.has(d.oneOf) && !reported.has(d.oneOf)) {
      reported.add(d.oneOf);
      missing.push(d.key);
    }
  }
  return { columns, unmapped, missing };
}

/** "customer_external_id (or customer_phone, customer_email)" for a missing field of a group. */
export function describeField(kind: ImportKind, key: string): string {
  const d = FIELDS[kind].find((f) => f.key === key);
  if (!d?.oneOf) return key;
  const others = FIELDS[kind].filter((f) => f.oneOf === d.oneOf && f.key !== key).map((f) => f.key);
  return `${key} (or ${others.join(', ')})`;
}

export class MappingError extends Error {
  override name = 'MappingError';
}
