// Imports the whole Online Retail workbook (541,909 lines) through the real CLI on a fresh embedded
// database, then checks the result against figures computed independently from the same file, and
// that a re-run adds nothing. Prints wall time and peak RSS (the CLI reports its own maxRSS; PGlite
// runs inside that process). Targets: < 3 min, < 2 GiB.
//   npm run bench import [-- path/to/Online\ Retail.xlsx]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { PGlite } from '@electric-sql/pglite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const file = process.argv[2] ?? join(root, '../shared/datasets/online-retail/Online Retail.xlsx');
const bin = join(root, 'apps/cli/bin/stratum.js');
const dataDir = mkdtempSync(join(tmpdir(), 'stratum-bench-import-'));
const env = { ...process.env, STRATUM_DATA_DIR: dataDir, DATABASE_URL: '', LANG: 'en_US.UTF-8' };
const failures = [];
const check = (label, actual, expected) => {
  const ok = actual === expected;
  if (!ok) failures.push(label);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${actual}${ok ? '' : ` (expected ${expected})`}`);
};

function importOnce() {
  const started = performance.now();
  const res = spawnSync(
    process.execPath,
    [
      bin,
      'import',
      'orders',
      file,
      '--create-customers',
      '--cancel-prefix',
      'C',
      '--time-zone',
      'Europe/London',
      '--json',
    ],
    { env, encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 0 && res.status !== 1) {
    console.error(res.stderr);
    process.exit(1);
  }
  return { result: JSON.parse(res.stdout), seconds };
}

/** Reference figures straight from the workbook (not through the importer). */
async function reference() {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'ignore',
    worksheets: 'emit',
  });
  const invoices = new Set();
  const customerInvoices = new Set();
  const cancelled = new Set();
  const customers = new Set();
  let lines = 0,
    guestLines = 0,
    qty = 0,
    customerQty = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number === 1) continue;
      const [, inv, , , q, , , cust] = row.values;
      lines++;
      invoices.add(String(inv));
      qty += q;
      if (cust === undefined || cust === null || cust === '') guestLines++;
      else {
        customers.add(String(cust));
        customerInvoices.add(String(inv));
        customerQty += q;
        if (String(inv).startsWith('C')) cancelled.add(String(inv));
      }
    }
    break;
  }
  return {
    lines,
    invoices: invoices.size,
    customerInvoices: customerInvoices.size,
    cancelled: cancelled.size,
    customers: customers.size,
    guestLines,
    qty,
    customerQty,
  };
}

try {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only'], { stdio: 'inherit' });
  execFileSync(
    process.execPath,
    [bin, 'user', 'create', '--email', 'bench@example.com', '--password', 'password1', '--role', 'admin'],
    { env, stdio: 'ignore' },
  );

  console.log(`Importing ${file} …`);
  const first = importOnce();
  const r = first.result;
  console.log(
    `import: ${first.seconds.toFixed(1)} s wall (${(r.stats.durationMs / 1000).toFixed(1)} s in the import), peak RSS ${r.stats.maxRssMb} MB`,
  );
  console.log(
    JSON.stringify({
      inserted: r.inserted,
      updated: r.updated,
      skipped: r.skipped,
      failed: r.failed,
      stats: r.stats,
    }),
  );

  const ref = await reference();
  console.log('reference (from the workbook):', JSON.stringify(ref));
  const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
  const one = async (q) => Object.values((await db.query(q)).rows[0])[0];
  check('rows read', r.stats.rows, 541_909);
  check('distinct invoices in the file (README: 25,900)', ref.invoices, 25_900);
  check(
    'orders imported + guest-only invoices reported',
    r.stats.orders.inserted + r.stats.orders.failed,
    ref.invoices,
  );
  check('orders in the database', Number(await one('SELECT count(*) FROM orders')), ref.customerInvoices);
  check(
    'cancelled orders (C…)',
    Number(await one(`SELECT count(*) FROM orders WHERE status = 'cancelled'`)),
    ref.cancelled,
  );
  check(
    'cancelled orders all start with C',
    Number(await one(`SELECT count(*) FROM orders WHERE (status = 'cancelled') <> (order_no LIKE 'C%')`)),
    0,
  );
  check(
    'customers by external id (README: 4,372)',
    Number(await one('SELECT count(DISTINCT external_id) FROM customers')),
    4_372,
  );
  check(
    'guest lines reported (README: 135,080)',
    r.errors.filter((e) => e.code === 'NO_CUSTOMER').length,
    135_080,
  );
  check('failed rows are exactly the guest lines', r.failed, ref.guestLines);
  check('lines stored', Number(await one('SELECT count(*) FROM order_lines')), ref.lines - ref.guestLines);
  const storedQty = Number(await one('SELECT sum(quantity) FROM order_lines'));
  check('quantity stored (customer lines)', storedQty, ref.customerQty);
  check(
    'quantity stored + guest lines (README: 5,176,450)',
    storedQty + (ref.qty - ref.customerQty),
    5_176_450,
  );
  check(
    'order amount = Σ line amounts',
    Number(
      await one(
        `SELECT count(*) FROM orders o WHERE amount <> (SELECT sum(amount) FROM order_lines l WHERE l.order_id = o.id)`,
      ),
    ),
    0,
  );
  check(
    'metrics revenue = completed orders',
    await one('SELECT sum(total_spend)::text FROM customer_metrics'),
    await one(`SELECT sum(amount)::text FROM orders WHERE status = 'completed' AND amount > 0`),
  );
  await db.close();

  console.log('Re-running the same file …');
  const second = importOnce();
  check('re-run inserts nothing', second.result.inserted, 0);
  check('re-run skips every accepted row', second.result.skipped, r.inserted);
  console.log(`re-run: ${second.seconds.toFixed(1)} s wall, peak RSS ${second.result.stats.maxRssMb} MB`);
  check('under 3 minutes', first.seconds < 180, true);
  check('under 2 GiB peak RSS', r.stats.maxRssMb < 2048, true);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
