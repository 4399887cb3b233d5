import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

interface Entry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const AUDIT = '/api/v1/audit-log';

describe('audit log', () => {
  const t = useTestApp();
  let org: Org;
  let admin: Session;
  beforeEach(async () => {
    org = await createOrg(t.db);
    admin = await login(t.app, org.admin.email, PASSWORD);
  });

  const read = async (query = '', as: Session = admin) => {
    const res = await call(t.app, as, 'GET', `${AUDIT}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
  };
  const createTeam = async (name: string, as: Session = admin) => {
    const res = await call(t.app, as, 'POST', '/api/v1/teams', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };

  it('only admins read it', async () => {
    await createTeam('一队');
    for (const who of [org.managerA, org.managerB, org.repA, org.loneRep]) {
      const s = await login(t.app, who.email, PASSWORD);
      expectError(await call(t.app, s, 'GET', AUDIT), 403, 'FORBIDDEN');
    }
    expectError(await call(t.app, null, 'GET', AUDIT), 401, 'UNAUTHENTICATED');
    // An API key acting as a manager is refused too.
    const key = await call(t.app, admin, 'POST', '/api/v1/api-keys', { name: 'k', userId: org.managerA.id });
    expectError(await call(t.app, { apiKey: key.json().secret }, 'GET', AUDIT), 403, 'FORBIDDEN');
    expect((await read()).total).toBe(2); // team.create + api_key.create
  });

  it('lists newest first and paginates', async () => {
    expect(await read()).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const names = ['一队', '二队', '三队', '四队', '五队'];
    const teams = [];
    for (const n of names) teams.push(await createTeam(n));

    const all = await read();
    expect(all.total).toBe(5);
    expect(all.items.map((e) => e.entityId)).toEqual(teams.map((x) => x.id).reverse());
    expect(all.items.map((e) => (e.after as { name: string }).name)).toEqual([...names].reverse());
    const times = all.items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const seq = all.items.map((e) => Number(e.id));
    expect(seq).toEqual([...seq].sort((a, b) => b - a));

    const p1 = await read('?pageSize=2&page=1');
    const p2 = await read('?pageSize=2&page=2');
    const p3 = await read('?pageSize=2&page=3');
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p3).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect([...p1.items, ...p2.items, ...p3.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect((await read('?pageSize=2&page=4')).items).toEqual([]);

    for (const bad of ['?pageSize=0', '?pageSize=500', '?page=-1', '?nope=1']) {
      expectError(await call(t.app, admin, 'GET', `${AUDIT}${bad}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('filters by entity type, entity id and actor', async () => {
    const team = await createTeam('过滤团队');
    await call(t.app, admin, 'PATCH', `/api/v1/teams/${team.id}`, {
      version: team.version,
      name: '过滤团队二',
    });
    const user = (await call(t.app, admin, 'GET', `/api/v1/users/${org.repA.id}`)).json();
    await call(t.app, admin, 'PATCH', `/api/v1/users/${org.repA.id}`, {
      version: user.version,
      name: '改过名',
    });
    const created = await call(t.app, admin, 'POST', '/api/v1/api-keys', { name: '同步' });
    const key = created.json();
    await createTeam('钥匙建的', { apiKey: key.secret });
    const rep = await login(t.app, org.repB.email, PASSWORD);
    await call(t.app, rep, 'POST', '/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'new-password-1',
    });

    expect((await read()).total).toBe(6);

    const teamsOnly = await read('?entityType=team');
    expect(teamsOnly.total).toBe(3);
    expect(teamsOnly.items.every((e) => e.entityType === 'team')).toBe(true);

    const one = await read(`?entityType=team&entityId=${team.id}`);
    expect(one.items.map((e) => e.action)).toEqual(['team.update', 'team.create']);
    expect(one.items[0]).toMatchObject({ before: { name: '过滤团队' }, after: { name: '过滤团队二' } });
    expect((await read(`?entityId=${org.repA.id}`)).items).toEqual([
      expect.objectContaining({
        action: 'user.update',
        entityType: 'user',
        before: expect.objectContaining({ name: org.repA.name }),
      }),
    ]);

    const byAdmin = await read(`?actorId=${org.admin.id}`);
    expect(byAdmin.total).toBe(4);
    expect(
      byAdmin.items.every(
        (e) => e.actorId === org.admin.id && e.actorType === 'user' && e.actorName === org.admin.name,
      ),
    ).toBe(true);

    const byKey = await read(`?actorId=${key.apiKey.id}`);
    expect(byKey.items).toEqual([
      expect.objectContaining({
        action: 'team.create',
        actorType: 'api_key',
        actorName: `同步 (${org.admin.name})`,
      }),
    ]);
    const byRep = await read(`?actorId=${org.repB.id}`);
    expect(byRep.items).toEqual([
      expect.objectContaining({ action: 'user.change_password', entityId: org.repB.id }),
    ]);

    expect((await read(`?entityType=team&actorId=${org.repB.id}`)).total).toBe(0);
    expect((await read('?entityType=nothing')).total).toBe(0);
    expectError(await call(t.app, admin, 'GET', `${AUDIT}?actorId=not-a-uuid`), 400, 'VALIDATION_FAILED');
    const everything = JSON.stringify((await read('?pageSize=200')).items);
    expect(everything).not.toMatch(/argon2|new-password-1/);
    expect(everything).not.toContain(key.secret);
  });

  it('does not silently ignore list parameters it does not implement', async () => {
    await createTeam('一队');
    const res = await call(t.app, admin, 'GET', `${AUDIT}?sort=no_such_field`);
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('records the first-admin setup as the system', async () => {
    // A fresh database: empty it and run the setup flow.
    await t.db.execute(
      sql`TRUNCATE users, teams, sessions, api_keys, audit_log, login_attempts, workspaces CASCADE`,
    );
    const res = await call(t.app, null, 'POST', '/api/v1/setup', {
      workspaceName: '新公司',
      name: '创始人',
      email: 'founder@example.com',
      password: 'founder-password',
    });
    expect(res.statusCode, res.body).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'stratum_session')!;
    const founder: Session = { cookie: `stratum_session=${cookie.value}`, csrfToken: res.json().csrfToken };
    const log = await read('', founder);
    expect(log.items).toEqual([
      expect.objectContaining({
        actorType: 'system',
        actorId: null,
        actorName: null,
        action: 'user.create',
        entityId: res.json().user.id,
        after: expect.objectContaining({ email: 'founder@example.com', role: 'admin' }),
      }),
    ]);
  });
});
