import type { Invoice } from '@stratum/contracts';
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

describe('invoices', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'invoices',
    entity: 'invoice',
    valid: async () => ({ kind: 'vat_special', amount: '5000', status: 'requested' }),
    patch: { status: 'issued', invoiceNo: 'FP-0001', issuedOn: '2026-02-01' },
    invalid: [
      [{ kind: undefined }, 'kind'],
      [{ kind: 'paper' }, 'kind'],
      [{ status: undefined }, 'status'],
      [{ status: 'paid' }, 'status'],
      [{ amount: undefined }, 'amount'],
      [{ amount: '0.001' }, 'amount'],
      [{ issuedOn: '01/02/2026' }, 'issuedOn'],
      [{ invoiceNo: 'x'.repeat(65) }, 'invoiceNo'],
    ],
  });

  it('an invoice number is unique when given; many may have none', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const body = { customerId: c.id, kind: 'electronic', amount: '10', status: 'issued' };
    await createRecord(t.app, repA, 'invoices', { ...body, invoiceNo: 'FP-1' });
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/invoices', { ...body, invoiceNo: 'FP-1' }),
      'invoiceNo',
      'duplicate',
    );
    const a = await createRecord<Invoice>(t.app, repA, 'invoices', { ...body, status: 'requested' });
    await createRecord(t.app, repA, 'invoices', { ...body, status: 'requested', invoiceNo: null });
    expect(a).toMatchObject({ invoiceNo: null, amount: '10.00', kind: 'electronic' });
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/invoices/${a.id}`, { version: 1, invoiceNo: 'FP-1' }),
      'invoiceNo',
      'duplicate',
    );
    expect((await list(t.app, repA, '/api/v1/invoices')).total).toBe(3);
  });

  it('its order and contract must be the same customer’s', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '甲' });
    const other = await createCustomer(t.app, repA, { name: '乙' });
    const order = (customerId: string, orderNo: string) =>
      createRecord(t.app, repA, 'orders', {
        customerId,
        orderNo,
        orderedAt: '2026-01-01T00:00:00Z',
        status: 'paid',
        amount: '100',
      });
    const own = await order(c.id, 'SO-OWN');
    const foreign = await order(other.id, 'SO-OTHER');
    const foreignContract = await createRecord(t.app, repA, 'contracts', {
      customerId: other.id,
      contractNo: 'HT-OTHER',
      title: 't',
      amount: '1',
      status: 'active',
    });
    const body = { customerId: c.id, kind: 'vat_general', amount: '100', status: 'requested' };
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/invoices', { ...body, orderId: foreign.id }),
      'orderId',
      'other_customer',
    );
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/invoices', { ...body, contractId: foreignContract.id }),
      'contractId',
      'other_customer',
    );
    const inv = await createRecord<Invoice>(t.app, repA, 'invoices', { ...body, orderId: own.id });
    expect(inv.orderId).toBe(own.id);
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/invoices/${inv.id}`, { version: 1, orderId: foreign.id }),
      'orderId',
      'other_customer',
    );
    expect((await call(t.app, repA, 'GET', `/api/v1/invoices/${inv.id}`)).json().orderId).toBe(own.id);
  });
});
