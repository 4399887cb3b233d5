import type { Payment } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  CUSTOMERS,
  describeChildResource,
  expectError,
  expectIssue,
  list,
  NO_SUCH_ID,
  useWorld,
} from '../../../test/customer-fixtures.ts';

const uniq = () => Math.random().toString(36).slice(2, 10);

describe('payments', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'payments',
    entity: 'payment',
    valid: async (world, customerId) => {
      const contract = await createRecord(t.app, await world.as('admin'), 'contracts', {
        customerId,
        contractNo: `HT-${uniq()}`,
        title: '框架',
        amount: '10000',
        status: 'active',
      });
      return { contractId: contract.id, amount: '5000', dueOn: '2099-12-31', method: '银行转账' };
    },
    patch: { receivedAt: '2026-02-01T02:00:00.000Z', notes: '已到账' },
    invalid: [
      [{ amount: undefined }, 'amount'],
      [{ amount: '10.001' }, 'amount'],
      [{ amount: 'ten' }, 'amount'],
      [{ dueOn: 'tomorrow' }, 'dueOn'],
      [{ receivedAt: '2026-02-01' }, 'receivedAt'],
      [{ contractId: 'HT-1' }, 'contractId'],
      [{ orderId: 42 }, 'orderId'],
      [{ state: 'received' }, 'state'],
    ],
  });

  it('is planned, overdue or received', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const post = (body: Record<string, unknown>) =>
      createRecord<Payment>(t.app, repA, 'payments', { customerId: c.id, amount: '100', ...body });
    const planned = await post({ dueOn: '2099-01-01' });
    const overdue = await post({ dueOn: '2020-01-01' });
    const received = await post({ dueOn: '2020-01-01', receivedAt: '2020-01-02T10:00:00+08:00' });
    const undated = await post({});
    expect(planned.state).toBe('planned');
    expect(overdue.state).toBe('overdue');
    expect(received).toMatchObject({ state: 'received', receivedAt: '2020-01-02T02:00:00.000Z' });
    expect(undated.state).toBe('planned');

    const paid = await call(t.app, repA, 'PATCH', `/api/v1/payments/${overdue.id}`, {
      version: 1,
      receivedAt: '2026-01-01T00:00:00Z',
    });
    expect(paid.json()).toMatchObject({ state: 'received', version: 2 });
    const undone = await call(t.app, repA, 'PATCH', `/api/v1/payments/${received.id}`, {
      version: 1,
      receivedAt: null,
      dueOn: '2099-06-30',
    });
    expect(undone.json()).toMatchObject({ state: 'planned', receivedAt: null, dueOn: '2099-06-30' });
    const states = (await list<Payment>(t.app, repA, `${CUSTOMERS}/${c.id}/payments`)).items.map(
      (p) => p.state,
    );
    expect(states.sort()).toEqual(['planned', 'planned', 'planned', 'received']);
  });

  it('its contract and order must be the same customer’s', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '甲' });
    const other = await createCustomer(t.app, repA, { name: '乙' });
    const contract = (id: string) =>
      createRecord(t.app, repA, 'contracts', {
        customerId: id,
        contractNo: `HT-${uniq()}`,
        title: 't',
        amount: '1',
        status: 'active',
      });
    const order = (id: string) =>
      createRecord(t.app, repA, 'orders', {
        customerId: id,
        orderNo: `SO-${uniq()}`,
        orderedAt: '2026-01-01T00:00:00Z',
        status: 'paid',
        amount: '1',
      });
    const [ownContract, foreignContract, ownOrder, foreignOrder] = [
      await contract(c.id),
      await contract(other.id),
      await order(c.id),
      await order(other.id),
    ];
    const post = (body: Record<string, unknown>) =>
      call(t.app, repA, 'POST', '/api/v1/payments', { customerId: c.id, amount: '1', ...body });
    expectIssue(await post({ contractId: foreignContract.id }), 'contractId', 'other_customer');
    expectIssue(await post({ orderId: foreignOrder.id }), 'orderId', 'other_customer');
    expectIssue(
      await post({ contractId: ownContract.id, orderId: foreignOrder.id }),
      'orderId',
      'other_customer',
    );
    const missing = await post({ contractId: NO_SUCH_ID });
    expectError(missing, 400, 'INVALID_REFERENCE');
    expect(missing.json().error.details[0]).toMatchObject({ path: 'contractId', code: 'not_found' });
    expect((await list(t.app, repA, '/api/v1/payments')).total).toBe(0);

    const p = await createRecord<Payment>(t.app, repA, 'payments', {
      customerId: c.id,
      amount: '1',
      contractId: ownContract.id,
      orderId: ownOrder.id,
    });
    expect(p).toMatchObject({ contractNo: ownContract.contractNo, orderNo: ownOrder.orderNo });
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/payments/${p.id}`, {
        version: 1,
        contractId: foreignContract.id,
      }),
      'contractId',
      'other_customer',
    );
    // Another team's contract, too.
    const repB = await w.as('repB');
    const theirs = await createCustomer(t.app, repB, { name: '丙' });
    const theirContract = await createRecord(t.app, repB, 'contracts', {
      customerId: theirs.id,
      contractNo: 'HT-B',
      title: 't',
      amount: '1',
      status: 'active',
    });
    expectIssue(await post({ contractId: theirContract.id }), 'contractId', 'other_customer');
    expect((await call(t.app, repA, 'GET', `/api/v1/payments/${p.id}`)).json().version).toBe(1);
  });
});
