// The SQL of a customers import, over its staged rows (stage.ts): duplicates in the file, matching existing
// customers by natural key (external id, else phone, else email), the duplicates policy and the actor's
// data scope, then the inserts and updates — each one statement over the whole file.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { canEditCustomer } from '../customers/customer-scope.ts';
import type { DuplicatePolicy } from './report.ts';
import { analyze, ANALYZE_AFTER, type StageSpec } from './stage.ts';

/** Columns a file may fill; an update overwrites them with the row's non-empty cells. */
export const CUSTOMER_TEXT_FIELDS = [
  'name',
  'industry',
  'province',
  'city',
  'size_band',
  'source',
  'phone',
  'email',
  'wechat',
  'address',
  'website',
  'notes',
] as const;
const UPDATED = [...CUSTOMER_TEXT_FIELDS, 'kind', 'status'] as const;

/** One staged row per converted data row: its natural key and its values. */
export const CUSTOMER_ROWS: StageSpec = {
  table: 'import_customer_rows',
  columns: [
    { name: 'key_field', type: 'text' }, // external_id | phone | email, or null (no key: always new)
    { name: 'key_value', type: 'text' },
    { name: 'external_id', type: 'text' },
    ...CUSTOMER_TEXT_FIELDS.map((name) => ({ name, type: 'text' as const })),
    { name: 'kind', type: 'text' },
    { name: 'status', type: 'text' },
  ],
  extra: 'customer_id uuid, deleted boolean, editable boolean, outcome text',
};

/** Past this many new or changed customers, the whole workspace is placed in one set-wise pass. */
export const PLACE_BY_ID_LIMIT = 10_000;

export function customersStage(actor: Actor, policy: DuplicatePolicy) {
  const ws = actor.workspaceId;
  const t = sql.raw(CUSTOMER_ROWS.table);
  return {
    /**
     * A key seen on an earlier row is DUPLICATE_IN_FILE; then each row's existing customer: by external
     * id (also in the recycle bin), by phone or (case-insensitive) email among live customers, the
     * oldest when several share it.
     */
    async match(db: Db) {
      await db.execute(sql`CREATE INDEX ON ${t} (key_field, key_value, row_no)`);
      await db.execute(sql`ANALYZE ${t}`);
      await db.execute(sql`UPDATE ${t} s SET err_field = s.key_field, err_code = 'DUPLICATE_IN_FILE',
          err_value = s.key_value, err_other = f.first::text
        FROM (SELECT key_field, key_value, min(row_no) AS first FROM ${t}
              WHERE key_field IS NOT NULL GROUP BY key_field, key_value HAVING count(*) > 1) f
        WHERE s.key_field = f.key_field AND s.key_value = f.key_value AND s.row_no > f.first`);
      await db.execute(sql`UPDATE ${t} s SET customer_id = c.id, deleted = c.deleted_at IS NOT NULL,
          editable = (${canEditCustomer(actor)})
        FROM customers c
        WHERE s.err_code IS NULL AND s.key_field = 'external_id'
          AND c.workspace_id = ${ws} AND c.external_id = s.key_value`);
      for (const [field, key] of [
        ['phone', sql`c.phone`],
        ['email', sql`lower(c.email)`],
      ] as const) {
        await db.execute(sql`UPDATE ${t} s SET customer_id = m.id, deleted = false, editable = m.editable
          FROM (
            SELECT DISTINCT ON (${key}) ${key} AS k, c.id, (${canEditCustomer(actor)}) AS editable
            FROM customers c
            WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL
              AND ${key} IN (SELECT key_value FROM ${t} WHERE key_field = ${field})
            ORDER BY ${key}, c.created_at, c.id
          ) m
          WHERE s.err_code IS NULL AND s.key_field = ${field} AND s.key_value = m.k`);
      }
    },

    /**
     * The duplicates policy: a row without a match is inserted; with one, `skip` skips it, `create`
     * inserts it again unless its key is the (unique) external id, `update` updates it when the actor may.
     */
    async decide(db: Db) {
      const p = sql`${policy}::text`;
      await db.execute(
        sql`UPDATE ${t} SET outcome = 'insert' WHERE err_code IS NULL AND customer_id IS NULL`,
      );
      await db.execute(sql`UPDATE ${t} SET
          outcome = CASE
            WHEN ${p} = 'skip' THEN 'skip'
            WHEN ${p} = 'create' AND key_field <> 'external_id' THEN 'insert'
            WHEN ${p} = 'update' AND NOT deleted AND editable THEN 'update' END,
          customer_id = CASE WHEN ${p} = 'create' THEN NULL ELSE customer_id END,
          err_code = CASE
            WHEN ${p} = 'create' AND key_field = 'external_id' THEN 'DUPLICATE'
            WHEN ${p} = 'update' AND deleted THEN 'CUSTOMER_DELETED'
            WHEN ${p} = 'update' AND NOT editable THEN 'NOT_YOUR_CUSTOMER' END,
          err_field = key_field, err_value = key_value
        WHERE err_code IS NULL AND outcome IS NULL`);
      await db.execute(sql`UPDATE ${t} SET customer_id = gen_random_uuid() WHERE outcome = 'insert'`);
    },

    /** New customers (owned by the actor), in file order; returns how many. */
    async insert(db: Db): Promise<number> {
      const fields = sql.raw(CUSTOMER_TEXT_FIELDS.join(', '));
      const { rows } = await db.execute<{ n: number }>(sql`WITH ins AS (
          INSERT INTO customers (workspace_id, id, external_id, ${fields}, kind, status, owner_id, created_by)
          SELECT ${ws}::uuid, customer_id, external_id, ${fields}, coalesce(kind, 'company'),
            coalesce(status, 'potential'), ${actor.userId}::uuid, ${actor.userId}::uuid
          FROM ${t} WHERE outcome = 'insert' ORDER BY row_no
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`);
      const n = rows[0]!.n;
      // Their metrics rows now (the placement fills them in), so that with many new customers both tables
      // are analyzed before the statements that join them: the metrics rows' foreign-key checks, the
      // update and the placement (see ANALYZE_AFTER).
      const many = n >= ANALYZE_AFTER;
      if (many) await analyze(db, 'customers');
      await db.execute(sql`INSERT INTO customer_metrics (workspace_id, customer_id)
        SELECT ${ws}::uuid, customer_id FROM ${t} WHERE outcome = 'insert' ON CONFLICT DO NOTHING`);
      if (many) await analyze(db, 'customer_metrics');
      return n;
    },

    /** Matched customers get the row's non-empty cells. */
    async update(db: Db): Promise<void> {
      const sets = sql.raw(UPDATED.map((f) => `${f} = coalesce(s.${f}, c.${f})`).join(', '));
      await db.execute(sql`UPDATE customers c SET ${sets}, version = c.version + 1, updated_at = now()
        FROM ${t} s WHERE s.outcome = 'update' AND c.workspace_id = ${ws} AND c.id = s.customer_id`);
    },

    /** The new and changed customers, when there are at most `limit`; else null. */
    async changedIds(db: Db, limit: number): Promise<string[] | null> {
      const { rows } = await db.execute<{ id: string }>(sql`SELECT DISTINCT customer_id AS id FROM ${t}
        WHERE outcome IN ('insert', 'update') LIMIT ${limit + 1}`);
      return rows.length > limit ? null : rows.map((r) => r.id);
    },
  };
}
