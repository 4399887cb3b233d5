import type { Contact } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  CUSTOMERS,
  describeChildResource,
  expectIssue,
  list,
  useWorld,
} from '../../../test/customer-fixtures.ts';

describe('contacts', () => {
  const t = useTestApp();
  const w = useWorld(t);

  describeChildResource(t, w, {
    path: 'contacts',
    entity: 'contact',
    valid: async () => ({
      name: '王伟',
      title: '采购经理',
      phone: '13800000000',
      email: 'wang@hengrui.test',
    }),
    patch: { title: '总经理', isDecisionMaker: true, email: null },
    invalid: [
      [{ name: undefined }, 'name'],
      [{ name: '  ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ email: 'not-an-email' }, 'email'],
      [{ isDecisionMaker: 'yes' }, 'isDecisionMaker'],
      [{ customerId: 'abc' }, 'customerId'],
    ],
  });

  it('stores the fields given, defaults the rest, lists decision makers first and searches', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '杭州恒瑞' });
    const other = await createCustomer(t.app, repA, { name: '宁波海天' });
    const wang = await createRecord<Contact>(t.app, repA, 'contacts', { customerId: c.id, name: ' 王伟 ' });
    expect(wang).toMatchObject({
      name: '王伟',
      customerName: '杭州恒瑞',
      title: null,
      phone: null,
      email: null,
      wechat: null,
      isDecisionMaker: false,
      notes: null,
      version: 1,
    });
    const boss = await createRecord<Contact>(t.app, repA, 'contacts', {
      customerId: c.id,
      name: '赵总',
      isDecisionMaker: true,
      wechat: 'zhao_boss',
    });
    const li = await createRecord<Contact>(t.app, repA, 'contacts', { customerId: other.id, name: '李娜' });

    const ofC = await list<Contact>(t.app, repA, `${CUSTOMERS}/${c.id}/contacts`);
    expect(ofC.items.map((x) => x.id)).toEqual([boss.id, wang.id]);
    expect(ofC.total).toBe(2);
    const all = await list<Contact>(t.app, repA, '/api/v1/contacts?sort=customerName&pageSize=1');
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(1);
    const q = async (text: string) =>
      (await list<Contact>(t.app, repA, `/api/v1/contacts?q=${encodeURIComponent(text)}`)).items.map(
        (x) => x.id,
      );
    expect(await q('zhao_')).toEqual([boss.id]);
    expect(await q('海天')).toEqual([li.id]);
    expect((await q('王')).sort()).toEqual([wang.id]);
    expectIssue(await call(t.app, repA, 'GET', '/api/v1/contacts?sort=phone'), 'sort', 'invalid_sort');
    expectIssue(await call(t.app, repA, 'GET', '/api/v1/contacts?customerId=nope'), 'customerId');
  });

  it('deleting a contact leaves no follow-up or ticket pointing at it', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const contact = await createRecord<Contact>(t.app, repA, 'contacts', { customerId: c.id, name: '王伟' });
    const fu = await createRecord(t.app, repA, 'followups', {
      customerId: c.id,
      type: 'call',
      content: 'x',
      contactId: contact.id,
    });
    const tk = await createRecord(t.app, repA, 'tickets', {
      customerId: c.id,
      kind: 'repair',
      subject: 'y',
      contactId: contact.id,
    });
    const del = await call(t.app, repA, 'DELETE', `/api/v1/contacts/${contact.id}`);
    expect(del.statusCode, del.body).toBeLessThan(500);
    if (del.statusCode !== 204) return; // refused: the references stay valid
    const after = {
      followup: (await call(t.app, repA, 'GET', `/api/v1/followups/${fu.id}`)).json(),
      ticket: (await call(t.app, repA, 'GET', `/api/v1/tickets/${tk.id}`)).json(),
    };
    expect(after.followup.contactId).toBeNull();
    expect(after.ticket.contactId).toBeNull();
  });
});
