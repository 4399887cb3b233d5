// Deterministic data for the segmentation benchmark: customers (provinces, industries, owners, a few in
// the recycle bin, manual tags as a bit mask) and orders (skewed: a few customers order a lot, each
// customer buys within its own active period over ~2 years, some orders cancelled, refunded, zero or
// after the as-of day). Written as two compact CSV files that both the database and DuckDB load; the
// same seed and sizes always write the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable hash of (n, salt) in [0, 1): per-customer traits that do not depend on generation order. */
function hash01(n, salt) {
  let h = Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ salt, 0x27d4eb2f);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/** About 0.2% of customers are in the recycle bin (they keep their orders but are never scored). */
export const isDeleted = (n) => hash01(n, 7) < 0.002;

/** Customer n's id: a fixed uuid, so the bench can address customers without reading them back. */
export const customerUuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
/** The same in SQL, over an integer column. */
export const customerUuidSql = (col) => `('00000000-0000-4000-8000-' || lpad(to_hex(${col}), 12, '0'))::uuid`;
export const externalId = (n) => `K${String(n).padStart(7, '0')}`;
export const externalIdSql = (col) => `('K' || lpad(${col}::text, 7, '0'))`;

// Weighted like a Chinese B2B customer base: the coastal provinces dominate.
const PROVINCES = [
  ['广东', 14],
  ['浙江', 10],
  ['江苏', 10],
  ['上海', 8],
  ['北京', 7],
  ['山东', 6],
  ['福建', 5],
  ['四川', 5],
  ['湖北', 4],
  ['河南', 4],
  ['湖南', 3],
  ['安徽', 3],
  ['河北', 3],
  ['天津', 2],
  ['重庆', 2],
  ['陕西', 2],
  ['辽宁', 2],
  ['江西', 2],
  ['云南', 1],
  ['广西', 1],
  ['山西', 1],
  ['黑龙江', 1],
  ['吉林', 1],
  ['贵州', 1],
  ['内蒙古', 1],
  ['新疆', 1],
];
const CITY = {
  广东: ['广州', '深圳', '东莞', '佛山'],
  浙江: ['杭州', '宁波', '温州', '义乌'],
  江苏: ['南京', '苏州', '无锡'],
  上海: ['上海'],
  北京: ['北京'],
  山东: ['济南', '青岛'],
  福建: ['福州', '厦门', '泉州'],
  四川: ['成都'],
  湖北: ['武汉'],
};
export const INDUSTRIES = ['制造', '贸易', '科技', '零售', '餐饮', '医疗', '教育', '物流', '建筑', '金融'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const TRADES = ['贸易', '科技', '茶业', '食品', '服饰', '家居', '电子', '文化', '机械', '包装'];

/** Manual tags: bit i of a customer's mask = carries MANUAL_TAGS[i]. The first two are the big sets. */
export const MANUAL_TAGS = [
  { name: 'VIP', group: '价值', share: 0.3 },
  { name: '展会客户', group: '自定义', share: 0.25 },
  { name: '线上渠道', group: '自定义', share: 0.15 },
  { name: '老客户推荐', group: '自定义', share: 0.05 },
  { name: '重点跟进', group: '自定义', share: 0.02 },
];

/** Owners: reps in four teams; about 8% of customers sit in the public pool (no owner). */
export const TEAMS = ['华东销售部', '华南销售部', '华北销售部', '大客户部'];
export const REPS = 24;

function weightedPicker(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const cum = [];
  let acc = 0;
  for (const [v, w] of pairs) {
    acc += w / total;
    cum.push([v, acc]);
  }
  return (u) => {
    for (const [v, c] of cum) if (u < c) return v;
    return cum[cum.length - 1][0];
  };
}

/** A buffered line writer with back-pressure. */
function lineWriter(path) {
  const out = createWriteStream(path);
  let buf = '';
  return {
    async line(s) {
      buf += s;
      if (buf.length > 1 << 16) {
        const ok = out.write(buf);
        buf = '';
        if (!ok) await once(out, 'drain');
      }
    },
    async close() {
      out.end(buf);
      await once(out, 'finish');
    },
  };
}

/**
 * customers.csv: no,name,kind,industry,province,city,status,owner_no,created_at,deleted,tag_mask
 * (owner_no 0 = public pool; deleted 1 = in the recycle bin).
 */
export async function writeCustomersCsv(path, { customers, seed, asOf }) {
  const random = rng(seed);
  const province = weightedPicker(PROVINCES);
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const w = lineWriter(path);
  let deleted = 0;
  for (let n = 1; n <= customers; n++) {
    const prov = province(random());
    const cities = CITY[prov] ?? [prov];
    const city = cities[Math.floor(random() * cities.length)];
    const name = `${city}${SURNAMES[Math.floor(random() * SURNAMES.length)]}氏${TRADES[Math.floor(random() * TRADES.length)]}有限公司`;
    const kind = random() < 0.9 ? 'company' : 'individual';
    const industry = INDUSTRIES[Math.floor(Math.pow(random(), 1.4) * INDUSTRIES.length)];
    const status = random() < 0.8 ? 'active' : random() < 0.5 ? 'potential' : 'dormant';
    const owner = random() < 0.08 ? 0 : 1 + Math.floor(random() * REPS);
    const created = new Date(asOfMs - Math.floor(random() * 1100 * 86_400_000)).toISOString();
    const del = isDeleted(n) ? 1 : 0;
    deleted += del;
    let mask = 0;
    MANUAL_TAGS.forEach((t, i) => {
      if (random() < t.share) mask |= 1 << i;
    });
    await w.line(
      `${n},${name},${kind},${industry},${prov},${city},${status},${owner},${created},${del},${mask}\n`,
    );
  }
  await w.close();
  return { customers, deleted };
}

/**
 * orders.csv: seq,customer_no,ordered_at (UTC, ISO 8601),status,amount. Customers are drawn with a
 * heavy skew (slot = ⌊A·u^2.2⌋, scrambled over all customers); customers outside the A slots (12%)
 * never order. Each customer buys within its own period (some stopped long ago), so recency spreads.
 */
export async function writeOrdersCsv(path, { customers, orders, seed, asOf }) {
  const random = rng(seed ^ 0x5eed);
  const asOfMs = Date.parse(`${asOf}T00:00:00+08:00`);
  const spanDays = 730;
  const startMs = asOfMs - spanDays * 86_400_000;
  const endMs = asOfMs + 4 * 86_400_000; // a few orders after the as-of day (they must not count)
  const span = endMs - startMs;
  const slots = Math.max(1, Math.floor(customers * 0.88));
  // A multiplier coprime with the customer count scrambles slots over customers.
  let mult = 999_983;
  const gcd = (a, b) => (b ? gcd(b, a % b) : a);
  while (gcd(mult, customers) !== 1) mult += 2;
  const dayCache = new Map();
  const dayOf = (ms) => {
    const d = Math.floor(ms / 86_400_000);
    let s = dayCache.get(d);
    if (!s) dayCache.set(d, (s = new Date(d * 86_400_000).toISOString().slice(0, 11)));
    return s;
  };
  const two = (x) => (x < 10 ? `0${x}` : String(x));
  const w = lineWriter(path);
  const f = { orders, counted: 0, countedCents: 0, afterAsOf: 0, cancelled: 0, refunded: 0, zero: 0 };
  for (let seq = 1; seq <= orders; seq++) {
    const slot = Math.floor(slots * Math.pow(random(), 2.2));
    const n = 1 + ((slot * mult) % customers);
    // The customer's active period [from, to] as fractions of the span; 45% are still buying.
    const a = hash01(n, 1);
    const b = hash01(n, 2) < 0.45 ? 1 : hash01(n, 3);
    const from = Math.min(a, b) * 0.9;
    const to = Math.max(a, b, from + 0.05);
    const ms = startMs + Math.floor(span * Math.min(1, from + (to - from) * random()));
    const sec = Math.floor(ms / 1000) % 86_400;
    const at = `${dayOf(ms)}${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}Z`;
    const r = random();
    const status = r < 0.92 ? 'completed' : r < 0.95 ? 'paid' : r < 0.98 ? 'cancelled' : 'refunded';
    // Log-normal amounts around a per-customer level.
    const level = 80 * Math.exp(3 * hash01(n, 4));
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let cents = Math.min(99_999_999, Math.max(100, Math.round(level * Math.exp(0.7 * z) * 100)));
    if (random() < 0.001) cents = 0;
    const amount = `${Math.floor(cents / 100)}.${two(cents % 100)}`;
    if (status === 'cancelled') f.cancelled++;
    if (status === 'refunded') f.refunded++;
    if (cents === 0) f.zero++;
    if (ms >= asOfMs + 86_400_000) f.afterAsOf++;
    if ((status === 'completed' || status === 'paid') && cents > 0) {
      f.counted++;
      f.countedCents += cents;
    }
    await w.line(`${seq},${n},${at},${status},${amount}\n`);
  }
  await w.close();
  return f;
}
