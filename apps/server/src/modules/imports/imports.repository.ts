// Set-wise reads and writes for imports: every statement takes whole columns as array parameters and
// unnest()s them back into rows (one parameter per column, not per cell — see the demo loader), so a
// 500,000-line file costs a few dozen statements.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { canEditCustomer } from '../customers/customer-scope.ts';

/** Rows per statement: large enough to amortise a round trip, small enough for PGlite's memory. */
export const BATCH = 10_000;

export interface Column {
  name: string;
  /** SQL element type of the array: text, uuid, numeric, timestamptz, boolean, int, date. */
  type: string;
  values: readonly unknown[];
}

const arrays = (columns: readonly Column[], start: number, end: number) =>
  sql.join(
    columns.map((c) => sql`${sql.param(c.values.slice(start, end))}::${sql.raw(`${c.type}[]`)}`),
    sql`, `,
  );

/** INSERT INTO table (…) SELECT … FROM unnest(…), in batches; `extra` adds constant columns. */
export async function bulkInsert(
  db: Db,
  table: string,
  columns: readonly Column[],
  extra: { name: string; value: SQL }[] = [],
): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  const names = sql.join(
    [...columns.map((c) => sql.identifier(c.name)), ...extra.map((e) => sql.identifier(e.name))],
    sql`, `,
  );
  const aliases = columns.map((_, i) => `c${i}`);
  const select = sql.join([...aliases.map((a) => sql.raw(`u.${a}`)), ...extra.map((e) => e.value)], sql`, `);
  for (let start = 0; start < n; start += BATCH) {
    await db.execute(sql`INSERT INTO ${sql.identifier(table)} (${names})
      SELECT ${select} FROM unnest(${arrays(columns, start, start + BATCH)}) AS u(${sql.raw(aliases.join(', '))})`);
  }
}

export type CustomerMatch = {
  id: string;
  externalId: string | null;
  phone: string | null;
  email: string | null;
  deleted: boolean;
  editable: boolean;
};

const matchColumns = (actor: Actor) => sql`c.id, c.external_id AS "externalId", c.phone, c.email,
  (c.deleted_at IS NOT NULL) AS deleted, (${canEditCustomer(actor)}) AS editable`;

export const importsRepository = {
  async customersByExternalId(db: Db, actor: Actor, ids: readonly string[]): Promise<CustomerMatch[]> {
    const out: CustomerMatch[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const { rows } = await db.execute<CustomerMatch>(sql`SELECT ${matchColumns(actor)} FROM customers c
        WHERE c.workspace_id = ${actor.workspaceId}
          AND c.external_id = ANY(${sql.param(ids.slice(i, i + BATCH))}::text[])`);
      out.push(...rows);
    }
    return out;
  },

  /** Live customers with one of these phones or (case-insensitive) emails, oldest first. */
  async customersByPhoneOrEmail(
    db: Db,
    actor: Actor,
    phones: readonly string[],
    emails: readonly string[],
  ): Promise<CustomerMatch[]> {
    if (phones.length === 0 && emails.length === 0) return [];
    const { rows } = await db.execute<CustomerMatch>(sql`SELECT ${matchColumns(actor)} FROM customers c
      WHERE c.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL
        AND (c.phone = ANY(${sql.param(phones)}::text[]) OR lower(c.email) = ANY(${sql.param(emails)}::text[]))
      ORDER BY c.created_at, c.id`);
    return rows;
  },

  async updateCustomers(db: Db, workspaceId: string, columns: readonly Column[]): Promise<void> {
    // columns[0] is id; a null cell keeps the current value.
    const aliases = columns.map((_, i) => `c${i}`);
    const sets = sql.join(
      columns
        .slice(1)
        .map(
          (c, i) =>
            sql`${sql.identifier(c.name)} = COALESCE(u.${sql.raw(aliases[i + 1]!)}, c.${sql.identifier(c.name)})`,
        ),
      sql`, `,
    );
    const n = columns[0]!.values.length;
    for (let start = 0; start < n; start += BATCH) {
      await db.execute(sql`UPDATE customers c SET ${sets}, version = c.version + 1, updated_at = now()
        FROM unnest(${arrays(columns, start, start + BATCH)}) AS u(${sql.raw(aliases.join(', '))})
        WHERE c.workspace_id = ${workspaceId} AND c.id = u.c0`);
    }
  },

  /** Existing orders by number, with whether the actor may change them (through their customer). */
  async ordersByNo(db: Db, actor: Actor, numbers: readonly string[]) {
    const out: { id: string; orderNo: string; editable: boolean }[] = [];
    for (let i = 0; i < numbers.length; i += BATCH) {
      const { rows } = await db.execute<{ id: string; orderNo: string; editable: boolean }>(sql`
        SELECT o.id, o.order_no AS "orderNo", (${canEditCustomer(actor)} AND c.deleted_at IS NULL) AS editable
        FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
        WHERE o.workspace_id = ${actor.workspaceId}
          AND o.order_no = ANY(${sql.param(numbers.slice(i, i + BATCH))}::text[])`);
      out.push(...rows);
    }
    return out;
  },

  async updateOrders(db: Db, workspaceId: string, columns: readonly Column[]): Promise<void> {
    const aliases = columns.map((_, i) => `c${i}`);
    const sets = sql.join(
      columns.slice(1).map((c, i) => sql`${sql.identifier(c.name)} = u.${sql.raw(aliases[i + 1]!)}`),
      sql`, `,
    );
    const n = columns[0]!.values.length;
    for (let start = 0; start < n; start += BATCH) {
      await db.execute(sql`UPDATE orders o SET ${sets}, version = o.version + 1, updated_at = now()
        FROM unnest(${arrays(columns, start, start + BATCH)}) AS u(${sql.raw(aliases.join(', '))})
        WHERE o.workspace_id = ${workspaceId} AND o.id = u.c0`);
    }
  },

  async deleteOrderLines(db: Db, workspaceId: string, orderIds: readonly string[]): Promise<void> {
    for (let i = 0; i < orderIds.length; i += BATCH) {
      await db.execute(sql`DELETE FROM order_lines WHERE workspace_id = ${workspaceId}
        AND order_id = ANY(${sql.param(orderIds.slice(i, i + BATCH))}::uuid[])`);
    }
  },

  /** Contacts of these customers, for duplicate detection by phone / email. */
  async contactsOf(db: Db, workspaceId: string, customerIds: readonly string[]) {
    const { rows } = await db.execute<{
      id: string;
      customerId: string;
      phone: string | null;
      email: string | null;
    }>(
      sql`SELECT id, customer_id AS "customerId", phone, lower(email) AS email FROM contacts
        WHERE workspace_id = ${workspaceId} AND customer_id = ANY(${sql.param(customerIds)}::uuid[])`,
    );
    return rows;
  },

  async updateContacts(db: Db, workspaceId: string, columns: readonly Column[]): Promise<void> {
    const aliases = columns.map((_, i) => `c${i}`);
    const sets = sql.join(
      columns
        .slice(1)
        .map(
          (c, i) =>
            sql`${sql.identifier(c.name)} = COALESCE(u.${sql.raw(aliases[i + 1]!)}, t.${sql.identifier(c.name)})`,
        ),
      sql`, `,
    );
    await db.execute(sql`UPDATE contacts t SET ${sets}, version = t.version + 1, updated_at = now()
      FROM unnest(${arrays(columns, 0, columns[0]!.values.length)}) AS u(${sql.raw(aliases.join(', '))})
      WHERE t.workspace_id = ${workspaceId} AND t.id = u.c0`);
  },

  /** Follow-ups already recorded, keyed customer|occurred_at|type|content (re-runs skip them). */
  async followupKeys(db: Db, workspaceId: string, customerIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await db.execute<{ k: string }>(sql`
      SELECT customer_id || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        || '|' || type || '|' || content AS k
      FROM followups WHERE workspace_id = ${workspaceId} AND customer_id = ANY(${sql.param(customerIds)}::uuid[])`);
    return new Set(rows.map((r) => r.k));
  },

  /** A zero metrics row for new customers (orders-free imports need no recompute). */
  async ensureMetrics(db: Db, workspaceId: string, customerIds: readonly string[]): Promise<void> {
    for (let i = 0; i < customerIds.length; i += BATCH) {
      await db.execute(sql`INSERT INTO customer_metrics (workspace_id, customer_id)
        SELECT ${workspaceId}, unnest(${sql.param(customerIds.slice(i, i + BATCH))}::uuid[])
        ON CONFLICT DO NOTHING`);
    }
  },
};

/**
 * The user an import acts as (CLI): the active user with this email, or the workspace's first admin.
 * Returns an Actor, so the import applies that user's data scope and owns what it creates by them.
 */
export async function importActor(db: Db, email?: string): Promise<Actor | undefined> {
  const { rows } = await db.execute<{
    workspaceId: string;
    id: string;
    name: string;
    role: Actor['role'];
    teamId: string | null;
  }>(sql`SELECT u.workspace_id AS "workspaceId", u.id, u.name, u.role, u.team_id AS "teamId"
    FROM users u JOIN workspaces w ON w.workspace_id = u.workspace_id
    WHERE u.disabled_at IS NULL AND ${email ? sql`lower(u.email) = lower(${email})` : sql`u.role = 'admin'`}
    ORDER BY w.created_at, u.created_at LIMIT 1`);
  const u = rows[0];
  if (!u) return undefined;
  return {
    kind: 'user',
    workspaceId: u.workspaceId,
    userId: u.id,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    apiKeyId: null,
    apiKeyName: null,
    sessionId: null,
    csrfToken: null,
  };
}
