// Rows of orders, contacts and follow-ups name their customer: by external id (orders, contacts, follow-ups)
// or by the customer's phone or email (contacts, follow-ups). The references of a whole file are resolved
// set-wise into the TEMP table import_customer_refs (one row per distinct reference): matched in the
// actor's data scope, created when asked (external ids only; owned by the actor), or given the reason it
// cannot be used. Callers join their staged rows to it.
//   ref_field    customer_external_id | customer_phone | customer_email (emails lower-cased)
//   customer_id  the customer, when code is null
//   code         CUSTOMER_NOT_FOUND | CUSTOMER_NOT_MATCHED | CUSTOMER_DELETED | NOT_YOUR_CUSTOMER
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { canEditCustomer } from '../customers/customer-scope.ts';
import { analyze } from './stage.ts';

export type RefField = 'customer_external_id' | 'customer_phone' | 'customer_email';

/**
 * `source` selects (ref_field, ref_value, name, row_no) for every row that names a customer; a customer
 * created for an external id is named by the first such row (its `name`, else the id). Returns how many
 * customers were created.
 */
export async function resolveCustomerRefs(
  db: Db,
  actor: Actor,
  source: SQL,
  create: boolean,
): Promise<number> {
  const ws = actor.workspaceId;
  await db.execute(sql`CREATE TEMP TABLE import_customer_refs ON COMMIT DROP AS
    SELECT DISTINCT ON (ref_field, ref_value) ref_field::text AS ref_field, ref_value::text AS ref_value,
      name::text AS name, NULL::uuid AS customer_id, NULL::text AS code, false AS created
    FROM (${source}) s ORDER BY ref_field, ref_value, row_no`);
  await db.execute(sql`CREATE UNIQUE INDEX ON import_customer_refs (ref_field, ref_value)`);
  await db.execute(sql`ANALYZE import_customer_refs`);
  // External ids are unique per workspace; a customer in the recycle bin is named, not used.
  await db.execute(sql`UPDATE import_customer_refs r SET customer_id = c.id,
      code = CASE WHEN c.deleted_at IS NOT NULL THEN 'CUSTOMER_DELETED'
                  WHEN NOT (${canEditCustomer(actor)}) THEN 'NOT_YOUR_CUSTOMER' END
    FROM customers c
    WHERE r.ref_field = 'customer_external_id' AND c.workspace_id = ${ws} AND c.external_id = r.ref_value`);
  // Phones exactly, emails case-insensitively: the oldest live customer with it.
  const byContact = (field: RefField, key: SQL) => sql`UPDATE import_customer_refs r SET customer_id = m.id,
      code = CASE WHEN NOT m.editable THEN 'NOT_YOUR_CUSTOMER' END
    FROM (
      SELECT DISTINCT ON (${key}) ${key} AS k, c.id, (${canEditCustomer(actor)}) AS editable
      FROM customers c
      WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL
        AND ${key} IN (SELECT ref_value FROM import_customer_refs WHERE ref_field = ${field})
      ORDER BY ${key}, c.created_at, c.id
    ) m
    WHERE r.ref_field = ${field} AND r.ref_value = m.k`;
  await db.execute(byContact('customer_phone', sql`c.phone`));
  await db.execute(byContact('customer_email', sql`lower(c.email)`));
  await db.execute(sql`UPDATE import_customer_refs SET code = 'CUSTOMER_NOT_MATCHED'
    WHERE customer_id IS NULL AND ref_field <> 'customer_external_id'`);
  if (!create) {
    await db.execute(sql`UPDATE import_customer_refs SET code = 'CUSTOMER_NOT_FOUND'
      WHERE customer_id IS NULL AND ref_field = 'customer_external_id'`);
    return 0;
  }
  const { rows } = await db.execute<{ n: number }>(sql`WITH made AS (
      UPDATE import_customer_refs SET customer_id = gen_random_uuid(), created = true
      WHERE customer_id IS NULL AND ref_field = 'customer_external_id' RETURNING 1)
    SELECT count(*)::int AS n FROM made`);
  const created = rows[0]!.n;
  if (created === 0) return 0;
  await db.execute(sql`INSERT INTO customers (workspace_id, id, external_id, name, owner_id, created_by, source)
    SELECT ${ws}::uuid, customer_id, ref_value, coalesce(name, ref_value), ${actor.userId}::uuid,
      ${actor.userId}::uuid, 'import'
    FROM import_customer_refs WHERE created`);
  // A zero metrics row for each (an import without orders needs no recompute).
  await db.execute(sql`INSERT INTO customer_metrics (workspace_id, customer_id)
    SELECT ${ws}::uuid, customer_id FROM import_customer_refs WHERE created ON CONFLICT DO NOTHING`);
  await analyze(db, 'customers', 'customer_metrics');
  return created;
}
