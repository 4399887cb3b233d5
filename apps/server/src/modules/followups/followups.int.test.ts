import type { Followup } from '@stratum/contracts';
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

describe('follow-ups', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'followups',
    entity: 'followup',
    valid: async () => ({ type: 'call', content: '电话沟通采购计划', nextFollowupOn: '2030-01-01' }),
    patch: { type: 'visit', content: '改为上门拜访', nextFollowupOn: null },
    invalid: [
      [{ type: undefined }, 'type'],
      [{ type: 'fax' }, 'type'],
      [{ content: undefined }, 'content'],
      [{ content: ' ' }, 'content'],
      [{ occurredAt: '2026-01-01' }, 'occurredAt'],
      [{ occurredAt: '2026-01-01T10:00:00' }, 'occurredAt'],
      [{ nextFollowupOn: '2026-13-01' }, 'nextFollowupOn'],
      [{ contactId: 'x' }, 'contactId'],
      [{ userId: NO_SUCH_ID }, 'userId'],
    ],
  });

  it('the author is the signed-in user (kept on edits); the time defaults to now', async () => {
    const repA = await w.as('repA');
    const managerA = await w.as('managerA');
    const c = await createCustomer(t.app, repA);
    const before = Date.now();
    const fu = await createRecord<Followup>(t.app, managerA, 'followups', {
      customerId: c.id,
      type: 'meeting',
      content: '经理陪同拜访',
    });
    const after = Date.now();
    expect(fu).toMatchObject({ userId: w.org.managerA.id, userName: w.org.managerA.name, contactId: null });
    const at = Date.parse(fu.occurredAt);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(after + 1000);

    const res = await call(t.app, repA, 'PATCH', `/api/v1/followups/${fu.id}`, {
      version: 1,
      content: '补充纪要',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      content: '补充纪要',
      userId: w.org.managerA.id,
      occurredAt: fu.occurredAt,
    });
  });

  it('the customer’s last follow-up follows creates, edits and deletes', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const post = (occurredAt: string) =>
      createRecord<Followup>(t.app, repA, 'followups', {
        customerId: c.id,
        type: 'call',
        content: 'x',
        occurredAt,
      });
    const last = async () => (await getCustomer(t.app, repA, c.id)).lastFollowupAt;
    expect(await last()).toBeNull();
    const older = await post('2026-05-01T09:00:00+08:00');
    expect(await last()).toBe('2026-05-01T01:00:00.000Z');
    const newer = await post('2026-06-01T09:00:00+08:00');
    expect(await last()).toBe('2026-06-01T01:00:00.000Z');
    await post('2026-04-01T09:00:00+08:00');
    expect(await last()).toBe('2026-06-01T01:00:00.000Z');

    const moved = await call(t.app, repA, 'PATCH', `/api/v1/followups/${newer.id}`, {
      version: 1,
      occurredAt: '2026-03-01T09:00:00+08:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await last()).toBe('2026-05-01T01:00:00.000Z');
    expect((await call(t.app, repA, 'DELETE', `/api/v1/followups/${older.id}`)).statusCode).toBe(204);
    expect(await last()).toBe('2026-04-01T01:00:00.000Z');
  });

  it('a contact must be one of the same customer’s', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '甲' });
    const other = await createCustomer(t.app, repA, { name: '乙' });
    const own = await createRecord(t.app, repA, 'contacts', { customerId: c.id, name: '王伟' });
    const foreign = await createRecord(t.app, repA, 'contacts', { customerId: other.id, name: '李娜' });
    const body = { customerId: c.id, type: 'call', content: 'x' };
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/followups', { ...body, contactId: foreign.id }),
      'contactId',
      'other_customer',
    );
    const missing = await call(t.app, repA, 'POST', '/api/v1/followups', { ...body, contactId: NO_SUCH_ID });
    expectError(missing, 400, 'INVALID_REFERENCE');
    expect(missing.json().error.details[0]).toMatchObject({ path: 'contactId', code: 'not_found' });
    // Another team's contact, too (and without revealing more than that it is not this customer's).
    const repB = await w.as('repB');
    const theirs = await createCustomer(t.app, repB, { name: '丙' });
    const theirContact = await createRecord(t.app, repB, 'contacts', { customerId: theirs.id, name: '赵六' });
    expectIssue(
      await call(t.app, repA, 'POST', '/api/v1/followups', { ...body, contactId: theirContact.id }),
      'contactId',
      'other_customer',
    );

    const fu = await createRecord<Followup>(t.app, repA, 'followups', { ...body, contactId: own.id });
    expect(fu.contactId).toBe(own.id);
    expectIssue(
      await call(t.app, repA, 'PATCH', `/api/v1/followups/${fu.id}`, { version: 1, contactId: foreign.id }),
      'contactId',
      'other_customer',
    );
    const cleared = await call(t.app, repA, 'PATCH', `/api/v1/followups/${fu.id}`, {
      version: 1,
      contactId: null,
    });
    expect(cleared.json()).toMatchObject({ contactId: null, version: 2 });
  });
});
