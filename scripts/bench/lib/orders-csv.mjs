// A deterministic, realistic orders file at line level, for the import benchmark and the kill test:
// customers with Chinese names, order numbers spanning 1–8 lines, some cancellations (prefix C,
// negative quantities), some guest lines without a customer, dates over two years, prices with
// thousands separators. The same seed always writes the same bytes.
//   node scripts/bench/lib/orders-csv.mjs OUT.csv [ROWS=1000000] [SEED=42]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** mulberry32: small, fast, good enough for test data. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const CITIES = ['上海', '北京', '杭州', '深圳', '成都', '武汉', '南京', '苏州', '西安', '厦门'];
const TRADES = ['贸易', '科技', '茶业', '食品', '服饰', '家居', '电子', '文化'];
const PRODUCTS = [
  ['TEA-001', '西湖龙井 250g'],
  ['TEA-002', '安溪铁观音礼盒'],
  ['CUP-010', '青花瓷茶杯（六只装）'],
  ['POT-020', '紫砂壶, 宜兴'],
  ['SET-030', '旅行茶具套装'],
  ['GIFT-040', '中秋礼盒 "团圆"'],
  ['BAG-050', '帆布购物袋'],
  ['MUG-060', 'Ceramic mug, white'],
];

const csvCell = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * Writes `rows` data rows (plus a header) to `path`; resolves to figures the import must reproduce.
 * Returns { rows, orders, customerOrders, cancelled, guestLines, customers }.
 */
export async function writeOrdersCsv(path, rows = 1_000_000, seed = 42) {
  const random = rng(seed);
  const pick = (a) => a[Math.floor(random() * a.length)];
  const customerCount = Math.max(10, Math.round(rows / 40));
  const out = createWriteStream(path);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('\ufeff订单号,客户编号,客户名称,下单时间,商品编码,商品名称,数量,单价,城市\r\n');
  const start = Date.UTC(2023, 0, 1);
  const span = 730 * 86_400_000;
  const customers = new Set();
  let written = 0;
  let orders = 0;
  let customerOrders = 0;
  let cancelled = 0;
  let guestLines = 0;
  let no = 500_000;
  while (written < rows) {
    no += 1 + Math.floor(random() * 3);
    const guest = random() < 0.05;
    const cancel = !guest && random() < 0.04;
    // Pareto-ish: a few customers order a lot.
    const c = Math.floor(customerCount * Math.pow(random(), 2.5));
    const customerId = guest ? '' : `K${String(100_000 + c)}`;
    const name = guest ? '' : `${pick(CITIES)}${pick(SURNAMES)}氏${pick(TRADES)}有限公司`;
    const at = new Date(start + Math.floor(random() * span));
    const when = `${at.getUTCFullYear()}/${at.getUTCMonth() + 1}/${at.getUTCDate()} ${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    const lines = Math.min(rows - written, 1 + Math.floor(random() * random() * 8));
    const orderNo = `${cancel ? 'C' : ''}${no}`;
    orders++;
    if (guest) guestLines += lines;
    else {
      customerOrders++;
      customers.add(customerId);
      if (cancel) cancelled++;
    }
    for (let i = 0; i < lines; i++) {
      const [sku, product] = pick(PRODUCTS);
      const qty = (1 + Math.floor(random() * 12)) * (cancel ? -1 : 1);
      const cents = 150 + Math.floor(random() * random() * 250_000);
      const price = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
      const city = pick(CITIES);
      // The customer's name is on the order's first line only, as exports often do.
      await write(
        [orderNo, customerId, i === 0 ? name : '', when, sku, product, String(qty), price, city]
          .map(csvCell)
          .join(',') + '\r\n',
      );
    }
    written += lines;
  }
  out.end();
  await once(out, 'finish');
  return { rows: written, orders, customerOrders, cancelled, guestLines, customers: customers.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, rows = '1000000', seed = '42'] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node scripts/bench/lib/orders-csv.mjs OUT.csv [ROWS] [SEED]');
    process.exit(2);
  }
  console.log(JSON.stringify(await writeOrdersCsv(path, Number(rows), Number(seed))));
}
