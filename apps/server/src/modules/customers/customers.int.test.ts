import type { Customer } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  auditOf,
  createCustomer,
  createRecord,
  CUSTOMERS,
  daysAgo,
  expectError,
  expectIssue,
  getCustomer,
  ids,
  list,
  NO_SUCH_ID,
  useWorld,
  type Who,
} from '../../../test/customer-fixtures.ts';

describe('customers', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const post = (s: Session, body: Record<string, unknown>) => call(t.app, s, 'POST', CUSTOMERS, body);
  const patch = (s: Session, id: string, body: Record<string, unknown>) =>
    call(t.app, s, 'PATCH', `${CUSTOMERS}/${id}`, body);
  const customers = (s: Session, query = '') => list<Customer>(t.app, s, `${CUSTOMERS}${query}`);
  const names = (items: readonly Customer[]) => items.map((c) => c.name);
  const order = (s: Session, customerId: string, amount: string, orderedAt: string, status = 'completed') =>
    createRecord(t.app, s, 'orders', {
      customerId,
      orderNo: `SO-${Math.random().toString(36).slice(2, 10)}`,
      orderedAt,
      status,
      amount,
    });
  const defineField = async (body: Record<string, unknown>) => {
    const res = await call(t.app, await w.as('admin'), 'POST', '/api/v1/custom-fields', {
      labelZh: body.key,
      labelEn: body.key,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  /** One customer per owner (and one in the pool), created by the admin. */
  const seedOwners = async () => {
    const admin = await w.as('admin');
    const { org } = w;
    const make = (name: string, ownerId: string | null) => createCustomer(t.app, admin, { name, ownerId });
    return {
      repA: await make('Own-甲', org.repA.id),
      repA2: await make('Colleague-乙', org.repA2.id),
      managerA: await make('MgrA-己', org.managerA.id),
      repB: await make('TeamB-丙', org.repB.id),
      managerB: await make('MgrB-庚', org.managerB.id),
      loneRep: await make('Lone-戊', org.loneRep.id),
      pool: await make('Pool-丁', null),
    };
  };

  describe('create', () => {
    it('a rep’s new customer is the rep’s, with empty key figures and an audit entry', async () => {
      const repA = await w.as('repA');
      const res = await post(repA, {
        name: '  杭州恒瑞机械有限公司 ',
        province: '浙江',
        phone: '0571-88886666',
        email: 'buyer@hengrui.test',
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json() as Customer;
      expect(c).toMatchObject({
        name: '杭州恒瑞机械有限公司',
        kind: 'company',
        status: 'potential',
        ownerId: w.org.repA.id,
        ownerName: w.org.repA.name,
        lifetimeSpend: '0.00',
        lastOrderAt: null,
        lastFollowupAt: null,
        openTickets: 0,
        customFields: {},
        deletedAt: null,
        version: 1,
      });
      expect(await getCustomer(t.app, repA, c.id)).toEqual(c);
      const audit = await auditOf(t.app, await w.as('admin'), 'customer', c.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'customer.create',
          actorId: w.org.repA.id,
          before: null,
          after: expect.objectContaining({ id: c.id, name: '杭州恒瑞机械有限公司', ownerId: w.org.repA.id }),
        }),
      ]);
    });

    it('a rep may name only themselves as owner (not another user, not the pool)', async () => {
      const repA = await w.as('repA');
      for (const ownerId of [w.org.repA2.id, w.org.managerA.id, w.org.repB.id, null, NO_SUCH_ID]) {
        expectIssue(await post(repA, { name: '甲', ownerId }), 'ownerId', 'not_allowed_owner');
      }
      const own = await post(repA, { name: '乙', ownerId: w.org.repA.id });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json().ownerId).toBe(w.org.repA.id);
      expect((await customers(await w.as('admin'))).total).toBe(1);
    });

    it('a manager assigns within the team or to the pool, never to team B; an admin to anyone', async () => {
      const { org } = w;
      const manager = await w.as('managerA');
      for (const ownerId of [org.repA.id, org.repA2.id, org.managerA.id, null]) {
        const res = await post(manager, { name: `M-${ownerId}`, ownerId });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().ownerId).toBe(ownerId);
      }
      expect((await post(manager, { name: 'self' })).json().ownerId).toBe(org.managerA.id);
      for (const ownerId of [org.repB.id, org.managerB.id, org.loneRep.id, org.admin.id]) {
        expectIssue(await post(manager, { name: 'x', ownerId }), 'ownerId', 'not_allowed_owner');
      }
      const admin = await w.as('admin');
      for (const ownerId of [org.repB.id, org.loneRep.id, org.managerA.id, null]) {
        const res = await post(admin, { name: `A-${ownerId}`, ownerId });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().ownerId).toBe(ownerId);
      }
      expect((await customers(admin)).total).toBe(9);
    });

    it('a disabled user cannot be made owner', async () => {
      const admin = await w.as('admin');
      const user = (await call(t.app, admin, 'GET', `/api/v1/users/${w.org.repA2.id}`)).json();
      const off = await call(t.app, admin, 'PATCH', `/api/v1/users/${w.org.repA2.id}`, {
        version: user.version,
        disabled: true,
      });
      expect(off.statusCode, off.body).toBe(200);
      expectIssue(await post(admin, { name: 'x', ownerId: w.org.repA2.id }), 'ownerId', 'not_allowed_owner');
      const manager = await w.as('managerA');
      expectIssue(
        await post(manager, { name: 'x', ownerId: w.org.repA2.id }),
        'ownerId',
        'not_allowed_owner',
      );
      const c = await createCustomer(t.app, manager, { ownerId: w.org.repA.id });
      expectIssue(
        await patch(manager, c.id, { version: 1, ownerId: w.org.repA2.id }),
        'ownerId',
        'not_allowed_owner',
      );
      expect((await customers(admin)).total).toBe(1);
    });

    it('refuses unknown and invalid fields, storing nothing', async () => {
      const admin = await w.as('admin');
      for (const [extra, path] of [
        [{ workspaceId: NO_SUCH_ID }, 'workspaceId'],
        [{ version: 3 }, 'version'],
        [{ lifetimeSpend: '999999.00' }, 'lifetimeSpend'],
        [{ id: NO_SUCH_ID }, 'id'],
        [{ deletedAt: '2020-01-01T00:00:00Z' }, 'deletedAt'],
        [{ createdBy: NO_SUCH_ID }, 'createdBy'],
      ] as const) {
        const res = await post(admin, { name: '甲', ...extra });
        expectIssue(res, path, 'unrecognized_keys');
      }
      for (const [body, path] of [
        [{}, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ name: '甲', status: 'vip' }, 'status'],
        [{ name: '甲', kind: 'government' }, 'kind'],
        [{ name: '甲', sizeBand: '5-10' }, 'sizeBand'],
        [{ name: '甲', source: 'tv' }, 'source'],
        [{ name: '甲', email: 'not-an-email' }, 'email'],
        [{ name: '甲', ownerId: 'not-a-uuid' }, 'ownerId'],
        [{ name: '甲', customFields: { 'Bad-Key': 'x' } }, 'customFields.Bad-Key'],
      ] as const) {
        expectIssue(await post(admin, body), path);
      }
      expect((await customers(admin)).total).toBe(0);
    });

    it('an external id is unique in the workspace (create and update)', async () => {
      const admin = await w.as('admin');
      await createCustomer(t.app, admin, { name: '甲', externalId: 'ERP-001' });
      expectIssue(await post(admin, { name: '乙', externalId: 'ERP-001' }), 'externalId', 'duplicate');
      const other = await createCustomer(t.app, admin, { name: '丙', externalId: 'ERP-002' });
      expectIssue(
        await patch(admin, other.id, { version: 1, externalId: 'ERP-001' }),
        'externalId',
        'duplicate',
      );
      expect((await getCustomer(t.app, admin, other.id)).externalId).toBe('ERP-002');
      expect((await customers(admin)).total).toBe(2);
      // Many customers may have none.
      await createCustomer(t.app, admin, { name: '丁' });
      await createCustomer(t.app, admin, { name: '戊', externalId: null });
    });
  });

  describe('list', () => {
    it('pages through the list with a stable order and the total', async () => {
      const admin = await w.as('admin');
      for (let i = 1; i <= 5; i++) await createCustomer(t.app, admin, { name: `客户${i}` });
      const seen: string[] = [];
      for (let p = 1; p <= 3; p++) {
        const page = await customers(admin, `?page=${p}&pageSize=2&sort=name`);
        expect(page).toMatchObject({ total: 5, page: p, pageSize: 2 });
        expect(page.items).toHaveLength(p === 3 ? 1 : 2);
        seen.push(...names(page.items));
      }
      expect(seen).toEqual(['客户1', '客户2', '客户3', '客户4', '客户5']);
      expect((await customers(admin, '?page=4&pageSize=2')).items).toEqual([]);
      expectIssue(await call(t.app, admin, 'GET', `${CUSTOMERS}?pageSize=201`), 'pageSize');
      expectIssue(await call(t.app, admin, 'GET', `${CUSTOMERS}?page=0`), 'page');
      expectIssue(await call(t.app, admin, 'GET', `${CUSTOMERS}?nope=1`), 'nope');
    });

    it('sorts by name, lifetime spend and last order (empty last); an unknown sort is a 400', async () => {
      const admin = await w.as('admin');
      const bravo = await createCustomer(t.app, admin, { name: 'Bravo' });
      const alpha = await createCustomer(t.app, admin, { name: 'Alpha' });
      const charlie = await createCustomer(t.app, admin, { name: 'Charlie' });
      await order(admin, bravo.id, '100.00', daysAgo(1));
      await order(admin, charlie.id, '50.00', daysAgo(10));
      await order(admin, charlie.id, '20.00', daysAgo(20));
      expect(alpha.lifetimeSpend).toBe('0.00');

      expect(names((await customers(admin, '?sort=name')).items)).toEqual(['Alpha', 'Bravo', 'Charlie']);
      expect(names((await customers(admin, '?sort=-name')).items)).toEqual(['Charlie', 'Bravo', 'Alpha']);
      const bySpend = (await customers(admin, '?sort=-lifetimeSpend')).items;
      expect(names(bySpend)).toEqual(['Bravo', 'Charlie', 'Alpha']);
      expect(bySpend.map((c) => c.lifetimeSpend)).toEqual(['100.00', '70.00', '0.00']);
      expect(names((await customers(admin, '?sort=lifetimeSpend')).items)).toEqual([
        'Alpha',
        'Charlie',
        'Bravo',
      ]);
      expect(names((await customers(admin, '?sort=lastOrderAt')).items)).toEqual([
        'Charlie',
        'Bravo',
        'Alpha',
      ]);
      expect(names((await customers(admin, '?sort=-lastOrderAt')).items)).toEqual([
        'Bravo',
        'Charlie',
        'Alpha',
      ]);

      for (const sort of ['secret', '-password', 'c.name', 'name;drop']) {
        expectIssue(
          await call(t.app, admin, 'GET', `${CUSTOMERS}?sort=${encodeURIComponent(sort)}`),
          'sort',
          'invalid_sort',
        );
      }
    });

    it('quick search finds by name (Chinese), phone, email, external id and a contact’s name', async () => {
      const admin = await w.as('admin');
      const hengrui = await createCustomer(t.app, admin, {
        name: '杭州恒瑞机械有限公司',
        phone: '13812345678',
      });
      const haitian = await createCustomer(t.app, admin, {
        name: '宁波海天塑机',
        email: 'Buyer@HaiTian.test',
        externalId: 'ERP-7788',
      });
      const acme = await createCustomer(t.app, admin, { name: 'Acme Trading 100%' });
      await createRecord(t.app, admin, 'contacts', { customerId: acme.id, name: '欧阳娜娜' });
      const q = async (text: string) => ids((await customers(admin, `?q=${encodeURIComponent(text)}`)).items);

      expect(await q('恒瑞')).toEqual([hengrui.id]);
      expect(await q('1234567')).toEqual([hengrui.id]);
      expect(await q('buyer@haitian')).toEqual([haitian.id]);
      expect(await q('7788')).toEqual([haitian.id]);
      expect(await q('欧阳')).toEqual([acme.id]);
      expect(await q('acme')).toEqual([acme.id]);
      // LIKE wildcards are literal.
      expect(await q('100%')).toEqual([acme.id]);
      expect(await q('%')).toEqual([acme.id]);
      expect(await q('_')).toEqual([]);
      expect(await q('不存在')).toEqual([]);
      expect((await customers(admin, `?q=${encodeURIComponent('公司')}`)).total).toBe(1);
    });

    it('filters by owner: me, none (the pool) and a user id, within the caller’s scope', async () => {
      const seeded = await seedOwners();
      const repA = await w.as('repA');
      expect(ids((await customers(repA, '?ownerId=me')).items)).toEqual([seeded.repA.id]);
      expect(ids((await customers(repA, '?ownerId=none')).items)).toEqual([seeded.pool.id]);
      expect((await customers(repA, `?ownerId=${w.org.repB.id}`)).total).toBe(0);
      const manager = await w.as('managerA');
      expect(ids((await customers(manager, `?ownerId=${w.org.repA2.id}`)).items)).toEqual([seeded.repA2.id]);
      expect(ids((await customers(manager, '?ownerId=me')).items)).toEqual([seeded.managerA.id]);
      expect((await customers(manager, `?ownerId=${w.org.repB.id}`)).total).toBe(0);
      const admin = await w.as('admin');
      expect(ids((await customers(admin, `?ownerId=${w.org.repB.id}`)).items)).toEqual([seeded.repB.id]);
      expectIssue(await call(t.app, admin, 'GET', `${CUSTOMERS}?ownerId=someone`), 'ownerId');
    });

    it('filters by a JSON rule over attributes, metrics and custom fields with and/or/not', async () => {
      const admin = await w.as('admin');
      await defineField({ key: 'level', type: 'single_select', options: ['A', 'B', 'C'] });
      await defineField({ key: 'tags', type: 'multi_select', options: ['vip', 'export', 'gov'] });
      await defineField({ key: 'staff', type: 'number' });
      const zj = await createCustomer(t.app, admin, {
        name: '浙江甲',
        province: '浙江',
        status: 'active',
        customFields: { level: 'A', tags: ['vip', 'export'], staff: 120 },
      });
      const zj2 = await createCustomer(t.app, admin, {
        name: '浙江乙',
        province: '浙江',
        customFields: { level: 'B', staff: 8 },
      });
      const gd = await createCustomer(t.app, admin, {
        name: '广东丙',
        province: '广东',
        status: 'active',
        customFields: { level: 'A', tags: ['gov'] },
      });
      const none = await createCustomer(t.app, admin, { name: '无订单' });
      await order(admin, zj.id, '5000.00', daysAgo(5));
      await order(admin, zj.id, '1000.00', daysAgo(200));
      await order(admin, zj2.id, '300.00', daysAgo(120));
      await order(admin, gd.id, '800.00', daysAgo(40));
      await order(admin, gd.id, '99999.00', daysAgo(2), 'cancelled');

      const f = async (rule: unknown) =>
        ids((await customers(admin, `?filter=${encodeURIComponent(JSON.stringify(rule))}`)).items);
      const sorted = (...cs: Customer[]) => ids(cs);

      expect(await f({ field: 'province', op: 'eq', value: '浙江' })).toEqual(sorted(zj, zj2));
      expect(await f({ field: 'status', op: 'eq', value: 'active' })).toEqual(sorted(zj, gd));
      expect(await f({ field: 'total_spend', op: 'gte', value: '800' })).toEqual(sorted(zj, gd));
      expect(await f({ field: 'total_spend', op: 'eq', value: 0 })).toEqual(sorted(none));
      expect(await f({ field: 'order_count', op: 'eq', value: 2 })).toEqual(sorted(zj));
      expect(await f({ field: 'last_order_at', op: 'in_last_days', value: 30 })).toEqual(sorted(zj));
      expect(await f({ field: 'last_order_at', op: 'in_last_days', value: 60 })).toEqual(sorted(zj, gd));
      expect(await f({ field: 'last_order_at', op: 'more_than_days_ago', value: 90 })).toEqual(sorted(zj2));
      expect(await f({ field: 'last_order_at', op: 'is_empty' })).toEqual(sorted(none));
      expect(await f({ field: 'cf.level', op: 'eq', value: 'A' })).toEqual(sorted(zj, gd));
      expect(await f({ field: 'cf.tags', op: 'is_not_empty' })).toEqual(sorted(zj, gd));
      expect(await f({ field: 'cf.staff', op: 'gt', value: 100 })).toEqual(sorted(zj));
      expect(
        await f({
          and: [
            { field: 'cf.level', op: 'eq', value: 'A' },
            { not: { field: 'province', op: 'eq', value: '广东' } },
          ],
        }),
      ).toEqual(sorted(zj));
      expect(
        await f({
          or: [
            { field: 'province', op: 'eq', value: '广东' },
            {
              and: [
                { field: 'cf.level', op: 'eq', value: 'B' },
                { field: 'last_order_at', op: 'more_than_days_ago', value: 100 },
              ],
            },
          ],
        }),
      ).toEqual(sorted(gd, zj2));
      // NOT over a customer without the value: two-valued logic, so it is included.
      expect(await f({ not: { field: 'cf.level', op: 'eq', value: 'A' } })).toEqual(sorted(zj2, none));
      // The rule combines with the quick search and the scope.
      expect(
        ids(
          (
            await customers(
              admin,
              `?q=${encodeURIComponent('甲')}&filter=${encodeURIComponent(JSON.stringify({ field: 'province', op: 'eq', value: '浙江' }))}`,
            )
          ).items,
        ),
      ).toEqual([zj.id]);
      expect(
        (
          await customers(
            await w.as('repA'),
            `?filter=${encodeURIComponent('{"field":"name","op":"contains","value":"浙江"}')}`,
          )
        ).total,
      ).toBe(0);
    });

    it('filters by list operators: in, not_in, has_any, has_all, has_none', async () => {
      const admin = await w.as('admin');
      await defineField({ key: 'tags', type: 'multi_select', options: ['vip', 'export', 'gov'] });
      const a = await createCustomer(t.app, admin, {
        name: '甲',
        status: 'active',
        customFields: { tags: ['vip', 'export'] },
      });
      const b = await createCustomer(t.app, admin, {
        name: '乙',
        status: 'lost',
        customFields: { tags: ['gov'] },
      });
      const c = await createCustomer(t.app, admin, { name: '丙', status: 'potential' });
      const f = async (rule: unknown) => {
        const res = await call(
          t.app,
          admin,
          'GET',
          `${CUSTOMERS}?filter=${encodeURIComponent(JSON.stringify(rule))}`,
        );
        expect(res.statusCode, `${JSON.stringify(rule)}: ${res.body}`).toBe(200);
        return ids(res.json().items);
      };
      expect(await f({ field: 'status', op: 'in', value: ['active'] })).toEqual(ids([a]));
      expect(await f({ field: 'status', op: 'in', value: ['active', 'lost'] })).toEqual(ids([a, b]));
      expect(await f({ field: 'status', op: 'not_in', value: ['active', 'lost'] })).toEqual(ids([c]));
      expect(await f({ field: 'name', op: 'in', value: ['甲', '丙'] })).toEqual(ids([a, c]));
      expect(await f({ field: 'cf.tags', op: 'has_any', value: ['vip', 'gov'] })).toEqual(ids([a, b]));
      expect(await f({ field: 'cf.tags', op: 'has_all', value: ['vip', 'export'] })).toEqual(ids([a]));
      expect(await f({ field: 'cf.tags', op: 'has_none', value: ['vip'] })).toEqual(ids([b, c]));
    });

    it('an invalid rule is a 400 invalid_rule at a path under filter', async () => {
      const admin = await w.as('admin');
      await defineField({ key: 'level', type: 'single_select', options: ['A', 'B'] });
      for (const rule of [
        'not json',
        '{"field":"secret_column","op":"eq","value":1}',
        '{"field":"province","op":"gt","value":"浙江"}',
        '{"field":"total_spend","op":"gte","value":"lots"}',
        '{"field":"last_order_at","op":"in_last_days","value":-3}',
        '{"field":"cf.level","op":"eq","value":"Z"}',
        '{"field":"cf.missing","op":"eq","value":"A"}',
        '{"and":[{"field":"province","op":"eq","value":"浙江"},{"field":"name","op":"frobnicate","value":"x"}]}',
        '{"and":{"field":"name"}}',
        '{"field":"name","op":"eq","value":"x","sql":"1=1"}',
        '[]',
      ]) {
        const res = await call(t.app, admin, 'GET', `${CUSTOMERS}?filter=${encodeURIComponent(rule)}`);
        expect(res.statusCode, `${rule}: ${res.body}`).toBe(400);
        const { code, details } = res.json().error;
        expect(code).toBe('VALIDATION_FAILED');
        expect(details[0].code, rule).toBe('invalid_rule');
        expect(details[0].path, rule).toMatch(/^filter(\.|$)/);
      }
      const res = await call(
        t.app,
        admin,
        'GET',
        `${CUSTOMERS}?filter=${encodeURIComponent('{"and":[{"field":"province","op":"eq","value":"x"},{"field":"nope","op":"eq","value":1}]}')}`,
      );
      expect(res.json().error.details[0].path).toBe('filter.and[1].field');
    });
  });

  describe('data scope', () => {
    const visibleTo = async (who: Who) => {
      const page = await customers(await w.as(who), '?pageSize=100');
      return { ids: ids(page.items), total: page.total };
    };

    it('reps see their own and the pool; managers their team and the pool; admins everything', async () => {
      const s = await seedOwners();
      const expectSees = async (who: Who, cs: Customer[]) => {
        const seen = await visibleTo(who);
        expect(seen.ids, who).toEqual(ids(cs));
        expect(seen.total, who).toBe(cs.length);
      };
      await expectSees('repA', [s.repA, s.pool]);
      await expectSees('repA2', [s.repA2, s.pool]);
      await expectSees('repB', [s.repB, s.pool]);
      await expectSees('loneRep', [s.loneRep, s.pool]);
      await expectSees('managerA', [s.repA, s.repA2, s.managerA, s.pool]);
      await expectSees('managerB', [s.repB, s.managerB, s.pool]);
      await expectSees('admin', Object.values(s));

      const repA = await w.as('repA');
      for (const hidden of [s.repA2, s.repB, s.managerA, s.loneRep]) {
        expectError(await call(t.app, repA, 'GET', `${CUSTOMERS}/${hidden.id}`), 404, 'NOT_FOUND');
      }
      expect((await getCustomer(t.app, repA, s.pool.id)).id).toBe(s.pool.id);
      const managerA = await w.as('managerA');
      for (const hidden of [s.repB, s.managerB, s.loneRep]) {
        expectError(await call(t.app, managerA, 'GET', `${CUSTOMERS}/${hidden.id}`), 404, 'NOT_FOUND');
      }
      expect((await getCustomer(t.app, managerA, s.repA2.id)).ownerName).toBe(w.org.repA2.name);
      // Searching does not widen the scope.
      expect((await customers(repA, `?q=${encodeURIComponent('乙')}`)).total).toBe(0);
      expectError(await call(t.app, repA, 'GET', `${CUSTOMERS}/${NO_SUCH_ID}`), 404, 'NOT_FOUND');
      expectError(await call(t.app, null, 'GET', CUSTOMERS), 401, 'UNAUTHENTICATED');
    });

    it('a rep’s export holds only their own and pool customers', async () => {
      await seedOwners();
      const res = await call(t.app, await w.as('repA'), 'GET', `${CUSTOMERS}/export?format=csv`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(rows).toHaveLength(3);
      expect(res.body).toContain('Own-甲');
      expect(res.body).toContain('Pool-丁');
      for (const hidden of ['Colleague-乙', 'TeamB-丙', 'MgrA-己', 'MgrB-庚', 'Lone-戊']) {
        expect(res.body).not.toContain(hidden);
      }
      const mgr = await call(t.app, await w.as('managerB'), 'GET', `${CUSTOMERS}/export?format=csv`);
      expect(
        mgr.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toHaveLength(4);
      expect(mgr.body).not.toContain('Own-甲');
    });

    it('a rep cannot edit a pool customer (403) nor another rep’s (404); managers edit their team’s', async () => {
      const s = await seedOwners();
      const repA = await w.as('repA');
      expectError(await patch(repA, s.pool.id, { version: 1, notes: 'mine now' }), 403, 'FORBIDDEN');
      expectError(await patch(repA, s.repA2.id, { version: 1, notes: 'x' }), 404, 'NOT_FOUND');
      expectError(await patch(repA, s.repB.id, { version: 1, notes: 'x' }), 404, 'NOT_FOUND');
      const own = await patch(repA, s.repA.id, { version: 1, notes: '重点客户', status: 'active' });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({ notes: '重点客户', status: 'active', version: 2 });

      const managerA = await w.as('managerA');
      expect((await patch(managerA, s.repA2.id, { version: 1, notes: 'm' })).statusCode).toBe(200);
      expect((await patch(managerA, s.pool.id, { version: 1, notes: 'm' })).statusCode).toBe(200);
      expectError(await patch(managerA, s.repB.id, { version: 1, notes: 'm' }), 404, 'NOT_FOUND');
      expectError(await patch(managerA, s.loneRep.id, { version: 1, notes: 'm' }), 404, 'NOT_FOUND');
      const admin = await w.as('admin');
      expect((await getCustomer(t.app, admin, s.pool.id)).ownerId).toBeNull();
      expect((await getCustomer(t.app, admin, s.repB.id)).notes).toBeNull();
    });

    it('a rep cannot change the owner, even of their own customer, but may resend it unchanged', async () => {
      const s = await seedOwners();
      const repA = await w.as('repA');
      for (const ownerId of [w.org.repA2.id, null, w.org.repB.id]) {
        expectError(await patch(repA, s.repA.id, { version: 1, ownerId }), 403, 'FORBIDDEN');
      }
      const same = await patch(repA, s.repA.id, { version: 1, ownerId: w.org.repA.id, city: '杭州' });
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json()).toMatchObject({ ownerId: w.org.repA.id, city: '杭州', version: 2 });
    });

    it('a manager transfers within the team or to the pool, which shows on the timeline', async () => {
      const s = await seedOwners();
      const managerA = await w.as('managerA');
      const moved = await patch(managerA, s.repA.id, { version: 1, ownerId: w.org.repA2.id });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ ownerId: w.org.repA2.id, ownerName: w.org.repA2.name });
      expectError(
        await call(t.app, await w.as('repA'), 'GET', `${CUSTOMERS}/${s.repA.id}`),
        404,
        'NOT_FOUND',
      );
      expect((await getCustomer(t.app, await w.as('repA2'), s.repA.id)).version).toBe(2);
      expectIssue(
        await patch(managerA, s.repA.id, { version: 2, ownerId: w.org.repB.id }),
        'ownerId',
        'not_allowed_owner',
      );
      const toPool = await patch(managerA, s.repA.id, { version: 2, ownerId: null });
      expect(toPool.statusCode, toPool.body).toBe(200);
      const tl = await list<{ kind: string; title: string; detail: string | null }>(
        t.app,
        managerA,
        `${CUSTOMERS}/${s.repA.id}/timeline`,
      );
      const changes = tl.items.filter((e) => e.kind === 'owner_change');
      expect(changes.map((e) => [e.detail, e.title])).toEqual([
        [w.org.repA2.name, ''],
        [w.org.repA.name, w.org.repA2.name],
        ['', w.org.repA.name],
      ]);
    });
  });

  describe('update', () => {
    it('updates with the version read, audits before/after, and refuses a stale version with 409', async () => {
      const repA = await w.as('repA');
      const c = await createCustomer(t.app, repA, { name: '甲', city: '杭州' });
      const res = await patch(repA, c.id, { version: 1, city: '宁波', industry: '机械' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ city: '宁波', industry: '机械', name: '甲', version: 2 });

      const stale = await patch(repA, c.id, { version: 1, city: '温州' });
      expectError(stale, 409, 'VERSION_CONFLICT');
      expect(stale.json().error.details.current).toMatchObject({ id: c.id, city: '宁波', version: 2 });
      expect((await getCustomer(t.app, repA, c.id)).city).toBe('宁波');

      const audit = await auditOf(t.app, await w.as('admin'), 'customer', c.id);
      expect(audit.map((a) => a.action)).toEqual(['customer.update', 'customer.create']);
      expect(audit[0]).toMatchObject({
        actorId: w.org.repA.id,
        before: { city: '杭州', version: 1 },
        after: { city: '宁波', industry: '机械', version: 2 },
      });
    });

    it('of two concurrent updates with the same version, exactly one wins', async () => {
      const repA = await w.as('repA');
      const c = await createCustomer(t.app, repA, { name: '甲' });
      const results = await Promise.all(
        ['一', '二', '三'].map((city) => patch(repA, c.id, { version: 1, city })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      const now = await getCustomer(t.app, repA, c.id);
      expect(now).toMatchObject({ city: winner.city, version: 2 });
      expect((await auditOf(t.app, await w.as('admin'), 'customer', c.id)).length).toBe(2);
    });

    it('refuses unknown fields, a missing version and invalid values', async () => {
      const repA = await w.as('repA');
      const c = await createCustomer(t.app, repA, { name: '甲' });
      for (const [body, path] of [
        [{ version: 1, lifetimeSpend: '1.00' }, 'lifetimeSpend'],
        [{ version: 1, workspaceId: NO_SUCH_ID }, 'workspaceId'],
        [{ version: 1, deletedAt: null }, 'deletedAt'],
        [{ name: '乙' }, 'version'],
        [{ version: '1', name: '乙' }, 'version'],
        [{ version: 1, name: '' }, 'name'],
        [{ version: 1, status: 'gone' }, 'status'],
      ] as const) {
        expectIssue(await patch(repA, c.id, body), path);
      }
      expect(await getCustomer(t.app, repA, c.id)).toEqual(c);
    });
  });

  describe('custom field values', () => {
    it('are checked against the definitions: unknown key, type, options and required', async () => {
      await defineField({ key: 'level', type: 'single_select', options: ['A', 'B', 'C'], required: true });
      await defineField({ key: 'tags', type: 'multi_select', options: ['vip', 'export'] });
      await defineField({ key: 'staff', type: 'number' });
      await defineField({ key: 'since', type: 'date' });
      await defineField({ key: 'memo', type: 'text' });
      const repA = await w.as('repA');
      for (const [cf, key, code] of [
        [{}, 'level', 'required'],
        [{ level: null }, 'level', 'required'],
        [{ level: 'A', nope: 'x' }, 'nope', 'unknown_field'],
        [{ level: 'Z' }, 'level', 'not_an_option'],
        [{ level: ['A'] }, 'level', 'not_an_option'],
        [{ level: 'A', tags: ['vip', 'spam'] }, 'tags', 'not_an_option'],
        [{ level: 'A', tags: 'vip' }, 'tags', 'not_an_option'],
        [{ level: 'A', staff: '12' }, 'staff', 'expected_number'],
        [{ level: 'A', since: '2024-13-45' }, 'since', 'expected_date'],
        [{ level: 'A', since: 20240101 }, 'since', 'expected_date'],
        [{ level: 'A', memo: 42 }, 'memo', 'expected_text'],
      ] as const) {
        expectIssue(await post(repA, { name: '甲', customFields: cf }), `customFields.${key}`, code);
      }
      expectIssue(await post(repA, { name: '甲' }), 'customFields.level', 'required');
      expect((await customers(repA)).total).toBe(0);

      const c = await createCustomer(t.app, repA, {
        customFields: { level: 'B', tags: ['vip'], staff: 42, since: '2024-02-29', memo: '老客户' },
      });
      expect(c.customFields).toEqual({
        level: 'B',
        tags: ['vip'],
        staff: 42,
        since: '2024-02-29',
        memo: '老客户',
      });
      // A partial update keeps the other values; null removes an optional one.
      const res = await patch(repA, c.id, { version: 1, customFields: { staff: 50, memo: null } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().customFields).toEqual({ level: 'B', tags: ['vip'], staff: 50, since: '2024-02-29' });
      expectIssue(
        await patch(repA, c.id, { version: 2, customFields: { level: null } }),
        'customFields.level',
        'required',
      );
      expectIssue(
        await patch(repA, c.id, { version: 2, customFields: { level: 'D' } }),
        'customFields.level',
        'not_an_option',
      );
      expect((await getCustomer(t.app, repA, c.id)).customFields.level).toBe('B');
    });
  });

  describe('recycle bin', () => {
    it('delete hides the customer; managers and admins list the bin; restore brings everything back', async () => {
      const repA = await w.as('repA');
      const managerA = await w.as('managerA');
      const admin = await w.as('admin');
      const c = await createCustomer(t.app, repA, { name: '回收站客户' });
      const other = await createCustomer(t.app, repA, { name: '留下的客户' });
      const contact = await createRecord(t.app, repA, 'contacts', { customerId: c.id, name: '王伟' });
      const ord = await createRecord(t.app, repA, 'orders', {
        customerId: c.id,
        orderNo: 'SO-BIN',
        orderedAt: '2026-01-10T10:00:00+08:00',
        status: 'completed',
        amount: '1234.50',
      });
      const fu = await createRecord(t.app, repA, 'followups', {
        customerId: c.id,
        type: 'visit',
        content: '上门拜访',
        occurredAt: '2026-01-11T09:00:00+08:00',
      });
      const before = await getCustomer(t.app, repA, c.id);
      expect(before).toMatchObject({ lifetimeSpend: '1234.50', lastFollowupAt: '2026-01-11T01:00:00.000Z' });

      expectError(await call(t.app, repA, 'DELETE', `${CUSTOMERS}/${c.id}`), 403, 'FORBIDDEN');
      expectError(await call(t.app, repA, 'GET', `${CUSTOMERS}?deleted=true`), 403, 'FORBIDDEN');
      expectError(
        await call(t.app, await w.as('managerB'), 'DELETE', `${CUSTOMERS}/${c.id}`),
        404,
        'NOT_FOUND',
      );
      const del = await call(t.app, managerA, 'DELETE', `${CUSTOMERS}/${c.id}`);
      expect(del.statusCode, del.body).toBe(204);

      for (const s of [repA, managerA, admin]) {
        expect(ids((await customers(s)).items)).toEqual([other.id]);
        expectError(await call(t.app, s, 'GET', `${CUSTOMERS}/${c.id}`), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'GET', `${CUSTOMERS}/${c.id}/timeline`), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'GET', `/api/v1/contacts/${contact.id}`), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'GET', `/api/v1/orders/${ord.id}`), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'GET', `/api/v1/followups/${fu.id}`), 404, 'NOT_FOUND');
        expect((await list(t.app, s, '/api/v1/orders')).total).toBe(0);
      }
      expectError(await patch(managerA, c.id, { version: before.version, notes: 'x' }), 404, 'NOT_FOUND');
      expectError(await call(t.app, managerA, 'DELETE', `${CUSTOMERS}/${c.id}`), 404, 'NOT_FOUND');
      for (const s of [managerA, admin]) {
        const bin = await customers(s, '?deleted=true');
        expect(ids(bin.items)).toEqual([c.id]);
        expect(bin.items[0]!.deletedAt).toEqual(expect.any(String));
      }
      expect((await customers(await w.as('managerB'), '?deleted=true')).total).toBe(0);
      // A deleted customer's external id and name do not turn up in searches either.
      expect((await customers(admin, `?q=${encodeURIComponent('回收站')}`)).total).toBe(0);

      expectError(await call(t.app, repA, 'POST', `${CUSTOMERS}/${c.id}/restore`), 403, 'FORBIDDEN');
      expectError(await call(t.app, admin, 'POST', `${CUSTOMERS}/${other.id}/restore`), 404, 'NOT_FOUND');
      const restored = await call(t.app, managerA, 'POST', `${CUSTOMERS}/${c.id}/restore`);
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({
        id: c.id,
        deletedAt: null,
        ownerId: w.org.repA.id,
        lifetimeSpend: '1234.50',
        lastOrderAt: '2026-01-10T02:00:00.000Z',
        lastFollowupAt: '2026-01-11T01:00:00.000Z',
      });
      expect((await customers(managerA, '?deleted=true')).total).toBe(0);
      expect((await call(t.app, repA, 'GET', `/api/v1/contacts/${contact.id}`)).json().name).toBe('王伟');
      expect((await call(t.app, repA, 'GET', `/api/v1/orders/${ord.id}`)).json().amount).toBe('1234.50');
      expect((await call(t.app, repA, 'GET', `/api/v1/followups/${fu.id}`)).statusCode).toBe(200);
      expect((await list(t.app, repA, `${CUSTOMERS}/${c.id}/orders`)).total).toBe(1);

      const audit = await auditOf(t.app, admin, 'customer', c.id);
      expect(audit.map((a) => a.action).sort()).toEqual([
        'customer.create',
        'customer.delete',
        'customer.restore',
      ]);
      const deleted = audit.find((a) => a.action === 'customer.delete')!;
      expect(deleted).toMatchObject({
        actorId: w.org.managerA.id,
        before: { id: c.id, deletedAt: null },
        after: null,
      });
      const back = audit.find((a) => a.action === 'customer.restore')!;
      expect(back).toMatchObject({ actorId: w.org.managerA.id, after: { id: c.id, deletedAt: null } });
    });

    it('a rep’s export of the bin is forbidden', async () => {
      expectError(
        await call(t.app, await w.as('repA'), 'GET', `${CUSTOMERS}/export?format=csv&deleted=true`),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('bulk', () => {
    it('changes the owner of what the manager may edit, and reports the rest as skipped', async () => {
      const s = await seedOwners();
      const managerA = await w.as('managerA');
      const res = await call(t.app, managerA, 'POST', `${CUSTOMERS}/bulk`, {
        ids: [s.repA.id, s.pool.id, s.repA2.id, s.repB.id, NO_SUCH_ID, s.repA.id],
        action: 'change_owner',
        ownerId: w.org.repA2.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json();
      expect(result.affected).toBe(2);
      expect(result.skipped).toEqual(
        expect.arrayContaining([
          { id: s.repB.id, code: 'NOT_FOUND' },
          { id: NO_SUCH_ID, code: 'NOT_FOUND' },
        ]),
      );
      expect(result.skipped).toHaveLength(2);
      const admin = await w.as('admin');
      for (const c of [s.repA, s.pool, s.repA2]) {
        expect((await getCustomer(t.app, admin, c.id)).ownerId).toBe(w.org.repA2.id);
      }
      expect((await getCustomer(t.app, admin, s.repB.id)).ownerId).toBe(w.org.repB.id);
      const audit = await auditOf(t.app, admin, 'customer', s.pool.id);
      expect(audit[0]).toMatchObject({
        action: 'customer.update',
        actorId: w.org.managerA.id,
        before: { ownerId: null },
        after: { ownerId: w.org.repA2.id },
      });
    });

    it('checks the new owner and requires one for change_owner', async () => {
      const s = await seedOwners();
      const managerA = await w.as('managerA');
      const bulk = (body: Record<string, unknown>) =>
        call(t.app, managerA, 'POST', `${CUSTOMERS}/bulk`, body);
      expectIssue(
        await bulk({ ids: [s.repA.id], action: 'change_owner', ownerId: w.org.repB.id }),
        'ownerId',
        'not_allowed_owner',
      );
      expectIssue(await bulk({ ids: [s.repA.id], action: 'change_owner' }), 'ownerId', 'required');
      expectIssue(await bulk({ ids: [], action: 'delete' }), 'ids');
      expectIssue(await bulk({ ids: [s.repA.id], action: 'archive' }), 'action');
      expectIssue(await bulk({ ids: [s.repA.id], action: 'delete', force: true }), 'force');
      const toPool = await bulk({ ids: [s.repA.id, s.repA2.id], action: 'change_owner', ownerId: null });
      expect(toPool.json()).toEqual({ affected: 2, skipped: [] });
      expect((await customers(managerA, '?ownerId=none')).total).toBe(3);
      const admin = await w.as('admin');
      const anyone = await call(t.app, admin, 'POST', `${CUSTOMERS}/bulk`, {
        ids: [s.repA.id, s.repB.id],
        action: 'change_owner',
        ownerId: w.org.loneRep.id,
      });
      expect(anyone.json()).toEqual({ affected: 2, skipped: [] });
      expect((await customers(await w.as('loneRep'), '?ownerId=me')).total).toBe(3);
    });

    it('deletes what the manager may delete; reps may do neither', async () => {
      const s = await seedOwners();
      const repA = await w.as('repA');
      for (const body of [
        { ids: [s.repA.id], action: 'delete' },
        { ids: [s.repA.id], action: 'change_owner', ownerId: w.org.repA.id },
      ]) {
        expectError(await call(t.app, repA, 'POST', `${CUSTOMERS}/bulk`, body), 403, 'FORBIDDEN');
      }
      const managerB = await w.as('managerB');
      const res = await call(t.app, managerB, 'POST', `${CUSTOMERS}/bulk`, {
        ids: [s.repB.id, s.pool.id, s.repA.id, s.managerA.id],
        action: 'delete',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().affected).toBe(2);
      expect(ids(res.json().skipped)).toEqual(ids([s.repA, s.managerA]));
      const admin = await w.as('admin');
      expect(ids((await customers(admin, '?deleted=true')).items)).toEqual(ids([s.repB, s.pool]));
      expect((await customers(admin)).total).toBe(5);
      expect((await auditOf(t.app, admin, 'customer', s.repB.id))[0]!.action).toBe('customer.delete');
    });
  });
});
