import type { Ticket } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  describeChildResource,
  expectError,
  expectIssue,
  getCustomer,
  NO_SUCH_ID,
  useWorld,
} from '../../../test/customer-fixtures.ts';

describe('tickets', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'tickets',
    entity: 'ticket',
    valid: async () => ({ kind: 'complaint', subject: '交货延迟', description: '延迟两周' }),
    patch: { status: 'in_progress', description: '已联系物流' },
    invalid: [
      [{ kind: undefined }, 'kind'],
      [{ kind: 'praise' }, 'kind'],
      [{ subject: undefined }, 'subject'],
      [{ subject: '' }, 'subject'],
      [{ status: 'done' }, 'status'],
      [{ satisfaction: 6 }, 'satisfaction'],
      [{ satisfaction: 0 }, 'satisfaction'],
      [{ satisfaction: 4.5 }, 'satisfaction'],
      [{ openedAt: 'today' }, 'openedAt'],
      [{ resolvedAt: '2026-01-01T00:00:00Z' }, 'resolvedAt'],
    ],
  });

  it('resolving stamps resolvedAt, closing keeps it, reopening clears it', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const tk = await createRecord<Ticket>(t.app, repA, 'tickets', {
      customerId: c.id,
      kind: 'repair',
      subject: '设备故障',
    });
    expect(tk).toMatchObject({ status: 'open', resolvedAt: null, satisfaction: null, assigneeId: null });
    expect(Math.abs(Date.parse(tk.openedAt) - Date.now())).toBeLessThan(60_000);
    const url = `/api/v1/tickets/${tk.id}`;
    const step = async (version: number, body: Record<string, unknown>) => {
      const res = await call(t.app, repA, 'PATCH', url, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Ticket;
    };
    expect((await step(1, { status: 'in_progress' })).resolvedAt).toBeNull();
    const resolved = await step(2, { status: 'resolved', satisfaction: 4 });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(resolved.resolvedAt!) - Date.now())).toBeLessThan(60_000);
    const closed = await step(3, { status: 'closed' });
    expect(closed.resolvedAt).toBe(resolved.resolvedAt);
    expect((await step(4, { subject: '设备故障（已修复）' })).resolvedAt).toBe(resolved.resolvedAt);
    const reopened = await step(5, { status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null });

    const born = await createRecord<Ticket>(t.app, repA, 'tickets', {
      customerId: c.id,
      kind: 'consultation',
      subject: '咨询',
      status: 'resolved',
      openedAt: '2026-01-01T09:00:00+08:00',
    });
    expect(born).toMatchObject({ openedAt: '2026-01-01T01:00:00.000Z', resolvedAt: expect.any(String) });
  });

  it('the customer’s open tickets count open and in-progress ones', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const open = async () => (await getCustomer(t.app, repA, c.id)).openTickets;
    const post = (status?: string) =>
      createRecord<Ticket>(t.app, repA, 'tickets', {
        customerId: c.id,
        kind: 'complaint',
        subject: 's',
        status,
      });
    const a = await post();
    const b = await post('in_progress');
    await post('closed');
    expect(await open()).toBe(2);
    await call(t.app, repA, 'PATCH', `/api/v1/tickets/${a.id}`, { version: 1, status: 'resolved' });
    expect(await open()).toBe(1);
    await call(t.app, repA, 'PATCH', `/api/v1/tickets/${a.id}`, { version: 2, status: 'open' });
    expect(await open()).toBe(2);
    expect((await call(t.app, repA, 'DELETE', `/api/v1/tickets/${b.id}`)).statusCode).toBe(204);
    expect(await open()).toBe(1);
  });

  it('the assignee must exist; the contact must be the same customer’s', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '甲' });
    const other = await createCustomer(t.app, repA, { name: '乙' });
    const foreign = await createRecord(t.app, repA, 'contacts', { customerId: other.id, name: '李娜' });
    const body = { customerId: c.id, kind: 'complaint', subject: 's' };
    const unknown = await call(t.app, repA, 'POST', '/api/v1/tickets', { ...body, assigneeId: NO_SUCH_ID });
    expectError(unknown, 400, 'INVALID_REFERENCE');
    expect(unknown.json().error.details[0]).toMatchObject({ path: 'assigneeId', code: 'not_found' });
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/tickets', { ...body, contactId: foreign.id }),
      'contactId',
      'other_customer',
    );
    const tk = await createRecord<Ticket>(t.app, repA, 'tickets', { ...body, assigneeId: w.org.repA2.id });
    expect(tk).toMatchObject({ assigneeId: w.org.repA2.id, assigneeName: w.org.repA2.name });
  });
});
