import { describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { resetData, useTestApp } from '../../../test/harness.ts';
import type { Db } from '../client.ts';
import { loadDemo } from './demo.ts';
import { loadCustomerDemo } from './customers-demo.ts';
import { moneyToCents } from './customer-factories.ts';
import { metricsRepository } from '../../modules/customers/metrics.repository.ts';

const SEED = 20_240_601;
const AS_OF = '2026-03-15'; // 18:00 China time that day
const AS_OF_ISO = '2026-03-15T18:00:00+08:00';
const CUSTOMERS = 300;

const load = (db: Db) =>
  loadDemo(db, { seed: SEED, password: 'demo-pass-1', customers: CUSTOMERS, asOf: AS_OF });

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}
/** A row of named counts (and the odd flag or ratio). */
type Figures<K extends string> = Record<K, number>;
async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  return (await rows<T>(db, query))[0]!;
}

/** Revenue counts paid and completed orders only (as customer_metrics does). */
const COUNTED = sql.raw(`status IN ('paid', 'completed')`);

describe('customer demo (customers-demo.ts)', () => {
  const t = useTestApp();

  it('is deterministic by seed and adds nothing the second time', { timeout: 60_000 }, async () => {
    const snapshot = async () => ({
      customers: await rows<{ name: string; status: string; owner: string | null }>(
        t.db,
        sql`SELECT c.name, c.status, u.email AS owner FROM customers c
            LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id
            ORDER BY c.created_at, c.name`,
      ),
      orders: await rows<{ order_no: string; amount: string; ordered_at: string }>(
        t.db,
        sql`SELECT order_no, amount::text, ordered_at::text FROM orders ORDER BY order_no`,
      ),
    });
    const first = await load(t.db);
    expect(first).toMatchObject({ customers: CUSTOMERS, products: 31 });
    expect(first.orders).toBeGreaterThan(CUSTOMERS);
    const a = await snapshot();

    const again = await load(t.db);
    expect(again).toMatchObject({ customers: 0, orders: 0, followups: 0, products: 0 });
    expect(
      await loadCustomerDemo(t.db, first.workspaceId, { customers: 50, seed: 1, asOf: AS_OF }),
    ).toMatchObject({ customers: 0, orders: 0 });
    expect((await snapshot()).orders.length).toBe(a.orders.length);

    await resetData(t.db);
    const second = await load(t.db);
    expect(second.workspaceId).not.toBe(first.workspaceId);
    const b = await snapshot();
    expect(b.customers).toEqual(a.customers);
    expect(b.orders).toEqual(a.orders);
    const { n } = await one<{ n: number }>(t.db, sql`SELECT count(DISTINCT name)::int AS n FROM customers`);
    expect(n).toBeGreaterThan(CUSTOMERS * 0.95);
  });

  it('looks like a real customer base: Pareto spend, seasons, churn, the public pool', async () => {
    const { workspaceId } = await load(t.db);
    const ws = sql`workspace_id = ${workspaceId}`;

    // Pareto: the top 20% of customers by spend hold most of the revenue.
    const spend = (
      await rows<{ total_spend: string }>(t.db, sql`SELECT total_spend FROM customer_metrics WHERE ${ws}`)
    )
      .map((r) => moneyToCents(r.total_spend))
      .sort((x, y) => y - x);
    expect(spend).toHaveLength(CUSTOMERS);
    const total = spend.reduce((s, v) => s + v, 0);
    const top = spend.slice(0, CUSTOMERS / 5).reduce((s, v) => s + v, 0);
    expect(top / total).toBeGreaterThanOrEqual(0.6);

    // Seasons: each November (双11) above the average full month; few orders in the 春节 holiday week.
    const months = await rows<{ month: string; revenue: string }>(
      t.db,
      sql`SELECT to_char(ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, sum(amount)::text AS revenue
          FROM orders WHERE ${ws} AND ${COUNTED} GROUP BY 1 ORDER BY 1`,
    );
    const full = months.slice(1, -1); // the window's first and last months are partial
    expect(full.length).toBeGreaterThanOrEqual(22);
    const average = full.reduce((s, m) => s + moneyToCents(m.revenue), 0) / full.length;
    const novembers = full.filter((m) => m.month.endsWith('-11'));
    expect(novembers).toHaveLength(2);
    for (const m of novembers) expect(moneyToCents(m.revenue)).toBeGreaterThan(average);
    // 春节 2025 was on 29 January: three weeks of stocking up, then the holiday week.
    const perDay = await one<{ before: number; holiday: number }>(
      t.db,
      sql`SELECT count(*) FILTER (WHERE ordered_at >= '2025-01-08T00:00+08:00' AND ordered_at < '2025-01-27T00:00+08:00')::float / 19 AS before,
                 count(*) FILTER (WHERE ordered_at >= '2025-01-27T00:00+08:00' AND ordered_at < '2025-02-05T00:00+08:00')::float / 9 AS holiday
          FROM orders WHERE ${ws}`,
    );
    expect(perDay.before).toBeGreaterThan(3 * perDay.holiday);

    // Order statuses: mostly completed or paid, a few cancelled and refunded.
    const statuses = Object.fromEntries(
      (
        await rows<{ status: string; n: number }>(
          t.db,
          sql`SELECT status, count(*)::int AS n FROM orders WHERE ${ws} GROUP BY status`,
        )
      ).map((r) => [r.status, r.n]),
    ) as Record<string, number>;
    const orderCount = Object.values(statuses).reduce((s, v) => s + v, 0);
    expect((statuses.completed! + statuses.paid!) / orderCount).toBeGreaterThan(0.9);
    expect(statuses.cancelled! / orderCount).toBeGreaterThan(0.02);
    expect(statuses.cancelled! / orderCount).toBeLessThan(0.07);
    expect(statuses.refunded! / orderCount).toBeGreaterThan(0.005);
    expect(statuses.refunded! / orderCount).toBeLessThan(0.04);

    // Lifecycle: prospects without orders, churned and new customers, statuses that match the orders.
    const life = await one<
      Figures<
        'pool' | 'potential' | 'potential_with_orders' | 'churned' | 'new' | 'stale_active' | 'individuals'
      >
    >(
      t.db,
      sql`SELECT
            count(*) FILTER (WHERE c.owner_id IS NULL)::float / count(*) AS pool,
            count(*) FILTER (WHERE c.status = 'potential')::int AS potential,
            count(*) FILTER (WHERE c.status = 'potential' AND EXISTS (
              SELECT 1 FROM orders o WHERE o.workspace_id = c.workspace_id AND o.customer_id = c.id))::int AS potential_with_orders,
            count(*) FILTER (WHERE m.last_order_at < ${AS_OF_ISO}::timestamptz - interval '150 days')::int AS churned,
            count(*) FILTER (WHERE m.first_order_at >= ${AS_OF_ISO}::timestamptz - interval '90 days')::int AS new,
            count(*) FILTER (WHERE c.status = 'active' AND m.last_order_at < ${AS_OF_ISO}::timestamptz - interval '181 days')::int AS stale_active,
            count(*) FILTER (WHERE c.kind = 'individual')::int AS individuals
          FROM customers c JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
          WHERE c.${ws}`,
    );
    expect(life.pool).toBeGreaterThan(0.1);
    expect(life.pool).toBeLessThan(0.2);
    expect(life.potential).toBeGreaterThan(CUSTOMERS * 0.08);
    expect(life.potential_with_orders).toBe(0);
    expect(life.churned).toBeGreaterThan(CUSTOMERS * 0.1);
    expect(life.new).toBeGreaterThan(CUSTOMERS * 0.03);
    expect(life.stale_active).toBe(0);
    expect(life.individuals).toBeGreaterThan(0);

    // Owners: the demo's reps mostly, some managers, never the admin.
    const owners = await rows<{ role: string; n: number }>(
      t.db,
      sql`SELECT u.role, count(*)::int AS n FROM customers c
          JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id
          WHERE c.${ws} GROUP BY u.role`,
    );
    const byRole = Object.fromEntries(owners.map((r) => [r.role, r.n])) as Record<string, number>;
    expect(byRole.admin).toBeUndefined();
    expect(byRole.rep! / (byRole.rep! + (byRole.manager ?? 0))).toBeGreaterThan(0.75);

    // The rest of the 360° view is there too.
    const other = await one<
      Figures<
        | 'due_soon'
        | 'active_contracts'
        | 'overdue'
        | 'received'
        | 'issued'
        | 'invoices'
        | 'open_tickets'
        | 'rated'
        | 'decision_makers'
      >
    >(
      t.db,
      sql`SELECT
            (SELECT count(*) FROM followups WHERE ${ws} AND next_followup_on BETWEEN date '2026-03-16' AND date '2026-03-29')::int AS due_soon,
            (SELECT count(*) FROM contracts WHERE ${ws} AND status = 'active')::int AS active_contracts,
            (SELECT count(*) FROM payments WHERE ${ws} AND received_at IS NULL AND due_on < date '2026-03-15')::int AS overdue,
            (SELECT count(*) FROM payments WHERE ${ws} AND received_at IS NOT NULL)::int AS received,
            (SELECT count(*) FROM invoices WHERE ${ws} AND status = 'issued')::int AS issued,
            (SELECT count(*) FROM invoices WHERE ${ws})::int AS invoices,
            (SELECT count(*) FROM tickets WHERE ${ws} AND status IN ('open', 'in_progress'))::int AS open_tickets,
            (SELECT count(*) FROM tickets WHERE ${ws} AND satisfaction BETWEEN 1 AND 5)::int AS rated,
            (SELECT count(*) FROM contacts WHERE ${ws} AND is_decision_maker)::int AS decision_makers`,
    );
    expect(other.due_soon).toBeGreaterThan(10);
    expect(other.active_contracts).toBeGreaterThan(0);
    expect(other.overdue).toBeGreaterThan(0);
    expect(other.received).toBeGreaterThan(other.overdue * 5);
    expect(other.issued / other.invoices).toBeGreaterThan(0.8);
    expect(other.open_tickets).toBeGreaterThan(0);
    expect(other.rated).toBeGreaterThan(other.open_tickets);
    expect(other.decision_makers).toBe(CUSTOMERS);
  });

  it('keeps money exact and the records consistent with each other', async () => {
    const { workspaceId } = await load(t.db);
    const ws = sql`workspace_id = ${workspaceId}`;
    const checks = await one<
      Figures<'excluded' | 'cancelled_refunded' | 'instalments'> & Record<string, unknown>
    >(
      t.db,
      sql`SELECT
        -- every order's amount is the sum of its 1–4 lines; each line is quantity × unit price
        (SELECT count(*) FROM orders o WHERE o.${ws} AND o.amount IS DISTINCT FROM
          (SELECT sum(l.amount) FROM order_lines l WHERE l.workspace_id = o.workspace_id AND l.order_id = o.id))::int AS amount_mismatch,
        (SELECT count(*) FROM orders o WHERE o.${ws} AND (SELECT count(*) FROM order_lines l
          WHERE l.workspace_id = o.workspace_id AND l.order_id = o.id) NOT BETWEEN 1 AND 4)::int AS line_count_off,
        (SELECT count(*) FROM order_lines WHERE ${ws} AND amount <> quantity * unit_price)::int AS line_mismatch,
        -- customer_metrics: paid and completed orders only
        (SELECT count(*) FROM customer_metrics m CROSS JOIN LATERAL (SELECT COALESCE(sum(amount), 0) AS total, count(*) AS n
          FROM orders o WHERE o.workspace_id = m.workspace_id AND o.customer_id = m.customer_id AND o.${COUNTED}) s
          WHERE m.${ws} AND (m.total_spend <> s.total OR m.order_count <> s.n))::int AS metrics_mismatch,
        (SELECT sum(amount) FROM orders WHERE ${ws})::float8 - (SELECT sum(total_spend) FROM customer_metrics WHERE ${ws})::float8 AS excluded,
        (SELECT sum(amount) FROM orders WHERE ${ws} AND status IN ('cancelled', 'refunded'))::float8 AS cancelled_refunded,
        -- time runs forward: created before the first order, nothing after the as-of moment
        (SELECT count(*) FROM customers c WHERE c.${ws} AND c.created_at > (SELECT min(ordered_at) FROM orders o
          WHERE o.workspace_id = c.workspace_id AND o.customer_id = c.id))::int AS created_late,
        (SELECT count(*) FROM orders WHERE ${ws} AND ordered_at > ${AS_OF_ISO}::timestamptz)::int AS future_orders,
        (SELECT count(*) FROM followups WHERE ${ws} AND occurred_at > ${AS_OF_ISO}::timestamptz)::int AS future_followups,
        (SELECT count(*) FROM payments WHERE ${ws} AND received_at > ${AS_OF_ISO}::timestamptz)::int AS future_payments,
        (SELECT min(ordered_at) FROM orders WHERE ${ws}) >= ${AS_OF_ISO}::timestamptz - interval '731 days' AS two_years,
        (SELECT count(*) FROM followups WHERE ${ws}
          AND next_followup_on <= (occurred_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS reminder_before_followup,
        (SELECT count(*) FROM contracts WHERE ${ws} AND (ends_on <= starts_on OR signed_on > starts_on))::int AS contract_dates_off,
        (SELECT count(*) FROM tickets WHERE ${ws} AND (resolved_at < opened_at
          OR (resolved_at IS NULL) <> (status IN ('open', 'in_progress'))))::int AS ticket_dates_off,
        -- the ownership history ends with the current owner (or the release to the pool)
        (SELECT count(*) FROM customers c WHERE c.${ws} AND c.owner_id IS DISTINCT FROM (SELECT h.to_owner_id
          FROM customer_owner_changes h WHERE h.workspace_id = c.workspace_id AND h.customer_id = c.id
          ORDER BY h.at DESC LIMIT 1))::int AS owner_history_off,
        (SELECT count(*) FROM customer_owner_changes WHERE ${ws} AND at > ${AS_OF_ISO}::timestamptz)::int AS future_owner_changes,
        -- business hours in China time
        (SELECT count(*) FROM orders WHERE ${ws} AND extract(hour FROM ordered_at AT TIME ZONE 'Asia/Shanghai') NOT BETWEEN 8 AND 21)::int AS odd_order_hours,
        (SELECT count(*) FROM followups WHERE ${ws} AND extract(hour FROM occurred_at AT TIME ZONE 'Asia/Shanghai') NOT BETWEEN 9 AND 18)::int AS odd_followup_hours,
        -- references the schema leaves to the application (no foreign key)
        (SELECT count(*) FROM followups f WHERE f.${ws} AND NOT EXISTS (SELECT 1 FROM users u
          WHERE u.workspace_id = f.workspace_id AND u.id = f.user_id))::int AS followup_without_user,
        (SELECT count(*) FROM order_lines l WHERE l.${ws} AND NOT EXISTS (SELECT 1 FROM products p
          WHERE p.workspace_id = l.workspace_id AND p.id = l.product_id))::int AS line_without_product,
        (SELECT count(*) FROM payments p WHERE p.${ws} AND p.order_id IS NOT NULL AND p.amount > 0 AND p.amount <> (SELECT amount FROM orders o
          WHERE o.workspace_id = p.workspace_id AND o.id = p.order_id))::int AS payment_mismatch,
        (SELECT count(*) FROM payments p WHERE p.${ws} AND p.contract_id IS NOT NULL)::int AS instalments,
        (SELECT count(*) FROM contracts k WHERE k.${ws} AND k.status <> 'draft' AND k.amount <> (SELECT sum(amount) FROM payments p
          WHERE p.workspace_id = k.workspace_id AND p.contract_id = k.id) AND k.status <> 'terminated')::int AS instalments_off`,
    );
    expect(checks).toMatchObject({
      amount_mismatch: 0,
      line_count_off: 0,
      line_mismatch: 0,
      metrics_mismatch: 0,
      created_late: 0,
      owner_history_off: 0,
      future_owner_changes: 0,
      reminder_before_followup: 0,
      contract_dates_off: 0,
      ticket_dates_off: 0,
      future_orders: 0,
      future_followups: 0,
      future_payments: 0,
      two_years: true,
      odd_order_hours: 0,
      odd_followup_hours: 0,
      followup_without_user: 0,
      line_without_product: 0,
      payment_mismatch: 0,
      instalments_off: 0,
    });
    expect(checks.instalments).toBeGreaterThan(0);
    // Cancelled and refunded orders exist and are exactly what the metrics leave out.
    expect(checks.cancelled_refunded).toBeGreaterThan(0);
    expect(checks.excluded).toBeCloseTo(checks.cancelled_refunded, 2);

    // Numbers: unique per workspace (the constraints), shaped as the business writes them, by year.
    const numbers = await one<Record<string, unknown>>(
      t.db,
      sql`SELECT
        (SELECT count(*) FROM orders WHERE ${ws} AND (order_no !~ '^SO[0-9]{10}$'
          OR substr(order_no, 3, 4) <> to_char(ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY')))::int AS bad_order_no,
        (SELECT count(*) FROM contracts WHERE ${ws} AND contract_no !~ '^HT[0-9]{4}-[0-9]{4}$')::int AS bad_contract_no,
        (SELECT count(*) FROM customers WHERE ${ws} AND external_id IS NOT NULL AND external_id !~ '^ERP-[0-9]{6}$')::int AS bad_external_id,
        (SELECT count(*) FROM customers WHERE ${ws} AND phone !~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-[2-8][0-9]{7})$')::int AS bad_phone,
        (SELECT count(*) FROM invoices WHERE ${ws} AND (invoice_no IS NULL) <> (status = 'requested'))::int AS bad_invoice_no`,
    );
    expect(numbers).toEqual({
      bad_order_no: 0,
      bad_contract_no: 0,
      bad_external_id: 0,
      bad_phone: 0,
      bad_invoice_no: 0,
    });
    // Order numbers follow time within a year.
    const seq = await rows<{ order_no: string }>(
      t.db,
      sql`SELECT order_no FROM orders WHERE ${ws} ORDER BY ordered_at, order_no`,
    );
    const sorted = seq.map((r) => r.order_no);
    expect(sorted).toEqual([...sorted].sort());
  });

  it(
    'classifies the demo: rule tags, segments and last quarter’s review to migrate from',
    { timeout: 120_000 },
    async () => {
      const summary = await load(t.db);
      expect(summary).toMatchObject({ tags: 6, segments: 4, snapshots: 1 });
      const f = await one<Figures<'placed' | 'tagged' | 'members' | 'invited' | 'moved' | 'pastChanges'>>(
        t.db,
        sql`SELECT
        (SELECT count(*) FROM customer_metrics WHERE tiers ? 'value' AND tiers ? 'lifecycle')::int AS placed,
        (SELECT count(DISTINCT customer_id) FROM customer_tags WHERE source = 'rule')::int AS tagged,
        (SELECT count(*) FROM segment_members sm JOIN segments s ON s.id = sm.segment_id WHERE s.kind = 'dynamic')::int AS members,
        (SELECT member_count FROM segments WHERE name = '年会邀约名单') AS invited,
        (SELECT count(*) FROM tier_snapshot_rows r JOIN customer_metrics m ON m.customer_id = r.customer_id
          WHERE r.tiers->>'lifecycle' IS DISTINCT FROM m.tiers->>'lifecycle')::int AS moved,
        (SELECT count(*) FROM tier_changes WHERE at < '2026-01-01')::int AS "pastChanges"`,
      );
      expect(f.placed).toBe(CUSTOMERS);
      expect(f.tagged).toBeGreaterThan(CUSTOMERS / 2);
      expect(f.members).toBeGreaterThan(0);
      expect(f.invited).toBe(40);
      // A quarter moves people between lifecycle stages; the history keeps when.
      expect(f.moved).toBeGreaterThan(10);
      expect(f.pastChanges).toBeGreaterThan(0);
      const [snap] = await rows<{ label: string; as_of: string }>(
        t.db,
        sql`SELECT label, as_of::text FROM tier_snapshots`,
      );
      expect(snap).toEqual({ label: '2025 Q4 季度盘点', as_of: '2025-12-14' });
      // The review froze the spend up to its day, not today's: the migration matrix has revenue to show.
      const spend = await one<Figures<'later' | 'wrong'>>(
        t.db,
        sql`SELECT
        (SELECT count(*) FROM tier_snapshot_rows r JOIN customer_metrics m ON m.customer_id = r.customer_id
          WHERE r.total_spend < m.total_spend)::int AS later,
        (SELECT count(*) FROM tier_snapshot_rows r WHERE r.total_spend IS DISTINCT FROM COALESCE((
          SELECT sum(o.amount) FROM orders o WHERE o.customer_id = r.customer_id
            AND o.status IN ('paid', 'completed') AND o.amount > 0
            AND (o.ordered_at AT TIME ZONE 'Asia/Shanghai')::date <= '2025-12-14'), 0))::int AS wrong`,
      );
      expect(spend.later).toBeGreaterThan(10);
      expect(spend.wrong).toBe(0);
    },
  );

  it('loads in one transaction: a failure at the end leaves nothing behind', async () => {
    const { workspaceId } = await loadDemo(t.db, { seed: SEED, password: 'demo-pass-1', customers: 0 });
    const spy = vi.spyOn(metricsRepository, 'recompute').mockRejectedValueOnce(new Error('boom'));
    try {
      await expect(
        loadCustomerDemo(t.db, workspaceId, { customers: 100, seed: SEED, asOf: AS_OF }),
      ).rejects.toThrow('boom');
    } finally {
      spy.mockRestore();
    }
    const left = await one<Figures<'customers' | 'orders' | 'products' | 'followups'>>(
      t.db,
      sql`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM orders)::int AS orders,
                 (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM followups)::int AS followups`,
    );
    expect(left).toEqual({ customers: 0, orders: 0, products: 0, followups: 0 });
    // …and a retry then loads everything.
    const counts = await loadCustomerDemo(t.db, workspaceId, { customers: 100, seed: SEED, asOf: AS_OF });
    expect(counts).toMatchObject({ customers: 100, products: 31 });
  });
});
