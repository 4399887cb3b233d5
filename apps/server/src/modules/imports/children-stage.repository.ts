// The SQL of a contacts or follow-ups import, over its staged rows (stage.ts): each row's customer
// (customer-refs.ts), the natural key and the duplicates policy, then the writes — each one statement over
// the whole file.
//   contacts   natural key (customer, phone), else (customer, email): a key seen on an earlier row is
//              DUPLICATE_IN_FILE; an existing one is skipped, updated (non-empty cells) or created again
//   follow-ups natural key (customer, occurred_at, type, content): an existing one, or one seen on an
//              earlier row, is skipped (unless `create`), so re-running a file adds nothing
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { resolveCustomerRefs } from './customer-refs.ts';
import type { DuplicatePolicy } from './report.ts';
import { analyze, ANALYZE_AFTER, type StageColumn, type StageSpec } from './stage.ts';

const REF_COLUMNS: StageColumn[] = [
  { name: 'ref_field', type: 'text' }, // customer_external_id | customer_phone | customer_email
  { name: 'ref_value', type: 'text' },
];

export const CONTACT_FIELDS = ['name', 'title', 'phone', 'email', 'wechat', 'notes'] as const;

export const CONTACT_ROWS: StageSpec = {
  table: 'import_contact_rows',
  columns: [
    ...REF_COLUMNS,
    ...CONTACT_FIELDS.map((name) => ({ name, type: 'text' as const })),
    { name: 'is_decision_maker', type: 'boolean' },
  ],
  extra: 'customer_id uuid, contact_id uuid, outcome text',
};

export const FOLLOWUP_ROWS: StageSpec = {
  table: 'import_followup_rows',
  columns: [
    ...REF_COLUMNS,
    { name: 'type', type: 'text' },
    { name: 'content', type: 'text' },
    { name: 'occurred_at', type: 'timestamptz' },
    { name: 'next_followup_on', type: 'date' },
  ],
  extra: 'customer_id uuid, outcome text',
};

/** Runs an INSERT and returns how many rows it wrote. */
async function count(db: Db, insert: SQL): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`WITH ins AS (${insert} RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  );
  return rows[0]!.n;
}

/**
 * Each staged row's customer: rows whose customer cannot be used fail with the reason, on the column that
 * named it. Returns how many customers were created (unknown external ids, when asked).
 */
async function attachCustomers(db: Db, actor: Actor, spec: StageSpec, create: boolean): Promise<number> {
  const t = sql.raw(spec.table);
  await db.execute(sql`ANALYZE ${t}`);
  const created = await resolveCustomerRefs(
    db,
    actor,
    sql`SELECT ref_field, ref_value, NULL::text AS name, row_no FROM ${t} WHERE err_code IS NULL`,
    create,
  );
  await db.execute(sql`UPDATE ${t} s SET customer_id = CASE WHEN r.code IS NULL THEN r.customer_id END,
      err_field = CASE WHEN r.code IS NOT NULL THEN s.ref_field END, err_code = r.code,
      err_value = CASE WHEN r.code IS NOT NULL THEN s.ref_value END
    FROM import_customer_refs r
    WHERE s.err_code IS NULL AND r.ref_field = s.ref_field AND r.ref_value = s.ref_value`);
  return created;
}

export function contactsStage(actor: Actor, policy: DuplicatePolicy, createCustomers: boolean) {
  const ws = actor.workspaceId;
  const t = sql.raw(CONTACT_ROWS.table);
  return {
    attachCustomers: (db: Db) => attachCustomers(db, actor, CONTACT_ROWS, createCustomers),

    /** In-file duplicates, then existing contacts by key, then the policy. */
    async decide(db: Db) {
      await db.execute(sql`CREATE INDEX ON ${t} (customer_id, phone, email)`);
      await db.execute(sql`UPDATE ${t} s SET
          err_field = CASE WHEN s.phone IS NOT NULL THEN 'phone' ELSE 'email' END,
          err_code = 'DUPLICATE_IN_FILE', err_value = coalesce(s.phone, s.email), err_other = f.first::text
        FROM (SELECT customer_id, phone IS NOT NULL AS by_phone, coalesce(phone, email) AS k,
                min(row_no) AS first
              FROM ${t}
              WHERE err_code IS NULL AND coalesce(phone, email) IS NOT NULL
              GROUP BY 1, 2, 3 HAVING count(*) > 1) f
        WHERE s.err_code IS NULL AND s.customer_id = f.customer_id AND (s.phone IS NOT NULL) = f.by_phone
          AND coalesce(s.phone, s.email) = f.k AND s.row_no > f.first`);
      await db.execute(sql`UPDATE ${t} s SET contact_id = m.id
        FROM contacts m
        WHERE s.err_code IS NULL AND m.workspace_id = ${ws} AND m.customer_id = s.customer_id
          AND CASE WHEN s.phone IS NOT NULL THEN m.phone = s.phone ELSE lower(m.email) = s.email END`);
      await db.execute(sql`UPDATE ${t} SET outcome = CASE
          WHEN contact_id IS NULL OR ${policy}::text = 'create' THEN 'insert'
          WHEN ${policy}::text = 'skip' THEN 'skip' ELSE 'update' END
        WHERE err_code IS NULL`);
    },

    async write(db: Db) {
      const fields = sql.raw(CONTACT_FIELDS.join(', '));
      const inserted = await count(
        db,
        sql`INSERT INTO contacts (workspace_id, customer_id, ${fields}, is_decision_maker)
          SELECT ${ws}::uuid, customer_id, ${fields}, coalesce(is_decision_maker, false)
          FROM ${t} WHERE outcome = 'insert' ORDER BY row_no`,
      );
      if (inserted >= ANALYZE_AFTER) await analyze(db, 'contacts');
      const sets = sql.raw(
        [...CONTACT_FIELDS, 'is_decision_maker'].map((f) => `${f} = coalesce(s.${f}, m.${f})`).join(', '),
      );
      await db.execute(sql`UPDATE contacts m SET ${sets}, version = m.version + 1, updated_at = now()
        FROM ${t} s WHERE s.outcome = 'update' AND m.workspace_id = ${ws} AND m.id = s.contact_id`);
    },
  };
}

export function followupsStage(actor: Actor, policy: DuplicatePolicy, createCustomers: boolean) {
  const ws = actor.workspaceId;
  const t = sql.raw(FOLLOWUP_ROWS.table);
  return {
    attachCustomers: (db: Db) => attachCustomers(db, actor, FOLLOWUP_ROWS, createCustomers),

    async decide(db: Db) {
      if (policy !== 'create') {
        await db.execute(sql`CREATE INDEX ON ${t} (customer_id, occurred_at)`);
        await db.execute(sql`UPDATE ${t} s SET outcome = 'skip'
          FROM followups f
          WHERE s.err_code IS NULL AND f.workspace_id = ${ws} AND f.customer_id = s.customer_id
            AND f.occurred_at = s.occurred_at AND f.type = s.type AND f.content = s.content`);
        await db.execute(sql`UPDATE ${t} s SET outcome = 'skip'
          FROM (SELECT customer_id, occurred_at, type, content, min(row_no) AS first FROM ${t}
                WHERE err_code IS NULL GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d
          WHERE s.err_code IS NULL AND s.customer_id = d.customer_id AND s.occurred_at = d.occurred_at
            AND s.type = d.type AND s.content = d.content AND s.row_no > d.first`);
      }
      await db.execute(sql`UPDATE ${t} SET outcome = 'insert' WHERE err_code IS NULL AND outcome IS NULL`);
    },

    async write(db: Db) {
      const inserted = await count(
        db,
        sql`INSERT INTO followups
            (workspace_id, customer_id, type, content, occurred_at, next_followup_on, user_id)
          SELECT ${ws}::uuid, customer_id, type, content, occurred_at, next_followup_on, ${actor.userId}::uuid
          FROM ${t} WHERE outcome = 'insert' ORDER BY row_no`,
      );
      // The metrics refresh that follows reads them.
      if (inserted >= ANALYZE_AFTER) await analyze(db, 'followups');
    },
  };
}
