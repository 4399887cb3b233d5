import { describe, expect, it } from 'vitest';
import { call, login, useTestApp } from '../../../test/harness.ts';
import { createOrg, PASSWORD } from '../../../test/fixtures.ts';

describe('customer 360 smoke', () => {
  const t = useTestApp();
  it('every record type round-trips and lands on the timeline and metrics', async () => {
    const org = await createOrg(t.db);
    const rep = await login(t.app, org.repA.email, PASSWORD);
    const cu = await call(t.app, rep, 'POST', '/api/v1/customers', {
      name: '杭州恒瑞机械有限公司',
      province: '浙江',
    });
    expect(cu.statusCode, cu.body).toBe(201);
    const customerId = cu.json().id;
    const post = async (path: string, body: object) => {
      const res = await call(t.app, rep, 'POST', `/api/v1/${path}`, { customerId, ...body });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(201);
      return res.json();
    };
    const contact = await post('contacts', { name: '王伟', title: '采购经理', isDecisionMaker: true });
    await post('followups', {
      type: 'call',
      content: '电话沟通采购计划',
      contactId: contact.id,
      nextFollowupOn: '2030-01-01',
    });
    const order = await post('orders', {
      orderNo: 'SO-1',
      orderedAt: '2026-03-01T00:30:00+08:00',
      status: 'completed',
      lines: [
        { productName: '螺丝', quantity: '3', unitPrice: '19.99' },
        { productName: '扳手', quantity: '0.5', unitPrice: '0.01' },
      ],
    });
    expect(order.amount).toBe('59.98');
    const contract = await post('contracts', {
      contractNo: 'HT-1',
      title: '年度框架',
      amount: '100000',
      status: 'active',
      signedOn: '2026-01-05',
    });
    await post('payments', {
      contractId: contract.id,
      amount: '5000',
      receivedAt: '2026-02-01T10:00:00+08:00',
    });
    await post('payments', { contractId: contract.id, amount: '5000', dueOn: '2020-01-01' });
    await post('invoices', { kind: 'vat_special', amount: '5000', status: 'issued', invoiceNo: 'FP-1' });
    await post('tickets', { kind: 'complaint', subject: '交货延迟' });

    const c = (await call(t.app, rep, 'GET', `/api/v1/customers/${customerId}`)).json();
    expect(c).toMatchObject({
      lifetimeSpend: '59.98',
      openTickets: 1,
      lastOrderAt: '2026-02-28T16:30:00.000Z',
    });
    const tl = (await call(t.app, rep, 'GET', `/api/v1/customers/${customerId}/timeline?pageSize=50`)).json();
    expect(new Set(tl.items.map((i: { kind: string }) => i.kind))).toEqual(
      new Set(['followup', 'order', 'payment', 'ticket', 'contract', 'owner_change']),
    );
    const pays = (await call(t.app, rep, 'GET', `/api/v1/customers/${customerId}/payments`)).json();
    expect(pays.items.map((p: { state: string }) => p.state).sort()).toEqual(['overdue', 'received']);
    const ct = (await call(t.app, rep, 'GET', `/api/v1/contracts/${contract.id}`)).json();
    expect(ct.receivedAmount).toBe('5000.00');
    const mismatch = await call(t.app, rep, 'POST', '/api/v1/orders', {
      customerId,
      orderNo: 'SO-2',
      orderedAt: '2026-03-01T00:30:00+08:00',
      status: 'paid',
      amount: '1',
      lines: [{ productName: 'x', quantity: '1', unitPrice: '2' }],
    });
    expect(mismatch.statusCode).toBe(400);
    const badRule = encodeURIComponent(JSON.stringify({ and: [{ field: 'nope', op: 'eq', value: 1 }] }));
    const zh = await call(t.app, rep, 'GET', `/api/v1/customers?filter=${badRule}`);
    expect(zh.json().error.details[0]).toMatchObject({
      path: 'filter.and[0].field',
      code: 'invalid_rule',
      message: '筛选条件有误：没有这个字段',
    });
    const en = await call(t.app, { ...rep, lang: 'en' }, 'GET', `/api/v1/customers?filter=${badRule}`);
    expect(en.json().error.details[0].message).toBe('Invalid filter: no such field');
    expect(mismatch.json().error.details[0]).toMatchObject({ path: 'amount', code: 'amount_mismatch' });

    // another rep cannot read it by id
    const other = await login(t.app, org.repB.email, PASSWORD);
    expect((await call(t.app, other, 'GET', `/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await call(t.app, other, 'GET', `/api/v1/orders?customerId=${customerId}`)).json().total).toBe(0);
  });
});

describe('order amount stays consistent with its lines', () => {
  const t = useTestApp();
  it('refuses a new amount that disagrees with the stored lines, accepts one that agrees', async () => {
    const org = await createOrg(t.db);
    const rep = await login(t.app, org.repA.email, PASSWORD);
    const customerId = (await call(t.app, rep, 'POST', '/api/v1/customers', { name: '宁波甬新贸易' })).json()
      .id;
    const order = (
      await call(t.app, rep, 'POST', '/api/v1/orders', {
        customerId,
        orderNo: 'SO-9',
        orderedAt: '2026-03-01T10:00:00+08:00',
        status: 'paid',
        lines: [{ productName: '纸箱', quantity: '10', unitPrice: '2.50' }],
      })
    ).json();
    const wrong = await call(t.app, rep, 'PATCH', `/api/v1/orders/${order.id}`, {
      version: order.version,
      amount: '99',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ path: 'amount', code: 'amount_mismatch' });
    const same = await call(t.app, rep, 'PATCH', `/api/v1/orders/${order.id}`, {
      version: order.version,
      amount: '25',
      status: 'completed',
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({
      amount: '25.00',
      status: 'completed',
      lines: [{ productName: '纸箱', amount: '25.00' }],
    });
  });
});

describe('order lines name existing products', () => {
  const t = useTestApp();
  it('answers an unknown product id with a located 400', async () => {
    const org = await createOrg(t.db);
    const rep = await login(t.app, org.repA.email, PASSWORD);
    const customerId = (await call(t.app, rep, 'POST', '/api/v1/customers', { name: '温州瓯海鞋业' })).json()
      .id;
    const res = await call(t.app, rep, 'POST', '/api/v1/orders', {
      customerId,
      orderNo: 'SO-P',
      orderedAt: '2026-03-01T10:00:00+08:00',
      status: 'paid',
      lines: [
        { productName: '鞋盒', quantity: '1', unitPrice: '1' },
        {
          productId: '00000000-0000-4000-8000-000000000000',
          productName: '鞋带',
          quantity: '1',
          unitPrice: '1',
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_REFERENCE',
      details: [{ path: 'lines.1.productId', code: 'not_found' }],
    });
  });
});
