import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  daysAgo,
  expectError,
  expectIssue,
  getCustomer,
  useWorld,
} from '../../../test/customer-fixtures.ts';
import type { Scheme, Segment, TagGroup } from '@stratum/contracts';
import { drainJobs } from '../jobs/index.ts';
import { enqueueDueClassificationJobs } from './segmentation.jobs.ts';

const order = (customerId: string, amount: string, days: number, n: string) => ({
  customerId,
  orderNo: `SO-${n}`,
  orderedAt: daysAgo(days),
  status: 'completed',
  amount,
});

describe('classification: schemes, tags, segments', () => {
  const t = useTestApp();
  const w = useWorld(t);

  async function schemes(who: 'admin' | 'repA' = 'admin'): Promise<Scheme[]> {
    const res = await call(t.app, await w.as(who), 'GET', '/api/v1/schemes');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }

  it('places a new customer at once, and moves it as orders arrive, recording each change with why', async () => {
    const rep = await w.as('repA');
    const c = await createCustomer(t.app, rep);
    expect(c.tiers).toMatchObject({ value: 'C', lifecycle: 'prospect', churn_risk: 'low' });
    expect(c.tiers.rfm).toBeUndefined();

    await createRecord(t.app, rep, 'orders', order(c.id, '12000.00', 10, '1'));
    const after = await getCustomer(t.app, rep, c.id);
    expect(after.tiers).toMatchObject({ value: 'A', lifecycle: 'new', rfm: expect.any(String) });

    const cls = (await call(t.app, rep, 'GET', `/api/v1/customers/${c.id}/classification`)).json();
    const value = cls.placements.find((p: { schemeKey: string }) => p.schemeKey === 'value');
    expect(value.tier).toMatchObject({ key: 'A', name: 'A 类客户' });
    expect(value.why).toMatchObject({
      kind: 'rule',
      rule: { field: 'spend_365d', op: 'gte', value: 10000 },
      values: [{ field: 'spend_365d', label: '近12个月消费', value: '12000.00' }],
    });
    const rfm = cls.placements.find((p: { schemeKey: string }) => p.schemeKey === 'rfm');
    expect(rfm.why).toMatchObject({ kind: 'rfm', recencyDays: 10, frequency: 1, monetary: '12000.00' });
    const changes = cls.history.filter((h: { schemeKey: string }) => h.schemeKey === 'value');
    expect(changes.map((h: { fromTier: string | null; toTier: string }) => [h.fromTier, h.toTier])).toEqual([
      ['C', 'A'],
      [null, 'C'],
    ]);

    // Someone else's customer's placement is as hidden as the customer.
    const other = await w.as('repB');
    expectError(
      await call(t.app, other, 'GET', `/api/v1/customers/${c.id}/classification`),
      404,
      'NOT_FOUND',
    );
  });

  it('lists schemes with counts in the caller’s scope; editing a tier rule re-places everyone', async () => {
    const [admin, repA, repB] = [await w.as('admin'), await w.as('repA'), await w.as('repB')];
    const a = await createCustomer(t.app, repA, { name: 'A1' });
    const b = await createCustomer(t.app, repB, { name: 'B1' });
    await createRecord(t.app, repA, 'orders', order(a.id, '5000.00', 5, 'a'));
    await createRecord(t.app, repB, 'orders', order(b.id, '3000.00', 5, 'b'));

    const value = (await schemes()).find((s) => s.key === 'value')!;
    expect(value.tiers.map((x) => [x.key, x.count])).toEqual([
      ['A', 0],
      ['B', 2],
      ['C', 0],
    ]);
    const mine = (await schemes('repA')).find((s) => s.key === 'value')!;
    expect(mine.tiers.find((x) => x.key === 'B')!.count).toBe(1);

    // A from 4000: only A1 moves up.
    const tiers = value.tiers.map(({ id: _id, count: _count, ...tier }) =>
      tier.key === 'A' ? { ...tier, rule: { field: 'spend_365d', op: 'gte', value: 4000 } } : tier,
    );
    const res = await call(t.app, admin, 'PATCH', `/api/v1/schemes/${value.id}`, {
      version: value.version,
      tiers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Scheme).tiers.map((x) => [x.key, x.count])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 0],
    ]);
    expect((await getCustomer(t.app, repA, a.id)).tiers.value).toBe('A');

    // A stale version, a broken rule (located), a rule testing a later scheme: refused, nothing changed.
    expectError(
      await call(t.app, admin, 'PATCH', `/api/v1/schemes/${value.id}`, { version: value.version, tiers }),
      409,
      'VERSION_CONFLICT',
    );
    const current = (await schemes()).find((s) => s.key === 'value')!;
    const bad = tiers.map((x, i) =>
      i === 1 ? { ...x, rule: { and: [{ field: 'nope', op: 'eq', value: 1 }] } } : x,
    );
    expectIssue(
      await call(t.app, admin, 'PATCH', `/api/v1/schemes/${value.id}`, {
        version: current.version,
        tiers: bad,
      }),
      'tiers[1].rule.and[0].field',
      'invalid_rule',
    );
    const later = tiers.map((x, i) =>
      i === 1 ? { ...x, rule: { field: 'tier.lifecycle', op: 'eq', value: 'new' } } : x,
    );
    expectIssue(
      await call(t.app, admin, 'PATCH', `/api/v1/schemes/${value.id}`, {
        version: current.version,
        tiers: later,
      }),
      'tiers[1].rule.field',
      'invalid_rule',
    );
    // Reps and managers may not edit schemes.
    expectError(
      await call(t.app, await w.as('managerA'), 'PATCH', `/api/v1/schemes/${value.id}`, {
        version: current.version,
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('creates a rules scheme over earlier tiers, refuses deleting what rules use and the built-in RFM', async () => {
    const admin = await w.as('admin');
    const c = await createCustomer(t.app, await w.as('repA'));
    await createRecord(t.app, admin, 'orders', order(c.id, '20000.00', 3, 'x'));
    const res = await call(t.app, admin, 'POST', '/api/v1/schemes', {
      key: 'priority',
      nameZh: '服务优先级',
      nameEn: 'Service priority',
      tiers: [
        { key: 'p1', nameZh: '优先', nameEn: 'First', rule: { field: 'tier.value', op: 'eq', value: 'A' } },
        { key: 'p2', nameZh: '普通', nameEn: 'Normal' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const priority = res.json() as Scheme;
    expect(priority.tiers.map((x) => [x.key, x.count])).toEqual([
      ['p1', 1],
      ['p2', 0],
    ]);
    expectIssue(
      await call(t.app, admin, 'POST', '/api/v1/schemes', {
        key: 'priority',
        nameZh: 'x',
        nameEn: 'x',
        tiers: [{ key: 'a', nameZh: 'a', nameEn: 'a' }],
      }),
      'key',
      'duplicate',
    );
    // A segment testing it keeps it alive.
    const seg = await call(t.app, admin, 'POST', '/api/v1/segments', {
      name: '优先服务',
      kind: 'dynamic',
      rule: { field: 'tier.priority', op: 'eq', value: 'p1' },
    });
    expect(seg.statusCode, seg.body).toBe(201);
    expectError(await call(t.app, admin, 'DELETE', `/api/v1/schemes/${priority.id}`), 409, 'RULE_REFERENCED');
    expect((await call(t.app, admin, 'DELETE', `/api/v1/segments/${seg.json().id}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, 'DELETE', `/api/v1/schemes/${priority.id}`)).statusCode).toBe(204);
    expect((await getCustomer(t.app, admin, c.id)).tiers.priority).toBeUndefined();

    const rfm = (await schemes()).find((s) => s.key === 'rfm')!;
    expectError(await call(t.app, admin, 'DELETE', `/api/v1/schemes/${rfm.id}`), 400, 'SCHEME_BUILT_IN');
  });

  it('RFM settings: fixed thresholds and bars re-score everyone; bad settings are located', async () => {
    const admin = await w.as('admin');
    const rep = await w.as('repA');
    const big = await createCustomer(t.app, rep, { name: '大客户' });
    const small = await createCustomer(t.app, rep, { name: '小客户' });
    for (let i = 0; i < 6; i++)
      await createRecord(t.app, rep, 'orders', order(big.id, '900.00', 2 + i, `b${i}`));
    await createRecord(t.app, rep, 'orders', order(small.id, '50.00', 300, 's'));
    const rfm = (await schemes()).find((s) => s.key === 'rfm')!;
    const config = {
      scoring: 'thresholds',
      thresholds: { r: [30, 60, 90, 180], f: [1, 2, 3, 5], m: [100, 500, 1000, 5000] },
      compare: 'fixed',
      fixed: { r: 3, f: 3, m: 3 },
    };
    const res = await call(t.app, admin, 'PATCH', `/api/v1/schemes/${rfm.id}`, {
      version: rfm.version,
      config,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().calibration.cuts.m).toEqual([100, 500, 1000, 5000]);
    expect((await getCustomer(t.app, rep, big.id)).tiers.rfm).toBe('important_value');
    expect((await getCustomer(t.app, rep, small.id)).tiers.rfm).toBe('general_winback');
    expectIssue(
      await call(t.app, admin, 'PATCH', `/api/v1/schemes/${rfm.id}`, {
        version: res.json().version,
        config: { ...config, thresholds: { ...config.thresholds, r: [1, 2] } },
      }),
      'config.thresholds.r',
      'invalid_config',
    );
  });

  it('a manual tag is a filter at once, also in a workspace with no rule tags', async () => {
    const repA = await w.as('repA');
    const groups = (await call(t.app, repA, 'GET', '/api/v1/tag-groups')).json().items as TagGroup[];
    expect(groups.flatMap((g) => g.tags).filter((x) => x.rule)).toEqual([]);
    const admin = await w.as('admin');
    const vip = (
      await call(t.app, admin, 'POST', '/api/v1/tags', { groupId: groups.at(-1)!.id, name: '重点跟进' })
    ).json().id as string;
    const [a] = [await createCustomer(t.app, repA), await createCustomer(t.app, repA)];
    const tagged = await call(t.app, repA, 'POST', '/api/v1/customers/tags', {
      customerIds: [a.id],
      add: [vip],
    });
    expect(tagged.json()).toEqual({ affected: 1, skipped: [] });
    expect((await getCustomer(t.app, repA, a.id)).tagIds).toEqual([vip]);
    const rule = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'has_any', value: [vip] }));
    const hits = (await call(t.app, repA, 'GET', `/api/v1/customers?filter=${rule}`)).json();
    expect(hits.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
  });

  it('tags: auto-tag rules apply live, single-choice groups hold one, reps tag only their own', async () => {
    const [admin, repA] = [await w.as('admin'), await w.as('repA')];
    const groups = (await call(t.app, admin, 'GET', '/api/v1/tag-groups')).json().items as TagGroup[];
    expect(groups.map((g) => g.nameZh)).toEqual(['行业', '地区', '规模', '价值', '合作状态', '自定义']);
    const value = groups.find((g) => g.nameZh === '价值')!;
    const status = groups.find((g) => g.nameZh === '合作状态')!;
    const big = (
      await call(t.app, admin, 'POST', '/api/v1/tags', {
        groupId: value.id,
        name: '大单客户',
        rule: { field: 'total_spend', op: 'gte', value: 10000 },
      })
    ).json().id as string;
    const longTerm = (
      await call(t.app, admin, 'POST', '/api/v1/tags', { groupId: status.id, name: '长期合作' })
    ).json().id;
    const paused = (
      await call(t.app, admin, 'POST', '/api/v1/tags', { groupId: status.id, name: '暂停合作' })
    ).json().id;
    expectIssue(
      await call(t.app, admin, 'POST', '/api/v1/tags', {
        groupId: value.id,
        name: '坏规则',
        rule: { field: 'tags', op: 'has_any', value: [big] },
      }),
      'rule.field',
      'invalid_rule',
    );

    const c = await createCustomer(t.app, repA);
    expect(c.tagIds).toEqual([]);
    await createRecord(t.app, repA, 'orders', order(c.id, '15000.00', 1, 't'));
    expect((await getCustomer(t.app, repA, c.id)).tagIds).toEqual([big]);

    // Single choice: the second status tag replaces the first.
    const tag = (add: string[], remove: string[] = [], who = repA, ids = [c.id]) =>
      call(t.app, who, 'POST', '/api/v1/customers/tags', { customerIds: ids, add, remove });
    expect((await tag([longTerm])).json()).toEqual({ affected: 1, skipped: [] });
    expect((await tag([paused])).json().affected).toBe(1);
    expect((await getCustomer(t.app, repA, c.id)).tagIds.sort()).toEqual([big, paused].sort());
    // A rule's tag cannot be taken off by hand; another rep cannot tag this customer.
    expect((await tag([], [big])).json().skipped).toEqual([{ id: c.id, code: 'TAG_BY_RULE' }]);
    expect((await tag([longTerm], [], await w.as('repB'))).json()).toEqual({
      affected: 0,
      skipped: [{ id: c.id, code: 'NOT_EDITABLE' }],
    });
    // Filters combine tags: has_all / has_none.
    const filter = (rule: unknown) =>
      call(t.app, repA, 'GET', `/api/v1/customers?filter=${encodeURIComponent(JSON.stringify(rule))}`);
    expect((await filter({ field: 'tags', op: 'has_all', value: [big, paused] })).json().total).toBe(1);
    expect((await filter({ field: 'tags', op: 'has_none', value: [paused] })).json().total).toBe(0);

    const counts = (await call(t.app, repA, 'GET', '/api/v1/tag-groups')).json().items as TagGroup[];
    expect(counts.flatMap((g) => g.tags).map((x) => [x.name, x.count])).toEqual(
      expect.arrayContaining([
        ['大单客户', 1],
        ['暂停合作', 1],
        ['长期合作', 0],
      ]),
    );
    // Removing the rule takes its tags away; the tag stays for manual use.
    const current = counts.flatMap((g) => g.tags).find((x) => x.id === big)!;
    expect(
      (await call(t.app, admin, 'PATCH', `/api/v1/tags/${big}`, { version: current.version, rule: null }))
        .statusCode,
    ).toBe(200);
    expect((await getCustomer(t.app, repA, c.id)).tagIds).toEqual([paused]);
    expectError(
      await call(t.app, repA, 'POST', '/api/v1/tags', { groupId: value.id, name: 'x' }),
      403,
      'FORBIDDEN',
    );
  });

  it('segments: dynamic membership follows writes with events; static lists; cycles refused; counts scoped', async () => {
    const [manager, repA, repB] = [await w.as('managerA'), await w.as('repA'), await w.as('repB')];
    const a = await createCustomer(t.app, repA, { province: '浙江' });
    const b = await createCustomer(t.app, repB, { province: '浙江' });
    const res = await call(t.app, manager, 'POST', '/api/v1/segments', {
      name: '浙江大客户',
      kind: 'dynamic',
      rule: {
        and: [
          { field: 'province', op: 'eq', value: '浙江' },
          { field: 'total_spend', op: 'gte', value: 1000 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const seg = res.json() as Segment;
    expect(seg.count).toBe(0);

    await createRecord(t.app, repA, 'orders', order(a.id, '1500.00', 1, 'za'));
    await createRecord(t.app, repB, 'orders', order(b.id, '2500.00', 1, 'zb'));
    const admin = await w.as('admin');
    expect((await call(t.app, admin, 'GET', `/api/v1/segments/${seg.id}`)).json().count).toBe(2);
    // Scope: each rep sees their own member only, in counts, members and events.
    expect((await call(t.app, repA, 'GET', `/api/v1/segments/${seg.id}`)).json().count).toBe(1);
    const members = (await call(t.app, repA, 'GET', `/api/v1/segments/${seg.id}/members`)).json();
    expect(members.items.map((m: { customerId: string }) => m.customerId)).toEqual([a.id]);

    // Leaving: moving to another province exits; the events say so.
    const current = await getCustomer(t.app, repA, a.id);
    await call(t.app, repA, 'PATCH', `/api/v1/customers/${a.id}`, {
      version: current.version,
      province: '江苏',
    });
    const events = (await call(t.app, repA, 'GET', `/api/v1/segments/${seg.id}/events`)).json();
    expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(['exited', 'entered']);
    // As a list filter (and so as an export).
    const asFilter = encodeURIComponent(
      JSON.stringify({ field: 'segments', op: 'has_any', value: [seg.id] }),
    );
    expect((await call(t.app, admin, 'GET', `/api/v1/customers?filter=${asFilter}`)).json().total).toBe(1);

    // Static: hand-picked, only customers the caller may see.
    const st = (
      await call(t.app, manager, 'POST', '/api/v1/segments', {
        name: '展会名单',
        kind: 'static',
        customerIds: [a.id, b.id],
      })
    ).json() as Segment;
    expect(st.count).toBe(1); // managerA's team has a, not b
    expectError(
      await call(t.app, manager, 'PATCH', `/api/v1/segments/${seg.id}`, {
        version: seg.version,
        rule: { field: 'segments', op: 'has_any', value: [seg.id] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const dep = (
      await call(t.app, manager, 'POST', '/api/v1/segments', {
        name: '展会名单中的浙江大客户',
        kind: 'dynamic',
        rule: { field: 'segments', op: 'has_all', value: [seg.id, st.id] },
      })
    ).json() as Segment;
    expectIssue(
      await call(t.app, manager, 'PATCH', `/api/v1/segments/${seg.id}`, {
        version: seg.version,
        rule: { field: 'segments', op: 'has_any', value: [dep.id] },
      }),
      'rule',
      'segment_cycle',
    );
    expectError(
      await call(t.app, repA, 'POST', '/api/v1/segments', { name: 'x', kind: 'static' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(t.app, manager, 'POST', `/api/v1/segments/${seg.id}/members`, { customerIds: [a.id] }),
      400,
      'SEGMENT_NOT_STATIC',
    );
    // Live preview, in scope.
    const preview = await call(t.app, repB, 'POST', '/api/v1/segmentation/preview', {
      rule: { field: 'province', op: 'eq', value: '浙江' },
    });
    expect(preview.json()).toMatchObject({ count: 1, sample: [{ id: b.id }] });
  });

  it('snapshots freeze tiers; the migration matrix counts moves and the spend between', async () => {
    const [admin, rep] = [await w.as('admin'), await w.as('repA')];
    const a = await createCustomer(t.app, rep, { name: '甲' });
    const b = await createCustomer(t.app, rep, { name: '乙' });
    await createRecord(t.app, rep, 'orders', order(a.id, '3000.00', 20, 'm1'));
    const snap = (await call(t.app, admin, 'POST', '/api/v1/snapshots', { label: '2026 Q3' })).json();
    expect(snap).toMatchObject({ label: '2026 Q3', trigger: 'manual', customerCount: 2 });
    await createRecord(t.app, rep, 'orders', order(a.id, '8000.00', 2, 'm2'));
    const c = await createCustomer(t.app, rep, { name: '丙' });

    const m = (
      await call(t.app, rep, 'GET', `/api/v1/segmentation/migration?from=${snap.id}&to=current&scheme=value`)
    ).json();
    expect(m.tiers.map((x: { key: string }) => x.key)).toEqual(['A', 'B', 'C', 'none']);
    expect(m.flows).toEqual([
      { from: 'B', to: 'A', count: 1, revenue: '8000.00' },
      { from: 'C', to: 'C', count: 1, revenue: '0.00' },
      { from: 'none', to: 'C', count: 1, revenue: '0.00' },
    ]);
    expect(b.id && c.id).toBeTruthy();
    expectError(await call(t.app, rep, 'POST', '/api/v1/snapshots', {}), 403, 'FORBIDDEN');
  });

  it('the migration matrix narrows by owner/team like the dashboards and exports the same numbers', async () => {
    const [admin, repA] = [await w.as('admin'), await w.as('repA')];
    const a = await createCustomer(t.app, repA, { name: '甲' });
    await createCustomer(t.app, await w.as('repB'), { name: '丁' });
    await createRecord(t.app, repA, 'orders', order(a.id, '3000.00', 20, 'n1'));
    const snap = (await call(t.app, admin, 'POST', '/api/v1/snapshots', { label: 'Q' })).json();
    await createRecord(t.app, repA, 'orders', order(a.id, '8000.00', 2, 'n2'));
    const base = `/api/v1/segmentation/migration?from=${snap.id}&to=current&scheme=value`;
    const flows = async (who: typeof admin, q: string) => {
      const res = await call(t.app, who, 'GET', `${base}${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().flows;
    };
    const moved = { from: 'B', to: 'A', count: 1, revenue: '8000.00' };
    const stayed = { from: 'C', to: 'C', count: 1, revenue: '0.00' };
    expect(await flows(admin, '')).toEqual([moved, stayed]);
    expect(await flows(admin, `&ownerId=${w.org.repA.id}`)).toEqual([moved]);
    expect(await flows(admin, `&teamId=${w.org.teamB.id}`)).toEqual([stayed]);
    expect(await flows(admin, `&teamId=${w.org.teamA.id}&ownerId=${w.org.repB.id}`)).toEqual([]);
    expect(await flows(repA, '&ownerId=me')).toEqual([moved]);
    // On top of the scope: a rep filtering on another owner (or team) sees nothing, as on the dashboards.
    expect(await flows(repA, `&ownerId=${w.org.repB.id}`)).toEqual([]);
    expect(await flows(await w.as('managerA'), `&teamId=${w.org.teamB.id}`)).toEqual([]);
    expectIssue(await call(t.app, admin, 'GET', `${base}&ownerId=nope`), 'ownerId');
    expectIssue(await call(t.app, admin, 'GET', `${base}&teamId=nope`), 'teamId');

    // Export: the same matrix, one row per from tier × to tier, in the caller's language and scope.
    const exp = `/api/v1/segmentation/migration/export?from=${snap.id}&to=current&scheme=value`;
    const names = new Map<string, string>(
      (await call(t.app, admin, 'GET', base))
        .json()
        .tiers.map((x: { key: string; name: string }) => [x.key, x.name]),
    );
    const csv = await call(t.app, admin, 'GET', `${exp}&format=csv&teamId=${w.org.teamB.id}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="migration-value-.*\.csv"$/);
    expect(csv.body.split('\r\n').filter(Boolean)).toEqual([
      '\uFEFF起始层级,目标层级,客户数,期间收入',
      `${names.get('C')},${names.get('C')},1,0`,
    ]);
    const xlsx = await call(t.app, { ...repA, lang: 'en' }, 'GET', `${exp}&ownerId=me`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    const en = new Map<string, string>(
      (await call(t.app, { ...repA, lang: 'en' }, 'GET', base))
        .json()
        .tiers.map((x: { key: string; name: string }) => [x.key, x.name]),
    );
    expect(rows).toEqual([
      ['From tier', 'To tier', 'Customers', 'Revenue between'],
      [en.get('B'), en.get('A'), 1, 8000],
    ]);
    expectIssue(await call(t.app, admin, 'GET', `${exp}&ownerId=nope`), 'ownerId');
  });

  it('recompute as of a day is a job: it rescores time-dependent tiers and is audited', async () => {
    const admin = await w.as('admin');
    const c = await createCustomer(t.app, await w.as('repA'));
    await createRecord(t.app, admin, 'orders', order(c.id, '100.00', 0, 'r'));
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const res = await call(t.app, admin, 'POST', '/api/v1/segmentation/recompute', { asOf: later });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json() as { jobId: string };
    // Asked again before it ran: the same job, not a second one.
    const again = await call(t.app, admin, 'POST', '/api/v1/segmentation/recompute', { asOf: later });
    expect(again.json()).toEqual({ jobId });
    // A rep may not start one; nor see the admin's job.
    expectError(
      await call(t.app, await w.as('repA'), 'POST', '/api/v1/segmentation/recompute', {}),
      403,
      'FORBIDDEN',
    );
    expect((await call(t.app, await w.as('repA'), 'GET', `/api/v1/jobs/${jobId}`)).statusCode).toBe(404);
    expect(await drainJobs(t.db)).toBe(1);
    const job = (await call(t.app, admin, 'GET', `/api/v1/jobs/${jobId}`)).json();
    expect(job).toMatchObject({
      kind: 'segmentation.recompute',
      status: 'succeeded',
      progress: { done: 1, total: 1, phase: 'recompute' },
      result: { asOf: later, tierChanges: expect.any(Number), ranges: { count: 1 } },
    });
    expect((await getCustomer(t.app, admin, c.id)).tiers.lifecycle).toBe('churned');
    const { rows } = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'segmentation.recompute'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
    // As of a past day, later orders do not count yet: the metrics are that day's.
    await createRecord(t.app, admin, 'orders', order(c.id, '50.00', 30, 'r2'));
    const past = daysAgo(10).slice(0, 10);
    expect(
      (await call(t.app, admin, 'POST', '/api/v1/segmentation/recompute', { asOf: past })).statusCode,
    ).toBe(202);
    expect(await drainJobs(t.db)).toBe(1);
    const { rows: m } = await t.db.execute(
      sql`SELECT order_count, total_spend::text AS total FROM customer_metrics WHERE customer_id = ${c.id}`,
    );
    expect(m[0]).toEqual({ order_count: 1, total: '50.00' });
  });

  it('the hourly tick queues the daily recompute (after 03:00 local) and the quarterly snapshot, once each', async () => {
    const c = await createCustomer(t.app, await w.as('repA'));
    await createRecord(t.app, await w.as('repA'), 'orders', order(c.id, '100.00', 1, 'j'));
    const early = new Date('2026-11-22T18:30:00Z'); // 02:30 on the 23rd in Shanghai
    await enqueueDueClassificationJobs(t.db, early);
    expect(await drainJobs(t.db)).toBe(1); // the snapshot only: too early for the recompute
    const later = new Date('2026-11-22T20:00:00Z'); // 04:00 on the 23rd
    await enqueueDueClassificationJobs(t.db, later);
    await enqueueDueClassificationJobs(t.db, later);
    expect(await drainJobs(t.db)).toBe(1);
    const snaps = (await call(t.app, await w.as('admin'), 'GET', '/api/v1/snapshots')).json().items;
    expect(snaps).toMatchObject([{ label: '2026 Q4', trigger: 'scheduled', customerCount: 1 }]);
    const { rows } = await t.db.execute(
      sql`SELECT kind, status, payload FROM jobs WHERE kind LIKE 'segmentation.%' ORDER BY kind`,
    );
    expect(rows).toEqual([
      { kind: 'segmentation.recompute', status: 'succeeded', payload: { asOf: '2026-11-23' } },
      { kind: 'segmentation.snapshot', status: 'succeeded', payload: { label: '2026 Q4' } },
    ]);
  });
});
