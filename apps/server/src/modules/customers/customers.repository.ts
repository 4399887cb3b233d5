import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customerOwnerChanges, customers } from '../../db/schema.ts';
import { iso, isoNotNull, money, uuidArray } from '../../db/raw.ts';
import type { Customer } from '@stratum/contracts';

export type CustomerRow = typeof customers.$inferSelect;

/** Columns of the customer view: the record, its owner's name and its key figures. */
const VIEW = sql.raw(`
  c.id, c.name, c.kind, c.external_id, c.industry, c.province, c.city, c.size_band, c.source, c.status,
  c.owner_id, u.name AS owner_name, c.phone, c.email, c.wechat, c.address, c.website, c.notes, c.custom_fields,
  COALESCE(m.total_spend, 0) AS lifetime_spend, m.last_order_at, m.last_followup_at, m.next_followup_on::text AS next_followup_on,
  COALESCE(m.open_tickets, 0) AS open_tickets, m.tiers, m.tag_ids, c.created_at, c.updated_at, c.deleted_at, c.version`);
const FROM = sql.raw(`customers c
  LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
  LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id`);

type Raw = Record<string, unknown>;
export function toCustomer(r: Raw): Customer {
  return {
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as Customer['kind'],
    externalId: (r.external_id as string | null) ?? null,
    industry: (r.industry as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    sizeBand: (r.size_band as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    status: r.status as Customer['status'],
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    wechat: (r.wechat as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    website: (r.website as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    customFields: (typeof r.custom_fields === 'string' ? JSON.parse(r.custom_fields) : r.custom_fields) ?? {},
    lifetimeSpend: money(r.lifetime_spend),
    lastOrderAt: iso(r.last_order_at),
    lastFollowupAt: iso(r.last_followup_at),
    nextFollowupOn: (r.next_followup_on as string | null) ?? null,
    openTickets: Number(r.open_tickets ?? 0),
    tiers: (r.tiers as Record<string, string> | null) ?? {},
    tagIds: uuidArray(r.tag_ids),
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    deletedAt: iso(r.deleted_at),
    version: Number(r.version),
  };
}

export interface CustomerQuery {
  where: SQL;
  orderBy: SQL;
  limit?: number;
  offset?: number;
}

export const customersRepository = {
  async list(db: Db, q: CustomerQuery): Promise<Customer[]> {
    const limit = q.limit === undefined ? sql`` : sql` LIMIT ${q.limit} OFFSET ${q.offset ?? 0}`;
    const { rows } = await db.execute<Raw>(
      sql`SELECT ${VIEW} FROM ${FROM} WHERE ${q.where} ORDER BY ${q.orderBy}${limit}`,
    );
    return rows.map(toCustomer);
  },

  async count(db: Db, where: SQL): Promise<number> {
    const { rows } = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`,
    );
    return Number(rows[0]?.n ?? 0);
  },

  /** Streams a large result in pages (exports): memory stays flat whatever the size. */
  async *stream(db: Db, q: CustomerQuery, pageSize = 1000): AsyncGenerator<Customer[]> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.list(db, { ...q, limit: pageSize, offset });
      if (page.length === 0) return;
      yield page;
      if (page.length < pageSize) return;
    }
  },

  async view(db: Db, workspaceId: string, id: string, scope: SQL): Promise<Customer | undefined> {
    const [row] = await this.list(db, {
      where: sql`c.workspace_id = ${workspaceId} AND c.id = ${id} AND ${scope}`,
      orderBy: sql`c.id`,
    });
    return row;
  },

  async insert(db: Db, values: typeof customers.$inferInsert): Promise<CustomerRow> {
    const [row] = await db.insert(customers).values(values).returning();
    return row!;
  },

  async update(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    changes: Partial<typeof customers.$inferInsert>,
  ) {
    const [row] = await db
      .update(customers)
      .set({ ...changes, updatedAt: sql`now()`, version: sql`${customers.version} + 1` })
      .where(
        and(eq(customers.workspaceId, workspaceId), eq(customers.id, id), eq(customers.version, version)),
      )
      .returning();
    return row;
  },

  /** Recycle bin: soft delete and restore bump the version like any other change. */
  async setDeleted(db: Db, workspaceId: string, id: string, deletedBy: string | null): Promise<void> {
    await db
      .update(customers)
      .set({
        deletedAt: deletedBy === null ? null : sql`now()`,
        deletedBy,
        updatedAt: sql`now()`,
        version: sql`${customers.version} + 1`,
      })
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)));
  },

  async recordOwnerChange(
    db: Db,
    workspaceId: string,
    customerId: string,
    from: string | null,
    to: string | null,
    by: string | null,
  ) {
    await db
      .insert(customerOwnerChanges)
      .values({ workspaceId, customerId, fromOwnerId: from, toOwnerId: to, changedBy: by });
  },
};
