import type { CreatedNpsSurvey, NpsResults, NpsSurveyList } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  createCustomer,
  expectError,
  expectIssue,
  NO_SUCH_ID,
  useWorld,
} from '../../../test/customer-fixtures.ts';
import { customerMetrics, customers, npsSurveys, segmentMembers, segments } from '../../db/schema.ts';
import { loadDemo } from '../../db/seed/demo.ts';
import { customerChanged, recomputeWorkspace } from '../segmentation/placement.ts';
import { hashToken } from './nps.service.ts';

let nextIp = 1;
/** The public page's calls: anonymous, from their own address (the per-IP limits stay per test). */
function publicClient(t: ReturnType<typeof useTestApp>) {
  const remoteAddress = `10.0.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
  return {
    get: (token: string, lang?: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/nps/${token}`,
        remoteAddress,
        headers: lang ? { 'accept-language': lang } : {},
      }),
    post: (token: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/nps/${token}`,
        remoteAddress,
        payload: payload as object,
      }),
  };
}

describe('NPS surveys', () => {
  const t = useTestApp();
  const w = useWorld(t);

  async function link(who: Parameters<typeof w.as>[0], customerId: string, body: object = {}) {
    const res = await call(
      t.app,
      await w.as(who),
      'POST',
      `/api/v1/customers/${customerId}/nps-surveys`,
      body,
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CreatedNpsSurvey;
  }
  const surveys = async (who: Parameters<typeof w.as>[0], customerId: string) => {
    const res = await call(t.app, await w.as(who), 'GET', `/api/v1/customers/${customerId}/nps-surveys`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NpsSurveyList;
  };
  const metricsOf = async (customerId: string) => {
    const { rows } = await t.db.execute<{ nps_score: number | null; nps_at: unknown; order_count: number }>(
      sql`SELECT nps_score, nps_at, order_count FROM customer_metrics WHERE customer_id = ${customerId}`,
    );
    return rows[0];
  };

  it('a link is answered once on the public page; the score reaches the customer', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, { name: '宁波海天贸易有限公司', phone: '13800000000' });
    const created = await link('repA', c.id, { channel: 'wechat', expiresInDays: 7 });
    expect(created).toMatchObject({ customerId: c.id, status: 'open', channel: 'wechat', score: null });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/s/${created.token}`);
    const days = (Date.parse(created.expiresAt) - Date.parse(created.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    // Only the token's hash is stored.
    const [row] = await t.db.select().from(npsSurveys);
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const pub = publicClient(t);
    const page = await pub.get(created.token);
    expect(page.statusCode, page.body).toBe(200);
    // The workspace's and the customer's names, and nothing else (no phone, ids, owner, score…).
    expect(page.json()).toStrictEqual({ workspaceName: '测试公司', customerName: '宁波海天贸易有限公司' });

    const answer = await pub.post(created.token, { score: 9, comment: '  服务很及时  ' });
    expect(answer.statusCode, answer.body).toBe(204);
    const again = await pub.post(created.token, { score: 3 });
    expectError(again, 409, 'NPS_ALREADY_ANSWERED');
    expect(again.json().error.message).toBe('该调研已经提交过了，感谢您的反馈');
    expectError(await pub.get(created.token, 'en'), 409, 'NPS_ALREADY_ANSWERED');
    expect((await pub.get(created.token, 'en')).json().error.message).toMatch(/already been answered/);

    const list = await surveys('repA', c.id);
    expect(list.latestScore).toBe(9);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'answered', score: 9, comment: '服务很及时' });
    expect(list.items[0]!.createdByName).toBe(w.org.repA.name);
    expect(list.items[0]).not.toHaveProperty('token');
    const m = await metricsOf(c.id);
    expect(m!.nps_score).toBe(9);
    expect(new Date(m!.nps_at as string).toISOString()).toBe(list.items[0]!.respondedAt);

    // Metrics recomputes (one customer, the whole workspace) keep the score: it is not theirs to write.
    await t.db.transaction((tx) => customerChanged(tx, w.org.workspaceId, c.id));
    await recomputeWorkspace(t.db, w.org.workspaceId);
    expect((await metricsOf(c.id))!.nps_score).toBe(9);

    // A later answer on a new link replaces the latest score.
    const second = await link('repA', c.id);
    expect((await pub.post(second.token, { score: 4 })).statusCode).toBe(204);
    expect((await surveys('repA', c.id)).latestScore).toBe(4);
    expect((await metricsOf(c.id))!.nps_score).toBe(4);
    // Creating and revoking are audited on the customer.
    const { rows } = await t.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = ${c.id} AND action LIKE 'nps_survey.%' ORDER BY at`,
    );
    expect(rows.map((r) => r.action)).toEqual(['nps_survey.create', 'nps_survey.create']);
  });

  it('expired, revoked and unknown links cannot be answered', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const pub = publicClient(t);

    const expired = await link('repA', c.id);
    await t.db.execute(
      sql`UPDATE nps_surveys SET expires_at = now() - interval '1 minute' WHERE id = ${expired.id}`,
    );
    expectError(await pub.get(expired.token), 410, 'NPS_SURVEY_EXPIRED');
    expectError(await pub.post(expired.token, { score: 8 }), 410, 'NPS_SURVEY_EXPIRED');
    expect((await surveys('repA', c.id)).items[0]!.status).toBe('expired');

    const revoked = await link('repA', c.id);
    const res = await call(t.app, repA, 'POST', `/api/v1/customers/${c.id}/nps-surveys/${revoked.id}/revoke`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked' });
    expectError(await pub.get(revoked.token), 410, 'NPS_SURVEY_REVOKED');
    expectError(await pub.post(revoked.token, { score: 8 }), 410, 'NPS_SURVEY_REVOKED');

    // An answered link cannot be revoked; an unknown one is 404.
    const answered = await link('repA', c.id);
    expect((await pub.post(answered.token, { score: 10 })).statusCode).toBe(204);
    expectError(
      await call(t.app, repA, 'POST', `/api/v1/customers/${c.id}/nps-surveys/${answered.id}/revoke`),
      409,
      'NPS_ALREADY_ANSWERED',
    );
    expectError(
      await call(t.app, repA, 'POST', `/api/v1/customers/${c.id}/nps-surveys/${NO_SUCH_ID}/revoke`),
      404,
      'NOT_FOUND',
    );

    const unknown = 'A'.repeat(43);
    expectError(await pub.get(unknown), 404, 'NOT_FOUND');
    expectError(await pub.post(unknown, { score: 5 }), 404, 'NOT_FOUND');
    expectError(await pub.get('not-a-token'), 404, 'NOT_FOUND');

    // A customer in the recycle bin takes its links with it.
    const open = await link('repA', c.id);
    await t.db.execute(sql`UPDATE customers SET deleted_at = now() WHERE id = ${c.id}`);
    expectError(await pub.get(open.token), 404, 'NOT_FOUND');
    expect((await metricsOf(c.id))!.nps_score).toBe(10);
  });

  it('answers are validated: an integer 0–10 and a comment of at most 1000 characters', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA);
    const s = await link('repA', c.id);
    const pub = publicClient(t);
    for (const bad of [{ score: 11 }, { score: -1 }, { score: 7.5 }, { score: '8' }, {}]) {
      expectIssue(await pub.post(s.token, bad), 'score');
    }
    expectIssue(await pub.post(s.token, { score: 8, comment: 'x'.repeat(1001) }), 'comment');
    expectIssue(await pub.post(s.token, { score: 8, name: 'x' }), 'name');
    // A large body is refused before it is read.
    const big = await pub.post(s.token, { score: 8, comment: '好'.repeat(5000) });
    expect(big.statusCode).toBe(413);
    // None of those used the link up.
    expect((await pub.post(s.token, { score: 0, comment: 'x'.repeat(1000) })).statusCode).toBe(204);
    expect((await surveys('repA', c.id)).items[0]).toMatchObject({ score: 0, status: 'answered' });
    // Creating: the expiry is 1–90 days.
    const res = await call(t.app, repA, 'POST', `/api/v1/customers/${c.id}/nps-surveys`, {
      expiresInDays: 91,
    });
    expectIssue(res, 'expiresInDays');
  });

  it('two answers at the same moment: one is recorded, the other is told it was already answered', async () => {
    const c = await createCustomer(t.app, await w.as('repA'));
    const s = await link('repA', c.id);
    const [a, b] = await Promise.all([
      publicClient(t).post(s.token, { score: 10 }),
      publicClient(t).post(s.token, { score: 2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('NPS_ALREADY_ANSWERED');
    const list = await surveys('repA', c.id);
    const winner = a.statusCode === 204 ? 10 : 2;
    expect(list.items[0]!.score).toBe(winner);
    expect(list.latestScore).toBe(winner);
  });

  it('the public calls are limited per client address', async () => {
    const pub = publicClient(t);
    const unknown = 'B'.repeat(43);
    for (let i = 0; i < 10; i++) expect((await pub.post(unknown, { score: 5 })).statusCode).toBe(404);
    const limited = await pub.post(unknown, { score: 5 });
    expectError(limited, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await publicClient(t).post(unknown, { score: 5 })).statusCode).toBe(404);
  });

  it('a rule on nps_score places the customer as soon as the answer arrives', async () => {
    const admin = await w.as('admin');
    const repA = await w.as('repA');
    const seg = await call(t.app, admin, 'POST', '/api/v1/segments', {
      name: 'NPS 推荐者',
      kind: 'dynamic',
      rule: { field: 'nps_score', op: 'gte', value: 9 },
    });
    expect(seg.statusCode, seg.body).toBe(201);
    const segmentId = seg.json().id as string;
    const members = async () =>
      (await call(t.app, admin, 'GET', `/api/v1/segments/${segmentId}/members`))
        .json()
        .items.map((m: { customerId: string }) => m.customerId);

    const c = await createCustomer(t.app, repA);
    expect(await members()).toEqual([]);
    const pub = publicClient(t);
    expect((await pub.post((await link('repA', c.id)).token, { score: 10 })).statusCode).toBe(204);
    expect(await members()).toEqual([c.id]);
    expect((await pub.post((await link('repA', c.id)).token, { score: 5 })).statusCode).toBe(204);
    expect(await members()).toEqual([]);
    const { rows } = await t.db.execute<{ kind: string }>(
      sql`SELECT kind FROM segment_events WHERE customer_id = ${c.id} ORDER BY at, kind DESC`,
    );
    expect(rows.map((r) => r.kind)).toEqual(['entered', 'exited']);
    // The field is in the registry with its labels.
    const fields = (await call(t.app, { ...repA, lang: 'en' }, 'GET', '/api/v1/customers/fields')).json();
    const list = fields.items as { key: string; label: string }[];
    expect(list.find((f) => f.key === 'nps_score')).toMatchObject({ label: 'NPS score', type: 'number' });
  });

  it('scope: a rep creates and lists links only for customers they may edit or see', async () => {
    const repA = await w.as('repA');
    const repB = await w.as('repB');
    const admin = await w.as('admin');
    const mine = await createCustomer(t.app, repA);
    const theirs = await createCustomer(t.app, repB);
    const pool = await createCustomer(t.app, admin, { ownerId: null });

    const path = (id: string) => `/api/v1/customers/${id}/nps-surveys`;
    expectError(await call(t.app, repA, 'POST', path(theirs.id), {}), 404, 'NOT_FOUND');
    expectError(await call(t.app, repA, 'GET', path(theirs.id)), 404, 'NOT_FOUND');
    // The pool: visible to reps, not theirs to survey.
    expect((await call(t.app, repA, 'GET', path(pool.id))).statusCode).toBe(200);
    expectError(await call(t.app, repA, 'POST', path(pool.id), {}), 403, 'FORBIDDEN');
    // Their manager's team does not reach team B either; the admin reaches everyone.
    expectError(await call(t.app, await w.as('managerA'), 'POST', path(theirs.id), {}), 404, 'NOT_FOUND');
    const s = await link('admin', theirs.id);
    expectError(
      await call(t.app, repA, 'POST', `/api/v1/customers/${theirs.id}/nps-surveys/${s.id}/revoke`),
      404,
      'NOT_FOUND',
    );
    // A survey id under another customer is not found.
    expectError(
      await call(t.app, repA, 'POST', `/api/v1/customers/${mine.id}/nps-surveys/${s.id}/revoke`),
      404,
      'NOT_FOUND',
    );
    expect((await surveys('repB', theirs.id)).items).toHaveLength(1);
    expect((await surveys('repA', mine.id)).items).toHaveLength(0);
  });
});

/**
 * Results in H1 2025 (workspace zone Asia/Shanghai), scheme `value` set by hand:
 *   C1 repA  A   answered Feb 10, May 6 (latest: detractor)   sent 2, answered 2
 *   C2 repA  A   answered Mar 9 (promoter)                     sent 1, answered 1
 *   C3 repB  B   answered Mar 7 (passive), an unanswered link  sent 2, answered 1
 *   C4 repB  B   answered Apr 3 (detractor), a revoked link     sent 1, answered 1
 *   C5 pool  —   answered Jun 30 20:00 local (promoter)        sent 1, answered 1
 *   C6 repA  C   answered Dec 31 2024 0 (before), a link sent Jun 30 answered Jul 1 local (after)
 *                                                              sent 1, answered 1, no response
 * Segments: 大客户 = C1 C2 C3, 华南 = C3 C5, 空 = none.
 */
describe('NPS results', () => {
  const t = useTestApp();
  const w = useWorld(t);
  const H1 = 'from=2025-01-01&to=2025-06-30';

  async function seed() {
    const ws = w.org.workspaceId;
    const { repA, repB } = w.org;
    type Survey = [created: string, responded: string | null, score: number | null, revoked?: boolean];
    const plan: [string | null, string | null, Survey[]][] = [
      [
        repA.id,
        'A',
        [
          ['2025-02-01T10:00:00+08:00', '2025-02-10T10:00:00+08:00', 10],
          ['2025-05-01T10:00:00+08:00', '2025-05-06T10:00:00+08:00', 6],
        ],
      ],
      [repA.id, 'A', [['2025-03-01T10:00:00+08:00', '2025-03-09T10:00:00+08:00', 9]]],
      [
        repB.id,
        'B',
        [
          ['2025-03-01T10:00:00+08:00', '2025-03-07T10:00:00+08:00', 7],
          ['2025-04-01T10:00:00+08:00', null, null],
        ],
      ],
      [
        repB.id,
        'B',
        [
          ['2025-04-01T10:00:00+08:00', '2025-04-03T10:00:00+08:00', 3],
          ['2025-04-10T10:00:00+08:00', null, null, true],
        ],
      ],
      [null, null, [['2025-06-29T10:00:00+08:00', '2025-06-30T20:00:00+08:00', 10]]],
      [
        repA.id,
        'C',
        [
          ['2024-12-30T10:00:00+08:00', '2024-12-31T23:00:00+08:00', 0],
          ['2025-06-30T10:00:00+08:00', '2025-06-30T16:30:00Z', 8],
        ],
      ],
    ];
    const ids: string[] = [];
    for (const [i, [ownerId, tier, list]] of plan.entries()) {
      const [c] = await t.db
        .insert(customers)
        .values({ workspaceId: ws, name: `客户${i + 1}`, ownerId })
        .returning();
      ids.push(c!.id);
      await t.db
        .insert(customerMetrics)
        .values({ workspaceId: ws, customerId: c!.id, tiers: tier ? { value: tier } : {} });
      for (const [j, [createdAt, respondedAt, score, revoked]] of list.entries()) {
        await t.db.insert(npsSurveys).values({
          workspaceId: ws,
          customerId: c!.id,
          tokenHash: `seed-${i}-${j}`,
          createdAt,
          expiresAt: '2026-01-01T00:00:00Z',
          respondedAt,
          score,
          revokedAt: revoked ? '2025-04-11T00:00:00Z' : null,
        });
      }
    }
    const seg = async (name: string, members: number[]) => {
      const [s] = await t.db.insert(segments).values({ workspaceId: ws, name, kind: 'static' }).returning();
      for (const i of members)
        await t.db.insert(segmentMembers).values({ workspaceId: ws, segmentId: s!.id, customerId: ids[i]! });
      return s!.id;
    };
    const segs = {
      big: await seg('大客户', [0, 1, 2]),
      south: await seg('华南', [2, 4]),
      empty: await seg('空', []),
    };
    return { ids, segs };
  }

  const get = async (who: Parameters<typeof w.as>[0], query: string) => {
    const res = await call(t.app, await w.as(who), 'GET', `/api/v1/analytics/nps?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NpsResults;
  };
  const row = (g: NpsResults['byTier'][number]) => [
    g.key,
    g.responses,
    g.promoters,
    g.passives,
    g.detractors,
    g.nps,
    g.sent,
    g.answered,
    g.responseRate,
  ];

  it('NPS overall, by tier and by segment, hand-checked', async () => {
    const { segs } = await seed();
    const all = await get('admin', `${H1}&scheme=value`);
    expect(all.period).toEqual({ from: '2025-01-01', to: '2025-06-30', timeZone: 'Asia/Shanghai' });
    expect(all.summary).toEqual({
      responses: 5,
      promoters: 2,
      passives: 1,
      detractors: 2,
      nps: 0,
      sent: 8,
      answered: 7,
      responseRate: 0.875,
    });
    expect(all.distribution.map((d) => d.count)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1]);
    expect(all.scheme).toBe('value');
    expect(all.byTier.map(row)).toEqual([
      ['A', 2, 1, 0, 1, 0, 3, 3, 1],
      ['B', 2, 0, 1, 1, -50, 3, 2, 0.6667],
      ['C', 0, 0, 0, 0, null, 1, 1, 1],
      ['none', 1, 1, 0, 0, 100, 1, 1, 1],
    ]);
    expect(all.byTier[0]!.name).toBe('A 类客户');
    expect(all.bySegment.map((g) => [g.name, ...row(g).slice(1)])).toEqual([
      ['大客户', 3, 1, 1, 1, 0, 5, 4, 0.8],
      ['华南', 2, 1, 1, 0, 50, 3, 2, 0.6667],
      ['空', 0, 0, 0, 0, null, 0, 0, null],
    ]);
    expect(all.bySegment.find((g) => g.name === '大客户')!.key).toBe(segs.big);

    // The period moves the answers counted: in Q1 only C1 (10), C2 (9) and C3 (7).
    const q1 = await get('admin', 'from=2025-01-01&to=2025-03-31&scheme=value');
    expect(q1.summary).toMatchObject({ responses: 3, promoters: 2, passives: 1, detractors: 0, nps: 66.7 });

    // Owner and team filters.
    const b = await get('admin', `${H1}&ownerId=${w.org.repB.id}`);
    expect(b.summary).toMatchObject({ responses: 2, passives: 1, detractors: 1, nps: -50, sent: 3 });
    expect((await get('admin', `${H1}&teamId=${w.org.teamB.id}`)).summary).toEqual(b.summary);
    // The first scheme (RFM) when none is asked for: nobody is placed in it here.
    const def = await get('admin', H1);
    expect(def.scheme).toBe('rfm');
    expect(def.byTier.find((g) => g.key === 'none')).toMatchObject({ responses: 5 });
  });

  it('a rep sees the results of their own customers and the pool only', async () => {
    await seed();
    const repA = await get('repA', `${H1}&scheme=value`);
    // C1 (6), C2 (9), C5 (10); C6 sent but no answer in the period.
    expect(repA.summary).toEqual({
      responses: 3,
      promoters: 2,
      passives: 0,
      detractors: 1,
      nps: 33.3,
      sent: 5,
      answered: 5,
      responseRate: 1,
    });
    expect(repA.byTier.map((g) => [g.key, g.responses])).toEqual([
      ['A', 2],
      ['B', 0],
      ['C', 0],
      ['none', 1],
    ]);
    expect(repA.bySegment.map((g) => [g.name, g.responses])).toEqual([
      ['大客户', 2],
      ['华南', 1],
      ['空', 0],
    ]);
    // Another rep's customers stay out even when asked for by owner.
    expect((await get('repA', `${H1}&ownerId=${w.org.repB.id}`)).summary.responses).toBe(0);
    const managerB = await get('managerB', H1);
    expect(managerB.summary).toMatchObject({ responses: 3, promoters: 1, passives: 1, detractors: 1 });
  });

  it('exports the figures as xlsx and validates the query', async () => {
    await seed();
    const admin = await w.as('admin');
    const res = await call(
      t.app,
      { ...admin, lang: 'en' },
      'GET',
      `/api/v1/analytics/nps/export?${H1}&scheme=value`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="nps-2025-06-30.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('Dimension');
    expect(values(2)).toEqual(['Overall', '2025-01-01 – 2025-06-30', 5, 2, 1, 2, 0, 8, 7, 87.5]);
    expect(values(3)).toEqual(['Segment', '大客户', 3, 1, 1, 1, 0, 5, 4, 80]);
    // Overall + 3 segments + 4 tiers + 11 scores, after the header.
    expect(sheet.rowCount).toBe(1 + 1 + 3 + 4 + 11);

    expectIssue(await call(t.app, admin, 'GET', '/api/v1/analytics/nps?scheme=nope'), 'scheme', 'not_found');
    expectIssue(
      await call(t.app, admin, 'GET', '/api/v1/analytics/nps?from=2025-07-01&to=2025-06-01'),
      'from',
    );
  });
});

describe('NPS demo', () => {
  const t = useTestApp();

  it('answers from some buying customers; each customer’s latest answer is its score', async () => {
    await loadDemo(t.db, { seed: 7, password: 'demo-pass-1', customers: 300, asOf: '2026-03-15' });
    const { rows } = await t.db.execute<{
      surveys: number;
      answered: number;
      bad: number;
      mismatched: number;
    }>(sql`
      SELECT (SELECT count(*)::int FROM nps_surveys) AS surveys,
        (SELECT count(*)::int FROM nps_surveys WHERE score IS NOT NULL) AS answered,
        (SELECT count(*)::int FROM nps_surveys WHERE responded_at < created_at OR expires_at <= created_at) AS bad,
        (SELECT count(*)::int FROM customer_metrics m
          LEFT JOIN LATERAL (SELECT s.score FROM nps_surveys s
            WHERE s.workspace_id = m.workspace_id AND s.customer_id = m.customer_id AND s.score IS NOT NULL
            ORDER BY s.responded_at DESC LIMIT 1) l ON true
          WHERE m.nps_score IS DISTINCT FROM l.score) AS mismatched`);
    const r = rows[0]!;
    expect(r.surveys).toBeGreaterThan(20);
    expect(r.answered).toBeGreaterThan(r.surveys / 2);
    expect(r.answered).toBeLessThan(r.surveys);
    expect(r.bad).toBe(0);
    expect(r.mismatched).toBe(0);
    // Loading again adds nothing.
    await loadDemo(t.db, { seed: 7, password: 'demo-pass-1', customers: 300, asOf: '2026-03-15' });
    const { rows: again } = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM nps_surveys`,
    );
    expect(again[0]!.n).toBe(r.surveys);
  });
});

describe('NPS in the OpenAPI document', () => {
  const t = useTestApp();

  it('lists the public calls without security and the others with it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { security?: unknown[] }>>;
    expect(paths['/api/v1/public/nps/{token}']!.get!.security).toEqual([]);
    expect(paths['/api/v1/public/nps/{token}']!.post!.security).toEqual([]);
    expect(paths['/api/v1/customers/{id}/nps-surveys']!.post!.security).toBeUndefined();
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/v1/analytics/nps', '/api/v1/analytics/nps/export']),
    );
  });
});
