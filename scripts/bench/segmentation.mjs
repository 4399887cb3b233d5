// Segmentation at scale, on generated data (scripts/bench/lib/segmentation-data.mjs: customers with
// provinces, industries, owners and manual tags; orders skewed over ~2 years, some cancelled, refunded,
// zero or after the as-of day), on PostgreSQL (DATABASE_URL or --database-url; default 1M customers /
// 10M orders) and on PGlite (default 100k / 1M):
//   1. full recompute — `stratum segments recompute --json`, a real process: metrics, RFM cut points,
//      every built-in scheme, rule tags and dynamic segments — first placement (as of D) and the nightly
//      run (D + 1, everyone already placed), against DuckDB computing the same RFM from the same raw
//      orders (the CSV files) in the same run. Targets: PostgreSQL ≤ 2× DuckDB at 1M/10M; PGlite < 5 s
//      at 100k/1M (a missed speed target is reported, not failed);
//   2. correctness — `stratum rfm --as-of D --format csv` equals DuckDB's rows, and the stored RFM tiers
//      count the same classes (a mismatch fails the run);
//   3. incremental — `stratum serve`, then orders written through POST /api/v1/orders (metrics, tiers,
//      rule tags and segment membership in the same transaction); the time the placement adds to the
//      write is read from the response's Server-Timing (`placement`, and its steps). Target: p99 < 20 ms.
//      Two floors are printed for reference: a write that does not place (POST /api/v1/contacts) and a
//      read (GET /api/v1/customers/:id);
//   4. a four-condition segment count (two tags, a province, an RFM class) through
//      POST /api/v1/segmentation/preview, p95 (target < 100 ms), with EXPLAIN ANALYZE of the compiled
//      statement it runs and of the total it shows.
//   npm run bench segmentation [-- --customers N --orders N] [--pglite-customers N --pglite-orders N]
//       [--database-url URL] [--no-pglite] [--no-postgres] [--as-of YYYY-MM-DD] [--writes 300]
//       [--previews 50] [--seed 42] [--keep]
//   npm run bench segmentation -- --api-only --database-url <a database kept by --keep>
//       (the incremental and count phases again, without generating and loading)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { apiClient, startServer, stats } from './lib/segmentation-api.mjs';
import {
  customerUuid,
  isDeleted,
  MANUAL_TAGS,
  rng,
  writeCustomersCsv,
  writeOrdersCsv,
} from './lib/segmentation-data.mjs';
import {
  addRulesAndSegments,
  existingPostgres,
  freshPglite,
  freshPostgres,
  loadData,
} from './lib/segmentation-db.mjs';
import { duckdbRfm } from './lib/segmentation-duckdb.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    customers: { type: 'string' },
    orders: { type: 'string' },
    'pglite-customers': { type: 'string' },
    'pglite-orders': { type: 'string' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? '' },
    'no-pglite': { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
    'as-of': { type: 'string', default: '2026-06-30' },
    writes: { type: 'string', default: '300' },
    previews: { type: 'string', default: '50' },
    seed: { type: 'string', default: '42' },
    keep: { type: 'boolean', default: false },
    'api-only': { type: 'boolean', default: false },
  },
});
const bin = join(root, 'apps/cli/bin/stratum.js');
const work = mkdtempSync(join(tmpdir(), 'stratum-bench-segmentation-'));
const asOf = args['as-of'];
const nextDay = new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const seed = Number(args.seed);
const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };
const TIME_ZONE = 'Asia/Shanghai';

const failures = [];
const figures = []; // the final table: one row per figure
const check = (label, actual, expected) => {
  const ok = actual === expected;
  if (!ok) failures.push(label);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${actual}${ok ? '' : ` (expected ${expected})`}`);
  return ok;
};
/**
 * A speed target: printed as met or MISSED, never a failure of the run; `n/a` when the run is not at
 * the size the target is set for (`met` = null).
 */
const target = (database, figure, value, unit, goal, met) => {
  const verdict = met === null ? 'n/a' : met ? 'yes' : 'MISSED';
  figures.push({ database, figure, value: `${value} ${unit}`, target: goal, met: verdict });
  console.log(
    `${{ yes: 'met   ', MISSED: 'MISSED', 'n/a': 'n/a   ' }[verdict]} ${figure}: ${value} ${unit} (target ${goal})`,
  );
};
const note = (database, figure, value, unit) => figures.push({ database, figure, value: `${value} ${unit}` });
const secs = (t) => +((performance.now() - t) / 1000).toFixed(2);

/** Runs the CLI; returns stdout, wall seconds. Throws on a non-zero exit. */
function stratum(env, ...argv) {
  const t = performance.now();
  const res = spawnSync(process.execPath, [bin, ...argv], {
    env: { ...process.env, LANG: 'en_US.UTF-8', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`stratum ${argv.join(' ')} exited ${res.status}: ${res.stderr}`);
  return { stdout: res.stdout, seconds: secs(t) };
}

const generated = new Map();
/** The CSV files for a size (generated once per size and reused by every database of that size). */
async function dataFor(customers, orders) {
  const key = `${customers}/${orders}`;
  if (!generated.has(key)) {
    const customersCsv = join(work, `customers-${customers}.csv`);
    const ordersCsv = join(work, `orders-${orders}.csv`);
    const t = performance.now();
    const c = await writeCustomersCsv(customersCsv, { customers, seed, asOf });
    const o = await writeOrdersCsv(ordersCsv, { customers, orders, seed, asOf });
    console.log(`generated ${key} in ${secs(t)} s: ${JSON.stringify({ ...c, ...o })}`);
    generated.set(key, { customersCsv, ordersCsv, customers: c, orders: o });
  }
  return generated.get(key);
}

/** The test the preview compiles for the four-condition rule (packages/segmentation/src/compile.ts). */
// Tags, the province and the tier are facets (customer_facets): one lookup, one GIN index for all four.
const facet = (n) => ` AND (f.attrs || f.placed) OPERATOR(pg_catalog.@>) $${n}::text[]`;
const compiledTest = `(EXISTS (SELECT 1 FROM customer_facets f WHERE f.workspace_id = c.workspace_id
  AND f.customer_id = c.id${facet(2)}${facet(3)}${facet(4)}${facet(5)}))`;
const previewHits = `SELECT c.id, c.name FROM customers c
  LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
  WHERE c.workspace_id = $1 AND c.deleted_at IS NULL AND true AND ${compiledTest}`;
const PLANS = {
  // The statement segments.service preview runs: matches found once, counted and sampled.
  'preview count and sample (as run)': `WITH hits AS MATERIALIZED (${previewHits})
    SELECT (SELECT count(*) FROM hits)::int AS n,
      (SELECT json_agg(h) FROM (SELECT id, name FROM hits ORDER BY name, id LIMIT 10) h) AS sample`,
  // (the same parameters as the others, unused but typed; the preview remembers it for 15 s)
  'total (visible customers)': `SELECT count(*)::int AS total FROM customers c
    WHERE c.workspace_id = $1 AND c.deleted_at IS NULL
      AND $2::text[] IS NOT NULL AND $3::text[] IS NOT NULL AND $4::text[] IS NOT NULL AND $5::text[] IS NOT NULL`,
};

async function explainPreview(db, label, params) {
  await db.q(`SET work_mem = '64MB'`); // as the preview's transaction (segments.service PREVIEW_WORK_MEM)
  for (const [name, sql] of Object.entries(PLANS)) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await db.q(sql, params);
      times.push(performance.now() - t);
    }
    const ms = +times.sort((a, b) => a - b)[1].toFixed(1);
    note(label, `SQL: ${name}`, ms, 'ms (median of 3, direct)');
    const plan = (await db.q(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    console.log(`\n-- ${name}: ${ms} ms\n${plan}`);
  }
}

/** The incremental and count phases on a loaded, recomputed database: order writes and the count via the API. */
async function apiPhases(database, env, label, kind, customers, workspaceId, tagIds) {
  // ── 3. Incremental: orders through the API ──
  const server = await startServer(bin, env);
  let explainDb = null;
  const touched = new Set();
  try {
    const api = await apiClient(server.base, ADMIN.email, ADMIN.password);
    const random = rng(seed + 3);
    const pick = () => {
      for (;;) {
        const c = 1 + Math.floor(random() * customers);
        if (!isDeleted(c)) return c;
      }
    };
    const writes = Number(args.writes);
    const timings = { order: [], contact: [], get: [], placement: [], steps: {} };
    const run = Date.now().toString(36); // order numbers unique across --api-only reruns
    for (let i = -10; i < writes; i++) {
      const c = pick();
      touched.add(c);
      const id = customerUuid(c);
      const order = await api.call('POST', '/api/v1/orders', {
        customerId: id,
        orderNo: `BENCH-${kind}-${run}-${i + 10}`,
        orderedAt: new Date().toISOString(),
        status: random() < 0.9 ? 'completed' : 'paid',
        amount: (50 + Math.floor(random() * 500_000) / 100).toFixed(2),
      });
      if (order.status !== 201)
        throw new Error(`POST /orders: ${order.status} ${JSON.stringify(order.body)}`);
      const contact = await api.call('POST', '/api/v1/contacts', { customerId: id, name: `联系人${i}` });
      if (contact.status !== 201)
        throw new Error(`POST /contacts: ${contact.status} ${JSON.stringify(contact.body)}`);
      const got = await api.call('GET', `/api/v1/customers/${id}`);
      if (got.status !== 200) throw new Error(`GET /customers: ${got.status}`);
      if (i < 0) continue; // warm-up
      if (order.steps.placement === undefined) throw new Error('POST /orders: no placement in Server-Timing');
      timings.order.push(order.ms);
      timings.placement.push(order.steps.placement);
      for (const [name, ms] of Object.entries(order.steps))
        if (name.startsWith('placement-')) (timings.steps[name] ??= []).push(ms);
      timings.contact.push(contact.ms);
      timings.get.push(got.ms);
    }
    const o = stats(timings.order);
    const w = stats(timings.contact);
    const g = stats(timings.get);
    console.log(
      `POST /orders ${JSON.stringify(o)}\nPOST /contacts ${JSON.stringify(w)}\nGET /customers/:id ${JSON.stringify(g)}`,
    );
    note(
      label,
      `POST /api/v1/orders (with placement) p50 / p95 / p99`,
      `${o.p50} / ${o.p95} / ${o.p99}`,
      'ms',
    );
    note(label, `POST /api/v1/contacts (write, no placement) p50 / p99`, `${w.p50} / ${w.p99}`, 'ms');
    note(label, `GET /api/v1/customers/:id p50 / p99`, `${g.p50} / ${g.p99}`, 'ms');
    const placed = stats(timings.placement);
    console.log(`placement (Server-Timing) ${JSON.stringify(placed)}`);
    const steps = Object.fromEntries(
      Object.entries(timings.steps).map(([name, ms]) => [name, stats(ms).p50]),
    );
    console.log(`placement steps, p50 ms (Server-Timing): ${JSON.stringify(steps)}`);
    target(
      label,
      'placement inside POST /orders p50 / p95 / p99 (Server-Timing)',
      `${placed.p50} / ${placed.p95} / ${placed.p99}`,
      'ms',
      'p99 < 20 ms',
      placed.p99 < 20,
    );
    note(
      label,
      'orders p99 − contacts p99 (reference: also the heavier order write)',
      +(o.p99 - w.p99).toFixed(1),
      'ms',
    );
    note(label, 'orders p99 − GET p99 (reference)', +(o.p99 - g.p99).toFixed(1), 'ms');

    // ── 4. A four-condition segment count ──
    const province = '浙江';
    const rule = {
      and: [
        { field: 'tags', op: 'has_all', value: [tagIds[0]] },
        { field: 'tags', op: 'has_all', value: [tagIds[1]] },
        { field: 'province', op: 'eq', value: province },
        { field: 'tier.rfm', op: 'eq', value: 'important_value' },
      ],
    };
    const times = [];
    let count = null;
    const previews = Number(args.previews);
    for (let i = -3; i < previews; i++) {
      const r = await api.call('POST', '/api/v1/segmentation/preview', { rule, use: 'segment' });
      if (r.status !== 200) throw new Error(`preview: ${r.status} ${JSON.stringify(r.body)}`);
      count = r.body;
      if (i >= 0) times.push(r.ms);
    }
    const p = stats(times);
    console.log(`preview: count ${count.count} of ${count.total}; ${JSON.stringify(p)}`);
    note(label, 'four-condition preview: customers matched', `${count.count} of ${count.total}`, '');
    note(label, 'four-condition preview p50', p.p50, 'ms');
    target(label, 'four-condition preview p95', p.p95, 'ms', '< 100 ms', p.p95 < 100);
    const facets = [[tagIds[0]], [tagIds[1]], [`province:${province}`], ['tier.rfm:important_value']];
    explainDb = { params: [workspaceId, ...facets], tagIds, province, count };
  } finally {
    await server.stop();
  }
  // The incremental path left every written customer as a batch recompute would: metrics from the orders.
  const db = await database.open();
  const [bad] = await db.q(
    `SELECT count(*)::int AS n FROM customer_metrics m
     JOIN LATERAL (SELECT count(*)::int AS n, COALESCE(sum(amount), 0) AS total FROM orders o
       WHERE o.workspace_id = m.workspace_id AND o.customer_id = m.customer_id
         AND o.status IN ('paid', 'completed') AND o.amount > 0) x ON true
     WHERE m.customer_id = ANY($1::uuid[]) AND (m.order_count <> x.n OR m.total_spend <> x.total)`,
    [[...touched].map(customerUuid)],
  );
  check('metrics of every customer written through the API = its orders', bad.n, 0);
  const [counted] = await db.q(
    `SELECT count(*)::int AS n FROM customer_metrics m
    JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
    WHERE c.deleted_at IS NULL AND m.tag_ids OPERATOR(pg_catalog.@>) ARRAY[$1::uuid, $2::uuid]
      AND c.province = $3 AND m.tiers->>'rfm' = $4`,
    [...explainDb.tagIds.slice(0, 2), explainDb.province, 'important_value'],
  );
  check('preview count = direct count', explainDb.count.count, counted.n);
  await explainPreview(db, label, explainDb.params);
  await db.close();
}

async function benchOne(kind, customers, orders) {
  const label = `${kind} ${customers.toLocaleString('en-US')}/${orders.toLocaleString('en-US')}`;
  console.log(`\n== ${label} ==`);
  const data = await dataFor(customers, orders);
  const database =
    kind === 'pglite' ? await freshPglite(work) : await freshPostgres(args['database-url'], work);
  const env = database.env;
  try {
    stratum(env, 'user', 'create', '--email', ADMIN.email, '--password', ADMIN.password, '--role', 'admin');
    let db = await database.open();
    const [{ workspace_id: workspaceId, time_zone: tz }] = await db.q(
      'SELECT workspace_id, time_zone FROM workspaces',
    );
    check('workspace time zone', tz, TIME_ZONE);
    let t = performance.now();
    const { tagIds, steps } = await loadData(db, { workspaceId, ...data });
    const rules = await addRulesAndSegments(db, workspaceId, tagIds);
    console.log(`loaded in ${secs(t)} s: ${JSON.stringify(steps)}; ${JSON.stringify(rules)}`);
    await db.close();

    // ── 1. DuckDB reference, then the full recompute ──
    const duck = await duckdbRfm({ ...data, asOf, timeZone: TIME_ZONE });
    console.log(
      `DuckDB: load ${duck.loadSeconds} s, RFM ${duck.rfmSeconds} s (${duck.scored} scored customers)`,
    );
    const recompute = (day) => {
      const run = stratum(env, 'segments', 'recompute', '--as-of', day, '--json');
      const r = JSON.parse(run.stdout);
      console.log(`recompute as of ${day}: ${run.seconds} s wall, ${JSON.stringify(r)}`);
      return { ...r, wall: run.seconds, inside: +(r.durationMs / 1000).toFixed(2) };
    };
    const first = recompute(asOf);

    // ── 2. Correctness ──
    db = await database.open();
    const [m] = await db.q(`SELECT count(*)::int AS rows, sum(total_spend)::text AS revenue,
      count(*) FILTER (WHERE tiers ? 'rfm')::int AS rfm_placed FROM customer_metrics`);
    check('customer_metrics rows = customers', m.rows, customers);
    check('metrics revenue = counted orders up to D (DuckDB)', m.revenue, duck.revenue);
    const placed = Object.fromEntries(
      (
        await db.q(`SELECT m.tiers->>'rfm' AS k, count(*)::int AS n FROM customer_metrics m
          JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
          WHERE c.deleted_at IS NULL AND m.tiers ? 'rfm' GROUP BY 1`)
      ).map((r) => [r.k, r.n]),
    );
    const sortKeys = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    check('stored RFM tiers: customers per class = DuckDB', sortKeys(placed), sortKeys(duck.classes));
    const segs = await db.q(`SELECT name, member_count FROM segments ORDER BY name`);
    console.log(`segments: ${segs.map((x) => `${x.name} ${x.member_count}`).join(', ')}`);
    check(
      'every dynamic segment has members',
      segs.every((x) => x.member_count > 0),
      true,
    );
    const [ruleTagged] = await db.q(`SELECT count(*)::int AS n FROM customer_tags WHERE source = 'rule'`);
    check('rule tags applied', ruleTagged.n === first.tagsAdded && ruleTagged.n > 0, true);
    await db.close();

    const rfm = stratum(env, 'rfm', '--as-of', asOf, '--format', 'csv');
    const cli = rfm.stdout.trimEnd().split('\n');
    check(
      'stratum rfm header',
      cli[0],
      'customer_external_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment',
    );
    const mine = cli.slice(1).sort();
    const ref = [...duck.lines].sort();
    check('stratum rfm rows = DuckDB rows', mine.length, ref.length);
    let differing = 0;
    for (let i = 0; i < Math.max(mine.length, ref.length); i++) {
      if (mine[i] !== ref[i]) {
        if (differing < 5) console.log(`  differs: stratum ${mine[i]} | duckdb ${ref[i]}`);
        differing++;
      }
    }
    check('stratum rfm --format csv = DuckDB, row for row', differing, 0);
    console.log(`stratum rfm: ${rfm.seconds} s wall (${cli.length - 1} rows)`);
    note(label, 'stratum rfm (RFM from raw orders, CLI process)', rfm.seconds, 's');

    const nightly = recompute(nextDay);
    note(label, 'DuckDB: load the CSV files', duck.loadSeconds, 's');
    note(label, 'DuckDB: RFM from raw orders', duck.rfmSeconds, 's');
    for (const [name, r] of [
      ['first placement (as of D)', first],
      ['nightly (D + 1)', nightly],
    ]) {
      const ratio = +(r.inside / duck.rfmSeconds).toFixed(1);
      note(label, `recompute ${name}: CLI wall`, r.wall, 's');
      if (kind === 'postgres') {
        const atSize = customers >= 1_000_000 && orders >= 10_000_000;
        target(
          label,
          `recompute ${name} ÷ DuckDB RFM`,
          ratio,
          '×',
          '≤ 2× at 1M/10M',
          atSize ? ratio <= 2 : null,
        );
      } else {
        note(label, `recompute ${name} ÷ DuckDB RFM`, ratio, '×');
        const atSize = customers === 100_000 && orders === 1_000_000;
        const met = atSize ? r.inside < 5 : null;
        target(label, `recompute ${name} (inside the CLI)`, r.inside, 's', '< 5 s at 100k/1M', met);
      }
      if (kind === 'postgres') note(label, `recompute ${name} (inside the CLI)`, r.inside, 's');
      // The pass commits range by range: a write waits for one range's transaction at most.
      if (r.ranges) {
        note(label, `recompute ${name}: one transaction per range of customers`, r.ranges.count, 'ranges');
        note(label, `recompute ${name}: longest range transaction`, r.ranges.longestMs, 'ms');
      }
    }

    await apiPhases(database, env, label, kind, customers, workspaceId, tagIds);
  } finally {
    if (args.keep) {
      console.log(`kept: ${JSON.stringify(env)}`);
      await database.keep?.();
    } else await database.dispose();
  }
}

try {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only'], { stdio: 'inherit' });
  const n = (v, d) => (v === undefined ? d : Number(v));
  const runs = [];
  if (!args['no-pglite']) {
    runs.push([
      'pglite',
      n(args['pglite-customers'], Math.min(n(args.customers, 100_000), 100_000)),
      n(args['pglite-orders'], Math.min(n(args.orders, 1_000_000), 1_000_000)),
    ]);
  }
  if (!args['no-postgres']) {
    if (args['database-url'])
      runs.push(['postgres', n(args.customers, 1_000_000), n(args.orders, 10_000_000)]);
    else console.log('PostgreSQL skipped: set DATABASE_URL or pass --database-url');
  }
  if (args['api-only']) {
    // The incremental and count phases again on a database a `--keep` run left (--database-url names it).
    const database = existingPostgres(args['database-url'], work);
    const db = await database.open();
    const [{ workspace_id: workspaceId, n }] = await db.q(
      'SELECT workspace_id, (SELECT count(*)::int FROM customers) AS n FROM workspaces',
    );
    const tagIds = (
      await db.q(`SELECT id FROM tags WHERE name = ANY($1) ORDER BY position`, [
        MANUAL_TAGS.slice(0, 2).map((t) => t.name),
      ])
    ).map((r) => r.id);
    await db.close();
    const label = `postgres ${n.toLocaleString('en-US')} customers (kept database)`;
    await apiPhases(database, database.env, label, 'postgres-again', n, workspaceId, tagIds);
  } else for (const [kind, c, o] of runs) await benchOne(kind, c, o);
  console.log('\nsummary:');
  console.table(figures);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
  process.exit(1);
}
