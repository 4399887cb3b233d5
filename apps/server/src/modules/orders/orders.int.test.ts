import type { Order } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  CUSTOMERS,
  describeChildResource,
  expectIssue,
  getCustomer,
  list,
  useWorld,
} from '../../../test/customer-fixtures.ts';

const line = (productName: string, quantity: string | number, unitPrice: string | number) => ({
  productName,
  quantity,
  unitPrice,
});

describe('orders', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'orders',
    entity: 'order',
    valid: async () => ({
      orderNo: 'SO-1',
      orderedAt: '2026-03-01T00:30:00+08:00',
      status: 'completed',
      lines: [line('螺丝', '3', '19.99')],
    }),
    patch: { status: 'paid', notes: '加急' },
    invalid: [
      [{ orderNo: undefined }, 'orderNo'],
      [{ orderNo: '' }, 'orderNo'],
      [{ orderedAt: undefined }, 'orderedAt'],
      [{ orderedAt: '2026-03-01' }, 'orderedAt'],
      [{ status: undefined }, 'status'],
      [{ status: 'shipped' }, 'status'],
      [{ currency: 'rmb' }, 'currency'],
      [{ amount: '59.975' }, 'amount'],
      [{ amount: '12abc' }, 'amount'],
      [{ lines: [line('螺丝', '1', '1.001')] }, 'lines.0.unitPrice'],
      [{ lines: [line('螺丝', '1.0001', '1')] }, 'lines.0.quantity'],
      [{ lines: [line('', '1', '1')] }, 'lines.0.productName'],
      [{ lines: [{ ...line('螺丝', '1', '1'), discount: '0.5' }] }, 'lines.0.discount'],
      [{ lines: 'many' }, 'lines'],
    ],
  });

  const newOrder = (s: Session, customerId: string, body: Record<string, unknown>) =>
    call(t.app, s, 'POST', '/api/v1/orders', {
      customerId,
      orderNo: `SO-${Math.random().toString(36).slice(2, 10)}`,
      orderedAt: '2026-03-01T00:30:00+08:00',
      status: 'completed',
      ...body,
    });

  it('the amount is the exact sum of the lines, each rounded to the cent', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const res = await newOrder(repA, c.id, {
      lines: [
        line('螺丝', '3', '19.99'),
        line('垫片', '0.333', '10'),
        line('铆钉', '0.5', '0.01'),
        line('运费', '1', '0.1'),
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json() as Order;
    expect(o.amount).toBe('63.41');
    expect(o.currency).toBe('CNY');
    expect(o.lines.map((l) => [l.position, l.productName, l.unitPrice, l.amount])).toEqual([
      [1, '螺丝', '19.99', '59.97'],
      [2, '垫片', '10.00', '3.33'],
      [3, '铆钉', '0.01', '0.01'],
      [4, '运费', '0.10', '0.10'],
    ]);
    expect(Number(o.lines[1]!.quantity)).toBe(0.333);
    const one = await newOrder(repA, c.id, { lines: [line('垫片', '0.333', '10')] });
    expect(one.json().amount).toBe('3.33');
    // A given amount must agree with the lines.
    const agreeing = await newOrder(repA, c.id, { amount: '59.97', lines: [line('螺丝', '3', '19.99')] });
    expect(agreeing.statusCode, agreeing.body).toBe(201);
    const numeric = await newOrder(repA, c.id, { amount: 59.97, lines: [line('螺丝', 3, 19.99)] });
    expect(numeric.statusCode, numeric.body).toBe(201);
    expect(numeric.json().amount).toBe('59.97');
    expectIssue(
      await newOrder(repA, c.id, { amount: '59.98', lines: [line('螺丝', '3', '19.99')] }),
      'amount',
      'amount_mismatch',
    );
    // Without lines the amount is required, and kept as given.
    expectIssue(await newOrder(repA, c.id, {}), 'amount', 'required');
    expectIssue(await newOrder(repA, c.id, { lines: [] }), 'amount', 'required');
    const plain = await newOrder(repA, c.id, { amount: '1999.9' });
    expect(plain.json()).toMatchObject({ amount: '1999.90', lines: [] });
    expect((await list(t.app, repA, `${CUSTOMERS}/${c.id}/orders`)).total).toBe(5);
  });

  it('an order number is unique in the workspace', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '甲' });
    await newOrder(repA, c.id, { orderNo: 'SO-DUP', amount: '1' });
    expectIssue(await newOrder(repA, c.id, { orderNo: 'SO-DUP', amount: '2' }), 'orderNo', 'duplicate');
    // Also on another team's customer: the number is taken in the workspace.
    const repB = await w.as('repB');
    const theirs = await createCustomer(t.app, repB, { name: '乙' });
    expectIssue(await newOrder(repB, theirs.id, { orderNo: 'SO-DUP', amount: '2' }), 'orderNo', 'duplicate');
    const second = (await newOrder(repA, c.id, { orderNo: 'SO-2', amount: '1' })).json();
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/orders/${second.id}`, { version: 1, orderNo: 'SO-DUP' }),
      'orderNo',
      'duplicate',
    );
    expect((await list(t.app, await w.as('admin'), '/api/v1/orders')).total).toBe(2);
  });

  it('new lines on PATCH replace the old ones and recompute the amount', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const o = (await newOrder(repA, c.id, { lines: [line('螺丝', '3', '19.99')] })).json() as Order;
    const url = `/api/v1/orders/${o.id}`;
    const res = await call(t.app, repA, 'PATCH', url, {
      version: 1,
      lines: [line('扳手', '2', '35.5'), line('钳子', '1', '0.05')],
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as Order;
    expect(updated.amount).toBe('71.05');
    expect(updated.lines.map((l) => [l.position, l.productName, l.amount])).toEqual([
      [1, '扳手', '71.00'],
      [2, '钳子', '0.05'],
    ]);
    expect((await getCustomer(t.app, repA, c.id)).lifetimeSpend).toBe('71.05');
    expectIssue(
      await call(t.app, repA, 'PATCH', url, { version: 2, amount: '1.00', lines: [line('扳手', '1', '2')] }),
      'amount',
      'amount_mismatch',
    );
    // Other changes leave the lines alone.
    const notes = await call(t.app, repA, 'PATCH', url, { version: 2, notes: '备注' });
    expect(notes.json()).toMatchObject({ amount: '71.05', notes: '备注' });
    expect(notes.json().lines).toHaveLength(2);
  });

  it('an amount alone cannot contradict the order’s lines', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const o = (await newOrder(repA, c.id, { lines: [line('螺丝', '3', '19.99')] })).json() as Order;
    const res = await call(t.app, repA, 'PATCH', `/api/v1/orders/${o.id}`, { version: 1, amount: '1.00' });
    expectIssue(res, 'amount', 'amount_mismatch');
    const now = (await call(t.app, repA, 'GET', `/api/v1/orders/${o.id}`)).json() as Order;
    expect(now.amount).toBe('59.97');
    expect((await getCustomer(t.app, repA, c.id)).lifetimeSpend).toBe('59.97');
  });

  it('says in Server-Timing how long placing the customer took; a read that places nothing says nothing', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const res = await newOrder(repA, c.id, { amount: '10' });
    expect(res.statusCode, res.body).toBe(201);
    const steps = Object.fromEntries(
      String(res.headers['server-timing'])
        .split(', ')
        .map((part) => {
          const [name, dur] = part.split(';dur=');
          return [name, Number(dur)];
        }),
    );
    // (placement-segments too, in a workspace with dynamic segments.)
    expect(Object.keys(steps).sort()).toEqual([
      'placement',
      'placement-metrics',
      'placement-schemes',
      'placement-tags',
    ]);
    expect(steps.placement).toBeGreaterThan(0);
    // The steps are parts of the whole.
    const parts = steps['placement-metrics']! + steps['placement-schemes']! + steps['placement-tags']!;
    expect(parts).toBeLessThanOrEqual(steps.placement! + 0.3);
    const read = await call(t.app, repA, 'GET', `${CUSTOMERS}/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['server-timing']).toBeUndefined();
  });

  it('the customer’s lifetime spend and last order follow its paid and completed orders', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const figures = async () => {
      const { lifetimeSpend, lastOrderAt } = await getCustomer(t.app, repA, c.id);
      return { lifetimeSpend, lastOrderAt };
    };
    const a = (await newOrder(repA, c.id, { amount: '100', orderedAt: '2026-03-01T00:30:00+08:00' })).json();
    expect(await figures()).toEqual({ lifetimeSpend: '100.00', lastOrderAt: '2026-02-28T16:30:00.000Z' });
    const b = (
      await newOrder(repA, c.id, { amount: '50.55', status: 'paid', orderedAt: '2026-04-01T12:00:00Z' })
    ).json();
    expect(await figures()).toEqual({ lifetimeSpend: '150.55', lastOrderAt: '2026-04-01T12:00:00.000Z' });
    // Cancelled and refunded orders are not revenue, however recent.
    await newOrder(repA, c.id, { amount: '9999', status: 'cancelled', orderedAt: '2026-05-01T00:00:00Z' });
    await newOrder(repA, c.id, { amount: '8888', status: 'refunded', orderedAt: '2026-05-02T00:00:00Z' });
    expect(await figures()).toEqual({ lifetimeSpend: '150.55', lastOrderAt: '2026-04-01T12:00:00.000Z' });

    const refunded = await call(t.app, repA, 'PATCH', `/api/v1/orders/${b.id}`, {
      version: 1,
      status: 'refunded',
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(await figures()).toEqual({ lifetimeSpend: '100.00', lastOrderAt: '2026-02-28T16:30:00.000Z' });
    const bigger = await call(t.app, repA, 'PATCH', `/api/v1/orders/${a.id}`, {
      version: 1,
      lines: [line('设备', '2', '1000')],
    });
    expect(bigger.statusCode, bigger.body).toBe(200);
    expect(await figures()).toEqual({ lifetimeSpend: '2000.00', lastOrderAt: '2026-02-28T16:30:00.000Z' });
    const moved = await call(t.app, repA, 'PATCH', `/api/v1/orders/${a.id}`, {
      version: 2,
      orderedAt: '2026-06-30T23:59:59+08:00',
    });
    expect(moved.json().orderedAt).toBe('2026-06-30T15:59:59.000Z');
    expect((await figures()).lastOrderAt).toBe('2026-06-30T15:59:59.000Z');
    expect((await call(t.app, repA, 'DELETE', `/api/v1/orders/${a.id}`)).statusCode).toBe(204);
    expect(await figures()).toEqual({ lifetimeSpend: '0.00', lastOrderAt: null });
  });

  it('concurrent orders on one customer all count in its lifetime spend', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const amounts = ['100', '200', '300', '400', '500', '600', '700', '800'];
    const results = await Promise.all(amounts.map((amount) => newOrder(repA, c.id, { amount })));
    expect(results.map((r) => r.statusCode)).toEqual(amounts.map(() => 201));
    expect((await getCustomer(t.app, repA, c.id)).lifetimeSpend).toBe('3600.00');
    const deletes = await Promise.all(
      results.slice(0, 4).map((r) => call(t.app, repA, 'DELETE', `/api/v1/orders/${r.json().id}`)),
    );
    expect(deletes.map((r) => r.statusCode)).toEqual([204, 204, 204, 204]);
    expect((await getCustomer(t.app, repA, c.id)).lifetimeSpend).toBe('2600.00');
  });

  it('an order time with an offset is stored as the instant it names', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const o = (await newOrder(repA, c.id, { amount: '1', orderedAt: '2026-03-01T00:30:00+08:00' })).json();
    expect(o.orderedAt).toBe('2026-02-28T16:30:00.000Z');
    const z = (
      await newOrder(repA, c.id, { amount: '1', orderedAt: '2026-03-01T00:30:00.250-05:00' })
    ).json();
    expect(z.orderedAt).toBe('2026-03-01T05:30:00.250Z');
    const sorted = await list<Order>(t.app, repA, '/api/v1/orders?sort=orderedAt');
    expect(sorted.items.map((x) => x.id)).toEqual([o.id, z.id]);
  });

  it('an order that payments or invoices point at is not deleted with a server error', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const o = (await newOrder(repA, c.id, { amount: '100' })).json();
    const pay = await createRecord(t.app, repA, 'payments', {
      customerId: c.id,
      orderId: o.id,
      amount: '100',
    });
    const res = await call(t.app, repA, 'DELETE', `/api/v1/orders/${o.id}`);
    // Either refused with a client error or done, leaving no payment pointing at nothing.
    expect(res.statusCode, res.body).toBeLessThan(500);
    const payment = await call(t.app, repA, 'GET', `/api/v1/payments/${pay.id}`);
    if (res.statusCode === 204) expect(payment.json().orderId).toBeNull();
    else expect(payment.json().orderNo).toBe(o.orderNo);
  });
});
