// Databases for the segmentation benchmark: a fresh PostgreSQL database (on the server of DATABASE_URL)
// or a fresh PGlite folder, each with the same small interface — q(sql, params) → rows, exec(sql),
// copyFrom(COPY … FROM STDIN, file) — and the bulk load of the generated CSV files into Stratum's tables.
import { createReadStream, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { customerUuidSql, externalIdSql, MANUAL_TAGS, REPS, TEAMS } from './segmentation-data.mjs';

/**
 * COPY … FROM STDIN on a node-postgres client without pg-copy-streams: a Submittable that answers the
 * server's CopyInResponse by streaming the file as CopyData messages (with back-pressure).
 */
class CopyIn {
  constructor(text, path) {
    this.text = text;
    this.path = path;
    this.error = null;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    (async () => {
      try {
        for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20 })) {
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (err) {
        connection.sendCopyFail(String(err));
      }
    })();
  }
  handleCommandComplete(msg) {
    this.command = msg.text;
  }
  handleError(err) {
    this.error = err;
  }
  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve(this.command);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

async function connectPostgres(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return {
    q: async (sql, params) => (await c.query(sql, params)).rows,
    exec: async (sql) => void (await c.query(sql)),
    copyFrom: async (sql, path) => c.query(new CopyIn(sql, path)).done,
    close: () => c.end(),
  };
}

/** A database left by `--keep` (for `--api-only`): used as it is, never dropped. */
export function existingPostgres(url, work) {
  return {
    kind: 'postgres',
    env: { STRATUM_DATA_DIR: mkdtempSync(join(work, 'postgres-')), DATABASE_URL: url },
    open: () => connectPostgres(url),
    dispose: async () => {},
  };
}

/** A fresh, empty PostgreSQL database on the server of `url`. */
export async function freshPostgres(url, work) {
  const name = `stratum_bench_seg_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(join(work, 'postgres-'));
  return {
    kind: 'postgres',
    env: { STRATUM_DATA_DIR: dir, DATABASE_URL: u.toString() },
    open: () => connectPostgres(u.toString()),
    /** Leaves the database behind (--keep). */
    keep: () => admin.end(),
    async dispose() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PGlite folder (the CLI and the server open it in turn; one process at a time). */
export async function freshPglite(work) {
  const dir = mkdtempSync(join(work, 'pglite-'));
  return {
    kind: 'pglite',
    env: { STRATUM_DATA_DIR: dir, DATABASE_URL: '' },
    async open() {
      const db = await PGlite.create({ dataDir: join(dir, 'pgdata') });
      await db.exec(`SET work_mem = '64MB'`);
      return {
        q: async (sql, params) => (await db.query(sql, params)).rows,
        exec: async (sql) => void (await db.exec(sql)),
        copyFrom: async (sql, path) =>
          db.query(sql.replace('FROM STDIN', `FROM '/dev/blob'`), [], { blob: await openAsBlob(path) }),
        close: () => db.close(),
      };
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const uuidSql = (prefix, col) => `('00000000-0000-4000-${prefix}-' || lpad(to_hex(${col}), 12, '0'))::uuid`;
export const userUuidSql = (col) => uuidSql('a000', col);

/**
 * Loads the generated customers and orders (and the reps who own them, the manual tags and who carries
 * them) into the workspace. Orders go in with foreign-key triggers off and their two secondary indexes
 * rebuilt afterwards (the generator only references customers it wrote). Returns the manual tag ids.
 */
export async function loadData(db, { workspaceId, customersCsv, ordersCsv }) {
  const ws = `'${workspaceId}'::uuid`;
  const steps = {};
  const step = async (name, fn) => {
    const t = performance.now();
    const r = await fn();
    steps[name] = +((performance.now() - t) / 1000).toFixed(1);
    return r;
  };
  await db.exec(`
    CREATE TEMP TABLE bench_customers (no int, name text, kind text, industry text, province text, city text,
      status text, owner_no int, created_at timestamptz, deleted int, tag_mask int);
    CREATE TEMP TABLE bench_orders (seq int, customer_no int, ordered_at timestamptz, status text,
      amount numeric(14,2));`);
  await step('copy customers', () =>
    db.copyFrom(`COPY bench_customers FROM STDIN (FORMAT csv)`, customersCsv),
  );
  await step('copy orders', () => db.copyFrom(`COPY bench_orders FROM STDIN (FORMAT csv)`, ordersCsv));
  const teamArray = `ARRAY[${TEAMS.map((t) => `'${t}'`).join(',')}]`;
  await step('customers', () =>
    db.exec(`
    INSERT INTO teams (workspace_id, name) SELECT ${ws}, unnest(${teamArray});
    INSERT INTO users (workspace_id, id, name, email, password_hash, role, team_id)
      SELECT ${ws}, ${userUuidSql('g')}, '销售' || g, 'rep' || g || '@bench.local', '!', 'rep',
        (SELECT id FROM teams t WHERE t.workspace_id = ${ws} AND t.name = (${teamArray})[1 + g % ${TEAMS.length}])
      FROM generate_series(1, ${REPS}) g;
    INSERT INTO customers (workspace_id, id, name, kind, external_id, industry, province, city, status, owner_id,
        created_at, updated_at, deleted_at)
      SELECT ${ws}, ${customerUuidSql('no')}, name, kind, ${externalIdSql('no')}, industry, province, city, status,
        CASE WHEN owner_no > 0 THEN ${userUuidSql('owner_no')} END, created_at, created_at,
        CASE WHEN deleted = 1 THEN created_at + interval '1 day' END
      FROM bench_customers ORDER BY no;`),
  );
  const defs = await db.q(
    `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'orders'
       AND indexname IN ('orders_customer_idx', 'orders_ordered_at_idx')`,
  );
  await step('orders', () =>
    db.exec(`
    SET session_replication_role = replica;
    DROP INDEX orders_customer_idx; DROP INDEX orders_ordered_at_idx;
    INSERT INTO orders (workspace_id, id, customer_id, order_no, ordered_at, status, amount, created_at, updated_at)
      SELECT ${ws}, ${uuidSql('9000', 'seq')}, ${customerUuidSql('customer_no')}, 'SO' || lpad(seq::text, 9, '0'),
        ordered_at, status, amount, ordered_at, ordered_at
      FROM bench_orders ORDER BY seq;
    SET session_replication_role = DEFAULT;`),
  );
  await step('order indexes', async () => {
    for (const { indexdef } of defs) await db.exec(indexdef);
  });
  const tagIds = [];
  for (const [i, t] of MANUAL_TAGS.entries()) {
    const [row] = await db.q(
      `INSERT INTO tags (workspace_id, group_id, name, position)
       SELECT $1, id, $2, $3 FROM tag_groups WHERE workspace_id = $1 AND name_zh = $4 RETURNING id`,
      [workspaceId, t.name, i, t.group],
    );
    tagIds.push(row.id);
  }
  await step('customer tags', () =>
    db.q(
      `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, source, tagged_at)
       SELECT $1, ${customerUuidSql('b.no')}, t.id, 'manual', b.created_at
       FROM bench_customers b JOIN unnest($2::uuid[]) WITH ORDINALITY AS t(id, bit) ON b.tag_mask & (1 << (t.bit::int - 1)) <> 0`,
      [workspaceId, tagIds],
    ),
  );
  await db.exec('DROP TABLE bench_customers; DROP TABLE bench_orders');
  await step('vacuum analyze', async () => {
    for (const table of ['customers', 'orders', 'customer_tags']) await db.exec(`VACUUM ANALYZE ${table}`);
  });
  return { tagIds, steps };
}

/**
 * Rule tags and dynamic segments (written as rows, as the API would store them; the recompute then
 * places everyone, and every order written through the API re-evaluates them for its customer).
 */
export async function addRulesAndSegments(db, workspaceId, tagIds) {
  const c = (field, op, value) => ({ field, op, value });
  const ruleTags = [
    { group: '规模', name: '大客户', rule: c('total_spend', 'gte', 50000) },
    { group: '规模', name: '中型客户', rule: c('total_spend', 'gte', 5000) },
    { group: '价值', name: '高频复购', rule: c('order_count', 'gte', 15) },
    { group: '自定义', name: '沉睡客户', rule: c('recency_days', 'gt', 180) },
  ];
  for (const [i, t] of ruleTags.entries()) {
    await db.q(
      `INSERT INTO tags (workspace_id, group_id, name, position, rule)
       SELECT $1, id, $2, $3, $4::jsonb FROM tag_groups WHERE workspace_id = $1 AND name_zh = $5`,
      [workspaceId, t.name, 10 + i, JSON.stringify(t.rule), t.group],
    );
  }
  const segments = [
    {
      name: '华东重要价值客户',
      rule: {
        and: [c('tier.rfm', 'eq', 'important_value'), c('province', 'in', ['上海', '江苏', '浙江'])],
      },
    },
    {
      name: '高风险大单客户',
      rule: { and: [c('tier.churn_risk', 'eq', 'high'), c('total_spend', 'gte', 20000)] },
    },
    {
      name: 'VIP 展会客户',
      rule: { and: [c('tags', 'has_all', [tagIds[0]]), c('tags', 'has_any', [tagIds[1]])] },
    },
  ];
  for (const s of segments) {
    await db.q(
      `INSERT INTO segments (workspace_id, name, kind, rule) VALUES ($1, $2, 'dynamic', $3::jsonb)`,
      [workspaceId, s.name, JSON.stringify(s.rule)],
    );
  }
  return { ruleTags: ruleTags.length, segments: segments.length };
}
