import type { TimelineEntry } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  CUSTOMERS,
  expectError,
  expectIssue,
  list,
  useWorld,
} from '../../../test/customer-fixtures.ts';

describe('customer timeline', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const seed = async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '时间线客户' });
    const post = (path: string, body: Record<string, unknown>) =>
      createRecord(t.app, repA, path, { customerId: c.id, ...body });
    const contract = await post('contracts', {
      contractNo: 'HT-TL',
      title: '年度框架协议',
      amount: '100000',
      status: 'active',
      signedOn: '2026-01-05',
    });
    const fu = await post('followups', {
      type: 'call',
      content: '电话沟通',
      occurredAt: '2026-01-03T10:00:00+08:00',
    });
    const order = await post('orders', {
      orderNo: 'SO-TL',
      orderedAt: '2026-01-10T09:00:00+08:00',
      status: 'paid',
      amount: '2500.5',
    });
    const paid = await post('payments', {
      contractId: contract.id,
      amount: '5000',
      receivedAt: '2026-01-20T15:00:00+08:00',
      method: '银行转账',
    });
    // Planned only: not on the timeline until the money arrives.
    await post('payments', { contractId: contract.id, amount: '5000', dueOn: '2026-06-30' });
    const ticket = await post('tickets', {
      kind: 'complaint',
      subject: '交货延迟',
      openedAt: '2026-01-25T08:00:00+08:00',
    });
    // A draft contract with no signing day is not an event either.
    await post('contracts', { contractNo: 'HT-DRAFT', title: '草稿', amount: '1', status: 'draft' });
    return { repA, c, contract, fu, order, paid, ticket };
  };

  it('merges every kind of event, newest first, with titles, amounts and authors', async () => {
    const { repA, c, contract, fu, order, paid, ticket } = await seed();
    const tl = await list<TimelineEntry>(t.app, repA, `${CUSTOMERS}/${c.id}/timeline?pageSize=50`);
    expect(tl.total).toBe(6);
    const [created, ...rest] = tl.items;
    // The owner was set when the customer was created: now, the newest event.
    expect(created).toMatchObject({
      kind: 'owner_change',
      title: w.org.repA.name,
      detail: '',
      userName: w.org.repA.name,
    });
    expect(rest).toEqual([
      {
        kind: 'ticket',
        id: ticket.id,
        at: '2026-01-25T00:00:00.000Z',
        title: '交货延迟',
        detail: 'complaint:open',
        amount: null,
        userName: null,
      },
      {
        kind: 'payment',
        id: paid.id,
        at: '2026-01-20T07:00:00.000Z',
        title: 'HT-TL',
        detail: '银行转账',
        amount: '5000.00',
        userName: null,
      },
      {
        kind: 'order',
        id: order.id,
        at: '2026-01-10T01:00:00.000Z',
        title: 'SO-TL',
        detail: 'paid',
        amount: '2500.50',
        userName: null,
      },
      {
        kind: 'contract',
        id: contract.id,
        // Signed on 2026-01-05: the start of that day in the workspace's zone (Asia/Shanghai).
        at: '2026-01-04T16:00:00.000Z',
        title: 'HT-TL',
        detail: '年度框架协议',
        amount: '100000.00',
        userName: null,
      },
      {
        kind: 'followup',
        id: fu.id,
        at: '2026-01-03T02:00:00.000Z',
        title: 'call',
        detail: '电话沟通',
        amount: null,
        userName: w.org.repA.name,
      },
    ]);
  });

  it('is paged', async () => {
    const { repA, c } = await seed();
    const pages = [];
    for (let p = 1; p <= 3; p++) {
      const page = await list<TimelineEntry>(
        t.app,
        repA,
        `${CUSTOMERS}/${c.id}/timeline?page=${p}&pageSize=2`,
      );
      expect(page).toMatchObject({ total: 6, page: p, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      pages.push(...page.items);
    }
    expect(pages.map((e) => e.kind)).toEqual([
      'owner_change',
      'ticket',
      'payment',
      'order',
      'contract',
      'followup',
    ]);
    const ats = pages.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect((await list(t.app, repA, `${CUSTOMERS}/${c.id}/timeline?page=4&pageSize=2`)).items).toEqual([]);
    expectIssue(await call(t.app, repA, 'GET', `${CUSTOMERS}/${c.id}/timeline?pageSize=0`), 'pageSize');
    expectIssue(await call(t.app, repA, 'GET', `${CUSTOMERS}/${c.id}/timeline?sort=at`), 'sort');
  });

  it('only for customers the caller may see (404 otherwise); the pool is readable by all', async () => {
    const { c } = await seed();
    for (const who of ['repB', 'repA2', 'managerB', 'loneRep'] as const) {
      expectError(
        await call(t.app, await w.as(who), 'GET', `${CUSTOMERS}/${c.id}/timeline`),
        404,
        'NOT_FOUND',
      );
    }
    for (const who of ['managerA', 'admin'] as const) {
      expect((await list(t.app, await w.as(who), `${CUSTOMERS}/${c.id}/timeline`)).total).toBe(6);
    }
    const pool = await createCustomer(t.app, await w.as('managerA'), { name: '公海', ownerId: null });
    const tl = await list<TimelineEntry>(t.app, await w.as('repB'), `${CUSTOMERS}/${pool.id}/timeline`);
    expect(tl.total).toBe(0);
    expectError(await call(t.app, null, 'GET', `${CUSTOMERS}/${c.id}/timeline`), 401, 'UNAUTHENTICATED');
  });
});
