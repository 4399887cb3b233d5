import type { Contract } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  describeChildResource,
  expectIssue,
  list,
  useWorld,
} from '../../../test/customer-fixtures.ts';

describe('contracts', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'contracts',
    entity: 'contract',
    valid: async () => ({
      contractNo: 'HT-2026-001',
      title: '年度框架协议',
      amount: '100000',
      status: 'active',
      signedOn: '2026-01-05',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
    patch: { title: '年度框架协议（修订）', status: 'completed', amount: '120000.50' },
    invalid: [
      [{ contractNo: undefined }, 'contractNo'],
      [{ title: undefined }, 'title'],
      [{ title: '' }, 'title'],
      [{ amount: undefined }, 'amount'],
      [{ amount: '1.234' }, 'amount'],
      [{ amount: '1,000' }, 'amount'],
      [{ status: 'signed' }, 'status'],
      [{ signedOn: '2026/01/05' }, 'signedOn'],
      [{ endsOn: '2026-02-30' }, 'endsOn'],
      [{ receivedAmount: '5' }, 'receivedAmount'],
    ],
  });

  it('receivedAmount sums the payments received against it, not the planned ones', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const ct = await createRecord<Contract>(t.app, repA, 'contracts', {
      customerId: c.id,
      contractNo: 'HT-1',
      title: '框架',
      amount: '100000',
      status: 'active',
    });
    expect(ct).toMatchObject({ amount: '100000.00', receivedAmount: '0.00', signedOn: null });
    const pay = (body: Record<string, unknown>) =>
      createRecord(t.app, repA, 'payments', { customerId: c.id, contractId: ct.id, ...body });
    await pay({ amount: '30000.10', receivedAt: '2026-02-01T10:00:00+08:00' });
    await pay({ amount: '0.15', receivedAt: '2026-02-02T10:00:00+08:00' });
    const planned = await pay({ amount: '20000', dueOn: '2099-01-01' });
    // A payment of the customer that is not against this contract does not count.
    await createRecord(t.app, repA, 'payments', {
      customerId: c.id,
      amount: '777',
      receivedAt: '2026-02-03T00:00:00Z',
    });
    const get = async () => (await call(t.app, repA, 'GET', `/api/v1/contracts/${ct.id}`)).json() as Contract;
    expect((await get()).receivedAmount).toBe('30000.25');

    const received = await call(t.app, repA, 'PATCH', `/api/v1/payments/${planned.id}`, {
      version: 1,
      receivedAt: '2026-03-01T00:00:00Z',
    });
    expect(received.statusCode, received.body).toBe(200);
    expect((await get()).receivedAmount).toBe('50000.25');
    expect((await call(t.app, repA, 'DELETE', `/api/v1/payments/${planned.id}`)).statusCode).toBe(204);
    expect((await get()).receivedAmount).toBe('30000.25');
    const listed = await list<Contract>(t.app, repA, `/api/v1/contracts?customerId=${c.id}`);
    expect(listed.items[0]!.receivedAmount).toBe('30000.25');
  });

  it('a contract number is unique in the workspace', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const body = { customerId: c.id, contractNo: 'HT-DUP', title: '甲', amount: '1', status: 'draft' };
    const first = await createRecord(t.app, repA, 'contracts', body);
    expectIssue(await call(t.app, repA, 'POST', '/api/v1/contracts', body), 'contractNo', 'duplicate');
    const second = await createRecord(t.app, repA, 'contracts', { ...body, contractNo: 'HT-2' });
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/contracts/${second.id}`, {
        version: 1,
        contractNo: 'HT-DUP',
      }),
      'contractNo',
      'duplicate',
    );
    expect((await list(t.app, repA, '/api/v1/contracts')).total).toBe(2);
    expect((await call(t.app, repA, 'GET', `/api/v1/contracts/${first.id}`)).json().contractNo).toBe(
      'HT-DUP',
    );
  });

  it('sorts and searches', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '宁波海天' });
    const post = (contractNo: string, title: string, signedOn: string | null) =>
      createRecord(t.app, repA, 'contracts', {
        customerId: c.id,
        contractNo,
        title,
        amount: '1',
        status: 'active',
        signedOn,
      });
    const a = await post('HT-A', '维保合同', '2026-01-01');
    const b = await post('HT-B', '采购合同', '2026-03-01');
    const n = await post('HT-N', '意向', null);
    const order = async (q: string) =>
      (await list(t.app, repA, `/api/v1/contracts?${q}`)).items.map((x) => x.id);
    expect(await order('')).toEqual([b.id, a.id, n.id]);
    expect(await order('sort=signedOn')).toEqual([a.id, b.id, n.id]);
    expect(await order('sort=-contractNo')).toEqual([n.id, b.id, a.id]);
    expect(await order(`q=${encodeURIComponent('维保')}`)).toEqual([a.id]);
    expect((await order(`q=${encodeURIComponent('海天')}`)).length).toBe(3);
  });

  it('a contract that payments point at is not deleted with a server error', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const ct = await createRecord(t.app, repA, 'contracts', {
      customerId: c.id,
      contractNo: 'HT-REF',
      title: '甲',
      amount: '100',
      status: 'active',
    });
    const pay = await createRecord(t.app, repA, 'payments', {
      customerId: c.id,
      contractId: ct.id,
      amount: '100',
    });
    const res = await call(t.app, repA, 'DELETE', `/api/v1/contracts/${ct.id}`);
    expect(res.statusCode, res.body).toBeLessThan(500);
    const payment = (await call(t.app, repA, 'GET', `/api/v1/payments/${pay.id}`)).json();
    if (res.statusCode === 204) expect(payment.contractId).toBeNull();
    else expect(payment.contractNo).toBe('HT-REF');
  });
});
