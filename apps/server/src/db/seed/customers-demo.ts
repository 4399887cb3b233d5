// Loads the Customer 360 demo: customers with two years of orders, follow-ups, contracts, payments,
// invoices and service tickets, deterministic by seed. A bulk path: rows go straight into the tables in
// batches (no services, no audit entries), in one transaction, and customer_metrics is recomputed once
// at the end.
import { createHash } from 'node:crypto';
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import {
  contacts,
  contracts,
  customerOwnerChanges,
  customers,
  followups,
  invoices,
  orderLines,
  orders,
  payments,
  products,
  teams,
  tickets,
  users,
} from '../schema.ts';
import { recomputeWorkspace } from '../../modules/segmentation/placement.ts';
import { createRng, deriveSeed } from './random.ts';
import { centsToMoney, PRODUCT_CATALOGUE } from './customer-factories.ts';
import { createHistoryContext, planCustomer, type CustomerPlan, type DemoOwner } from './customer-history.ts';
import { dateString, isoAt, momentOf, SECONDS_PER_DAY, ymd } from './calendar.ts';

export interface CustomerDemoOptions {
  customers: number;
  seed: number;
  /**
   * The day the history ends: a Date (that moment), "YYYY-MM-DD" (that day at 18:00 China time) or
   * omitted (now). Fix it to get identical data on different days.
   */
  asOf?: Date | string;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Place everyone (metrics, tiers, tags, segments) at the end (default); the full demo does it itself. */
  place?: boolean;
}

export interface CustomerDemoCounts {
  customers: number;
  contacts: number;
  products: number;
  orders: number;
  orderLines: number;
  followups: number;
  contracts: number;
  payments: number;
  invoices: number;
  tickets: number;
  ownerChanges: number;
}

const zeroCounts = (): CustomerDemoCounts => ({
  customers: 0,
  contacts: 0,
  products: 0,
  orders: 0,
  orderLines: 0,
  followups: 0,
  contracts: 0,
  payments: 0,
  invoices: 0,
  tickets: 0,
  ownerChanges: 0,
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Customers generated (and inserted) per round: bounds memory for large demos. */
const CHUNK = 5000;

export function resolveAsOf(asOf: Date | string | undefined): number {
  if (asOf === undefined) return momentOf(new Date());
  if (asOf instanceof Date) return momentOf(asOf);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 + 18 * 3600;
  const d = new Date(asOf);
  if (Number.isNaN(d.getTime())) throw new Error(`asOf is not a date: ${asOf}`);
  return momentOf(d);
}

const fmix32 = (h: number) => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/**
 * Stable ids: a keyed mix of a running number (RFC 9562 version 8, "custom"), so the same seed gives the
 * same ids in a workspace while two workspaces never share them. The first 32 bits are a bijection of
 * the number, so ids within one load cannot collide; hashing each id (SHA-1, v5) measured ten times slower.
 */
function idMaker(workspaceId: string, seed: number): () => string {
  const key = createHash('sha256').update(`${workspaceId}:${seed}`).digest();
  const [k0, k1, k2, k3] = [0, 4, 8, 12].map((o) => key.readUInt32BE(o)) as [number, number, number, number];
  let n = 0;
  return () => {
    const w0 = fmix32((n ^ k0) >>> 0);
    const w1 = fmix32((n + k1) >>> 0) ^ k2;
    const w2 = fmix32((w0 ^ k3) >>> 0);
    const w3 = fmix32((w1 + n) >>> 0);
    n++;
    const h1 = hex8(w1 >>> 0);
    const h2 = hex8(w2);
    return `${hex8(w0)}-${h1.slice(0, 4)}-8${h1.slice(5, 8)}-${'89ab'[w2 >>> 30]}${h2.slice(1, 4)}-${h2.slice(4, 8)}${hex8(w3)}`;
  };
}

/**
 * Sequence numbers that follow time: element i gets its 1-based rank among the elements of the same
 * key (a year) ordered by moment, ties by generation order.
 */
function rankWithin(moments: readonly number[], keyOf: (moment: number) => number): Int32Array {
  const order = Array.from(moments.keys()).sort((a, b) => moments[a]! - moments[b]! || a - b);
  const counters = new Map<number, number>();
  const rank = new Int32Array(moments.length);
  for (const i of order) {
    const key = keyOf(moments[i]!);
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    rank[i] = next;
  }
  return rank;
}

const yearOf = (moment: number) => ymd(Math.floor(moment / SECONDS_PER_DAY)).year;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Rows for one table, held column by column and inserted column-wise: one array parameter per column,
 * unnest()ed back into rows by the database. A multi-row VALUES list binds one parameter per cell; at
 * ~150 000 rows, building and binding those parameters cost more than the inserts themselves (measured
 * on PGlite, busy 2-core machine: 24 s for the default demo with 500-row VALUES batches, 10–12 s this
 * way). Column names and SQL types come from the drizzle table in schema.ts; values are already what the
 * driver takes (strings, numbers, booleans, null).
 */
class ColumnBuffer<T extends PgTable> {
  private keys: string[] | null = null;
  private columns: PgColumn[] = [];
  private data: unknown[][] = [];
  length = 0;
  constructor(private readonly table: T) {}

  add(row: T['$inferInsert']): void {
    const values = row as Record<string, unknown>;
    if (!this.keys) {
      const all = getTableColumns(this.table) as Record<string, PgColumn>;
      this.keys = Object.keys(values);
      this.columns = this.keys.map((k) => all[k]!);
      this.data = this.keys.map(() => []);
    }
    for (let i = 0; i < this.keys.length; i++) this.data[i]!.push(values[this.keys[i]!] ?? null);
    this.length++;
  }

  async flush(db: Db, batch: number): Promise<number> {
    const n = this.length;
    const names = sql.join(
      this.columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    for (let start = 0; start < n; start += batch) {
      const arrays = this.data.map((values, i) => {
        const type = sql.raw(`${this.columns[i]!.getSQLType()}[]`);
        return sql`${sql.param(values.slice(start, start + batch))}::${type}`;
      });
      await db.execute(
        sql`INSERT INTO ${this.table} (${names}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`,
      );
    }
    this.data = this.data.map(() => []);
    this.length = 0;
    return n;
  }
}

/**
 * Fills a workspace with `customers` demo customers and their records. Adds nothing (and returns zero
 * counts) if the workspace already has customers. Owners are the workspace's active reps and managers.
 */
export async function loadCustomerDemo(
  db: Db,
  workspaceId: string,
  opts: CustomerDemoOptions,
): Promise<CustomerDemoCounts> {
  const asOf = resolveAsOf(opts.asOf);
  const batch = opts.batchSize ?? 5000;
  return db.transaction(async (tx) => {
    // Two demo loads at once on one PostgreSQL: the second waits, then finds the customers.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`stratum:demo-customers:${workspaceId}`}))`);
    const existing = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.workspaceId, workspaceId))
      .limit(1);
    if (existing.length || opts.customers <= 0) return zeroCounts();

    const counts = zeroCounts();
    const owners: DemoOwner[] = await tx
      .select({ id: users.id, role: users.role, team: teams.name })
      .from(users)
      .leftJoin(teams, and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId)))
      .where(
        and(
          eq(users.workspaceId, workspaceId),
          isNull(users.disabledAt),
          inArray(users.role, ['rep', 'manager']),
        ),
      )
      .orderBy(users.email)
      .then((rows) => rows.map((r) => ({ id: r.id, role: r.role as DemoOwner['role'], team: r.team })));

    // The catalogue (kept if the workspace already has products with these SKUs).
    const catalogueSince = isoAt(asOf - 900 * SECONDS_PER_DAY);
    const inserted = await tx
      .insert(products)
      .values(
        PRODUCT_CATALOGUE.map((p) => ({
          workspaceId,
          sku: p.sku,
          name: p.name,
          category: p.category,
          unitPrice: centsToMoney(p.unitPriceCents),
          createdAt: catalogueSince,
          updatedAt: catalogueSince,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: products.id });
    counts.products = inserted.length;
    const productIds = new Map(
      (
        await tx
          .select({ id: products.id, sku: products.sku })
          .from(products)
          .where(
            and(
              eq(products.workspaceId, workspaceId),
              inArray(
                products.sku,
                PRODUCT_CATALOGUE.map((p) => p.sku),
              ),
            ),
          )
      ).map((r) => [r.sku, r.id]),
    );
    const productId = PRODUCT_CATALOGUE.map((p) => productIds.get(p.sku) ?? null);

    // Pass 1: the moments that numbered documents carry, so numbers follow time within each year.
    const historySeed = deriveSeed(opts.seed, 1);
    const orderMoments: number[] = [];
    const contractMoments: number[] = [];
    const paperInvoiceMoments: number[] = [];
    const eInvoiceMoments: number[] = [];
    // A demo that fits in one chunk keeps its stories for pass 2 instead of drawing them again.
    const kept: CustomerPlan[] | null = opts.customers <= CHUNK ? [] : null;
    {
      const ctx = createHistoryContext(createRng(historySeed), asOf, PRODUCT_CATALOGUE, owners);
      for (let i = 0; i < opts.customers; i++) {
        const plan = planCustomer(ctx);
        kept?.push(plan);
        for (const o of plan.orders) orderMoments.push(o.at);
        for (const c of plan.contracts) contractMoments.push(c.at);
        for (const inv of plan.invoices) {
          if (inv.issuedDay === null) continue;
          (inv.kind === 'electronic' ? eInvoiceMoments : paperInvoiceMoments).push(
            inv.issuedDay * SECONDS_PER_DAY,
          );
        }
      }
    }
    const orderRank = rankWithin(orderMoments, yearOf);
    const contractRank = rankWithin(contractMoments, yearOf);
    const paperRank = rankWithin(paperInvoiceMoments, () => 0);
    const eRank = rankWithin(eInvoiceMoments, yearOf);
    const paperBase = 10_000_000 + (deriveSeed(opts.seed, 2) % 60_000_000);
    let oi = 0;
    let ci = 0;
    let pi = 0;
    let ei = 0;

    // Pass 2: the same stories (kept or drawn again), now with ids and numbers, inserted chunk by chunk.
    const ctx = createHistoryContext(createRng(historySeed), asOf, PRODUCT_CATALOGUE, owners);
    const newId = idMaker(workspaceId, opts.seed);
    for (let start = 0; start < opts.customers; start += CHUNK) {
      const buf = {
        customers: new ColumnBuffer(customers),
        contacts: new ColumnBuffer(contacts),
        ownerChanges: new ColumnBuffer(customerOwnerChanges),
        orders: new ColumnBuffer(orders),
        orderLines: new ColumnBuffer(orderLines),
        contracts: new ColumnBuffer(contracts),
        payments: new ColumnBuffer(payments),
        invoices: new ColumnBuffer(invoices),
        followups: new ColumnBuffer(followups),
        tickets: new ColumnBuffer(tickets),
      };
      const end = Math.min(opts.customers, start + CHUNK);
      for (let i = start; i < end; i++) {
        const plan = kept ? kept[i]! : planCustomer(ctx);
        const c = plan.customer;
        const customerId = newId();
        buf.customers.add({
          workspaceId,
          id: customerId,
          name: c.name,
          kind: c.kind,
          externalId: c.externalId ?? null,
          industry: c.industry ?? null,
          province: c.province ?? null,
          city: c.city ?? null,
          sizeBand: c.sizeBand ?? null,
          source: c.source ?? null,
          status: c.status,
          ownerId: c.ownerId,
          phone: c.phone ?? null,
          email: c.email ?? null,
          wechat: c.wechat ?? null,
          address: c.address ?? null,
          website: c.website ?? null,
          notes: c.notes ?? null,
          createdBy: c.createdBy,
          createdAt: isoAt(c.createdAt),
          updatedAt: isoAt(c.updatedAt),
        });
        const contactIds = plan.contacts.map((p) => {
          const id = newId();
          buf.contacts.add({
            workspaceId,
            customerId,
            id,
            name: p.name,
            title: p.title ?? null,
            phone: p.phone ?? null,
            email: p.email ?? null,
            wechat: p.wechat ?? null,
            isDecisionMaker: p.isDecisionMaker ?? false,
            notes: p.notes ?? null,
            createdAt: isoAt(p.createdAt),
            updatedAt: isoAt(p.createdAt),
          });
          return id;
        });
        for (const ch of plan.ownerChanges)
          buf.ownerChanges.add({
            workspaceId,
            customerId,
            fromOwnerId: ch.from,
            toOwnerId: ch.to,
            changedBy: ch.changedBy,
            at: isoAt(ch.at),
          });
        const orderIds = plan.orders.map((o) => {
          const id = newId();
          const rank = orderRank[oi++]!;
          const when = isoAt(o.at);
          buf.orders.add({
            workspaceId,
            customerId,
            id,
            orderNo: `SO${yearOf(o.at)}${pad(rank, 6)}`,
            orderedAt: when,
            status: o.status,
            amount: centsToMoney(o.amountCents),
            notes: o.notes,
            createdAt: when,
            updatedAt: when,
          });
          o.lines.forEach((l, position) =>
            buf.orderLines.add({
              workspaceId,
              id: newId(),
              orderId: id,
              position: position + 1,
              productId: productId[l.product] ?? null,
              productName: l.productName,
              quantity: String(l.quantity),
              unitPrice: centsToMoney(l.unitPriceCents),
              amount: centsToMoney(l.amountCents),
            }),
          );
          return id;
        });
        const contractIds = plan.contracts.map((k) => {
          const id = newId();
          const when = isoAt(k.at);
          buf.contracts.add({
            workspaceId,
            customerId,
            id,
            contractNo: `HT${yearOf(k.at)}-${pad(contractRank[ci++]!, 4)}`,
            title: k.title,
            amount: centsToMoney(k.amountCents),
            signedOn: k.signedOn,
            startsOn: k.startsOn,
            endsOn: k.endsOn,
            status: k.status,
            notes: k.notes,
            createdAt: when,
            updatedAt: when,
          });
          return id;
        });
        for (const p of plan.payments) {
          const created = isoAt(Math.min(p.at, p.receivedAt ?? p.at));
          buf.payments.add({
            workspaceId,
            customerId,
            id: newId(),
            contractId: p.contract === null ? null : contractIds[p.contract],
            orderId: p.order === null ? null : orderIds[p.order],
            amount: centsToMoney(p.amountCents),
            dueOn: p.dueOn,
            receivedAt: p.receivedAt === null ? null : isoAt(p.receivedAt),
            method: p.method,
            notes: p.notes,
            createdAt: created,
            updatedAt: p.receivedAt === null ? created : isoAt(Math.max(p.at, p.receivedAt)),
          });
        }
        for (const inv of plan.invoices) {
          let invoiceNo: string | null = null;
          if (inv.issuedDay !== null) {
            const moment = inv.issuedDay * SECONDS_PER_DAY;
            invoiceNo =
              inv.kind === 'electronic'
                ? `${String(yearOf(moment)).slice(2)}33${pad(eRank[ei++]!, 16)}`
                : pad(paperBase + paperRank[pi++]!, 8);
          }
          const when = isoAt(inv.at);
          buf.invoices.add({
            workspaceId,
            customerId,
            id: newId(),
            contractId: inv.contract === null ? null : contractIds[inv.contract],
            orderId: inv.order === null ? null : orderIds[inv.order],
            invoiceNo,
            kind: inv.kind,
            amount: centsToMoney(inv.amountCents),
            issuedOn: inv.issuedDay === null ? null : dateString(inv.issuedDay),
            status: inv.status,
            notes: inv.notes,
            createdAt: when,
            updatedAt: when,
          });
        }
        for (const f of plan.followups) {
          const when = isoAt(f.at);
          buf.followups.add({
            workspaceId,
            customerId,
            id: newId(),
            contactId: f.contact === null ? null : contactIds[f.contact],
            type: f.type,
            content: f.content,
            occurredAt: when,
            userId: f.userId,
            nextFollowupOn: f.nextFollowupOn,
            createdAt: when,
            updatedAt: when,
          });
        }
        for (const t of plan.tickets) {
          const opened = isoAt(t.openedAt);
          buf.tickets.add({
            workspaceId,
            customerId,
            id: newId(),
            contactId: t.contact === null ? null : contactIds[t.contact],
            kind: t.kind,
            subject: t.subject,
            description: t.description,
            status: t.status,
            satisfaction: t.satisfaction,
            openedAt: opened,
            resolvedAt: t.resolvedAt === null ? null : isoAt(t.resolvedAt),
            assigneeId: t.assigneeId,
            createdAt: opened,
            updatedAt: t.resolvedAt === null ? opened : isoAt(t.resolvedAt),
          });
        }
      }
      // Parents before children (the foreign keys are checked row by row).
      for (const [name, buffer] of Object.entries(buf))
        counts[name as keyof CustomerDemoCounts] += await buffer.flush(tx, batch);
    }
    // Everything placed as of the demo's day (metrics, tiers, tags, segments), RFM cut points fresh.
    if (opts.place !== false)
      await recomputeWorkspace(tx as unknown as Db, workspaceId, {
        asOf: typeof opts.asOf === 'string' && DAY.test(opts.asOf) ? opts.asOf : undefined,
      });
    return counts;
  });
}
