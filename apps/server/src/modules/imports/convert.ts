import { z } from 'zod';
// Cell values → typed values for the database. Every converter returns either a value or an error code
// (see messages.ts); none throws. Cells come from exceljs (number, string, Date, boolean) or from CSV
// (always strings).

export type Cell = string | number | boolean | Date | null;
export type Converted<T> = { ok: true; value: T } | { ok: false; code: ConvertError };
export type ConvertError =
  'invalid_date' | 'invalid_amount' | 'invalid_quantity' | 'invalid_status' | 'invalid_value';

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const bad = <T>(code: ConvertError): Converted<T> => ({ ok: false, code });

/** Full-width digits, letters and punctuation (ＡＢＣ１２３，．) → ASCII; ideographic space → space. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Trimmed text, or null when blank. */
export function text(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString();
  const s = typeof cell === 'number' ? numberText(cell) : String(cell);
  const t = s.trim();
  return t === '' ? null : t;
}

/** A number as plain decimal text (no exponent): 1e-7 → "0.0000001". */
function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

// ─── Decimals ──────────────────────────────────────────────────────────────────────────────────────

/**
 * "¥1,234.50", "￥1,234.5", "1 234,5"? no — only "," as thousands separator; "RMB 12", "12元", full-width
 * digits, a leading minus or parentheses for negatives. Returns the canonical decimal text.
 */
export function decimalText(cell: Cell): string | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? numberText(cell) : undefined;
  if (typeof cell !== 'string') return undefined;
  let s = halfWidth(cell).trim();
  if (s === '') return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!.trim();
  }
  s = s.replace(/^(?:rmb|cny|¥|￥|\$)\s*/i, '').replace(/\s*(?:元|rmb|cny)$/i, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).replace(/^(?:rmb|cny|¥|￥|\$)\s*/i, '');
  } else if (s.startsWith('+')) s = s.slice(1);
  // Thousands separators only in groups of three.
  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return undefined;
    s = s.replaceAll(',', '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  if (s.startsWith('.')) s = `0${s}`;
  if (s.endsWith('.')) s = s.slice(0, -1);
  return negative && !/^0+(\.0*)?$/.test(s) ? `-${s}` : s;
}

/** Rounds decimal text to `scale` places, half away from zero, exactly (string arithmetic). */
export function roundDecimal(value: string, scale: number): string {
  const neg = value.startsWith('-');
  const abs = neg ? value.slice(1) : value;
  const [int = '0', frac = ''] = abs.split('.');
  const padded = (frac + '0'.repeat(scale + 1)).slice(0, scale + 1);
  let n = BigInt(int + padded);
  n = (n + 5n) / 10n;
  const digits = n.toString().padStart(scale + 1, '0');
  const out = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg && n !== 0n ? `-${out}` : out;
}

const MAX_INT_DIGITS = 12; // numeric(14,2)

/** Money with 2 decimals (rounded half away from zero). */
export function parseAmount(cell: Cell): Converted<string | null> {
  const d = decimalText(cell);
  if (d === undefined) return bad('invalid_amount');
  if (d === null) return ok(null);
  const r = roundDecimal(d, 2);
  if (r.replace('-', '').split('.')[0]!.length > MAX_INT_DIGITS) return bad('invalid_amount');
  return ok(r);
}

/** Quantities with 3 decimals (numeric(14,3)). */
export function parseQuantity(cell: Cell): Converted<string | null> {
  const d = decimalText(cell);
  if (d === undefined) return bad('invalid_quantity');
  if (d === null) return ok(null);
  const r = roundDecimal(d, 3);
  if (r.replace('-', '').split('.')[0]!.length > 11) return bad('invalid_quantity');
  return ok(r);
}

// ─── Dates ─────────────────────────────────────────────────────────────────────────────────────────

const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at a UTC instant (cached per zone and hour). */
function zoneOffset(timeZone: string, utcMs: number): number {
  const key = `${timeZone}|${Math.floor(utcMs / 3_600_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** A wall-clock time (given as if it were UTC) in `timeZone` → the UTC instant. */
export function wallClockToUtc(wallMs: number, timeZone: string): number {
  const first = wallMs - zoneOffset(timeZone, wallMs) * 60_000;
  return wallMs - zoneOffset(timeZone, first) * 60_000;
}

function wall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return undefined; // 2月30日
  return ms;
}

/** Excel's 1900 date system: serial 25569 = 1970-01-01; fractions are the time of day. */
export function excelSerialToWallMs(serial: number): number {
  return Math.round((serial - 25569) * 86_400_000);
}

const TIME = String.raw`(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+` + TIME + ')?$');
const YMD_ZH = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?: *` + TIME + ')?$');
/** "14时05分09秒", "14点05分" → "14:05:09", "14:05". */
const zhTime = (s: string) =>
  s
    .replace(/(\d)\s*[时点]\s*(\d)/g, '$1:$2')
    .replace(/(\d)\s*分\s*(\d)/g, '$1:$2')
    .replace(/[分秒]$/, '');
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date-time → ISO UTC. Accepted: Excel date cells and serial numbers, ISO 8601 with an offset (exact),
 * and wall-clock text read in `timeZone`: "2024-03-01", "2024/3/1 14:05", "2024.3.1", "2024年3月1日",
 * "2024年3月1日 14时05分". A date cell from Excel carries no zone: its wall clock is read in `timeZone`.
 */
export function parseDateTime(cell: Cell, timeZone: string): Converted<string | null> {
  if (cell === null) return ok(null);
  let wallMs: number | undefined;
  if (cell instanceof Date) wallMs = Number.isNaN(cell.getTime()) ? undefined : cell.getTime();
  else if (typeof cell === 'number') {
    wallMs = cell > 0 && cell < 2_958_466 ? excelSerialToWallMs(cell) : undefined;
  } else if (typeof cell === 'string') {
    const s = halfWidth(cell).trim();
    if (s === '') return ok(null);
    if (ISO_ZONED.test(s)) {
      const t = Date.parse(s);
      return Number.isNaN(t) ? bad('invalid_date') : ok(new Date(t).toISOString());
    }
    if (/^\d+(\.\d+)?$/.test(s)) return parseDateTime(Number(s), timeZone);
    const m = YMD.exec(s) ?? YMD_ZH.exec(zhTime(s));
    if (m) {
      const n = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
      wallMs = wall(n[0]!, n[1]!, n[2]!, n[3], n[4], n[5]);
    }
  }
  if (wallMs === undefined) return bad('invalid_date');
  const year = new Date(wallMs).getUTCFullYear();
  if (year < 1900 || year > 9999) return bad('invalid_date');
  return ok(new Date(wallClockToUtc(wallMs, timeZone)).toISOString());
}

/** A calendar date (YYYY-MM-DD) from the same inputs. */
export function parseDate(cell: Cell): Converted<string | null> {
  const r = parseDateTime(cell, 'UTC');
  return r.ok && r.value ? ok(r.value.slice(0, 10)) : r;
}

// ─── Enumerations ──────────────────────────────────────────────────────────────────────────────────

const norm = (s: string) =>
  halfWidth(s)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

function enumParser<T extends string>(table: Record<T, string[]>) {
  const index = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, string[]][]) {
    index.set(norm(value), value);
    for (const w of words) index.set(norm(w), value);
  }
  return (cell: Cell): T | null | undefined => {
    const t = text(cell);
    if (t === null) return null;
    return index.get(norm(t));
  };
}

export type OrderStatus = 'paid' | 'completed' | 'cancelled' | 'refunded';
const orderStatus = enumParser<OrderStatus>({
  paid: ['已付款', '已支付', '付款', '已付', '待发货', 'payed'],
  completed: [
    '已完成',
    '完成',
    '已发货',
    '已收货',
    '交易成功',
    '成功',
    'complete',
    'done',
    'shipped',
    'delivered',
  ],
  cancelled: ['已取消', '取消', '作废', '已作废', '交易关闭', 'canceled', 'cancel', 'void', 'voided'],
  refunded: ['已退款', '退款', '退货', '已退货', 'refund', 'returned', 'return'],
});
export function parseOrderStatus(cell: Cell): Converted<OrderStatus | null> {
  const v = orderStatus(cell);
  return v === undefined ? bad('invalid_status') : ok(v);
}

export type CustomerStatus = 'potential' | 'active' | 'dormant' | 'lost';
const customerStatus = enumParser<CustomerStatus>({
  potential: ['潜在', '潜在客户', '意向', 'prospect', 'lead'],
  active: ['活跃', '成交', '成交客户', '正常', '合作中'],
  dormant: ['沉睡', '休眠', '沉默', 'inactive'],
  lost: ['流失', '已流失', 'churned'],
});
export function parseCustomerStatus(cell: Cell): Converted<CustomerStatus | null> {
  const v = customerStatus(cell);
  return v === undefined ? bad('invalid_status') : ok(v);
}

export type CustomerKind = 'company' | 'individual';
const customerKind = enumParser<CustomerKind>({
  company: ['公司', '企业', '单位', 'organisation', 'organization', 'business', 'b2b'],
  individual: ['个人', '个体', 'person', 'personal', 'b2c'],
});
export function parseCustomerKind(cell: Cell): Converted<CustomerKind | null> {
  const v = customerKind(cell);
  return v === undefined ? bad('invalid_value') : ok(v);
}

export type FollowupType = 'call' | 'visit' | 'wechat' | 'email' | 'meeting' | 'note';
const followupType = enumParser<FollowupType>({
  call: ['电话', '打电话', '致电', 'phone', 'phonecall'],
  visit: ['拜访', '上门', '面访'],
  wechat: ['微信', 'weixin'],
  email: ['邮件', '电子邮件', 'mail'],
  meeting: ['会议', '开会', '会面'],
  note: ['备注', '记录', '其他', 'other'],
});
export function parseFollowupType(cell: Cell): Converted<FollowupType | null> {
  const v = followupType(cell);
  return v === undefined ? bad('invalid_value') : ok(v);
}

const yes = new Set(['1', 'true', 'yes', 'y', '是', '对', '√', 'x', '✓']);
const no = new Set(['0', 'false', 'no', 'n', '否', '不是', '']);
export function parseBoolean(cell: Cell): Converted<boolean | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'boolean') return ok(cell);
  const t = norm(String(cell));
  if (yes.has(t)) return ok(true);
  if (no.has(t)) return ok(false);
  return bad('invalid_value');
}

const EMAIL = z.email();

/** An email address as the customer and contact APIs accept it. */
export const isEmail = (value: string): boolean => EMAIL.safeParse(value).success;
