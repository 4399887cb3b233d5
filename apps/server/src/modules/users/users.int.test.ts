import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

interface UserJson {
  id: string;
  name: string;
  email: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

const USERS = '/api/v1/users';
const ids = (items: { id: string }[]) => items.map((u) => u.id).sort();

describe('users', () => {
  const t = useTestApp();
  let org: Org;
  let admin: Session;
  beforeEach(async () => {
    org = await createOrg(t.db);
    admin = await login(t.app, org.admin.email, PASSWORD);
  });

  const list = async (session: Session, query = '') => {
    const res = await call(t.app, session, 'GET', `${USERS}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: UserJson[]; total: number; page: number; pageSize: number };
  };
  const getUser = async (id: string) =>
    (await call(t.app, admin, 'GET', `${USERS}/${id}`)).json() as UserJson;
  const patch = (id: string, body: Record<string, unknown>, as: Session = admin) =>
    call(t.app, as, 'PATCH', `${USERS}/${id}`, body);
  const auditOf = async (entityId: string) => {
    const res = await call(t.app, admin, 'GET', `/api/v1/audit-log?entityType=user&entityId=${entityId}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as {
      action: string;
      actorType: string;
      actorId: string;
      actorName: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
  };

  describe('create', () => {
    it('creates a user with a lower-cased email, who can then sign in', async () => {
      const res = await call(t.app, admin, 'POST', USERS, {
        name: '  赵新人 ',
        email: 'Zhao.XinRen@Test.LOCAL',
        password: 'first-password',
        role: 'rep',
        teamId: org.teamB.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json();
      expect(user).toMatchObject({
        name: '赵新人',
        email: 'zhao.xinren@test.local',
        role: 'rep',
        teamId: org.teamB.id,
        teamName: '华南销售部',
        disabled: false,
        lastLoginAt: null,
        version: 1,
      });
      expect(user).not.toHaveProperty('passwordHash');
      expect(res.body).not.toContain('$argon2');
      const me = await login(t.app, 'zhao.xinren@test.local', 'first-password');
      expect((await call(t.app, me, 'GET', '/api/v1/auth/me')).json().user.id).toBe(user.id);
      expect((await getUser(user.id)).lastLoginAt).toEqual(expect.any(String));

      const audit = await auditOf(user.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'user.create',
          actorType: 'user',
          actorId: org.admin.id,
          actorName: org.admin.name,
          before: null,
          after: expect.objectContaining({ id: user.id, email: 'zhao.xinren@test.local', role: 'rep' }),
        }),
      ]);
    });

    it('refuses a taken email in any letter case', async () => {
      const res = await call(t.app, admin, 'POST', USERS, {
        name: '重复',
        email: org.repA.email.toUpperCase(),
        password: 'some-password',
        role: 'rep',
      });
      expectError(res, 409, 'EMAIL_TAKEN');
      expect((await list(admin)).total).toBe(7);
    });

    it('refuses an unknown team', async () => {
      const res = await call(t.app, admin, 'POST', USERS, {
        name: '无团队',
        email: 'nobody@test.local',
        password: 'some-password',
        role: 'rep',
        teamId: '00000000-0000-4000-8000-000000000000',
      });
      expectError(res, 400, 'INVALID_REFERENCE');
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'teamId' })]);
    });

    it('refuses unknown and invalid fields', async () => {
      const base = { name: '甲', email: 'jia@test.local', password: 'some-password', role: 'rep' };
      for (const [extra, path] of [
        [{ workspaceId: '00000000-0000-4000-8000-000000000000' }, 'workspaceId'],
        [{ version: 7 }, 'version'],
        [{ disabled: true }, 'disabled'],
        [{ passwordHash: 'x' }, 'passwordHash'],
        [{ role: 'owner' }, 'role'],
        [{ password: 'short' }, 'password'],
        [{ email: 'not-an-email' }, 'email'],
      ] as const) {
        const res = await call(t.app, admin, 'POST', USERS, { ...base, ...extra });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      }
      expect((await list(admin)).total).toBe(7);
    });

    it('is for admins only', async () => {
      const body = { name: '乙', email: 'yi@test.local', password: 'some-password', role: 'rep' };
      const manager = await login(t.app, org.managerA.email, PASSWORD);
      expectError(
        await call(t.app, manager, 'POST', USERS, { ...body, teamId: org.teamA.id }),
        403,
        'FORBIDDEN',
      );
      expectError(await call(t.app, null, 'POST', USERS, body), 401, 'UNAUTHENTICATED');
    });
  });

  describe('list', () => {
    it('paginates with page, pageSize and total', async () => {
      const all = await list(admin, '?pageSize=100');
      expect(all.total).toBe(7);
      expect(all.items).toHaveLength(7);
      const p1 = await list(admin, '?pageSize=3&page=1');
      const p2 = await list(admin, '?pageSize=3&page=2');
      const p3 = await list(admin, '?pageSize=3&page=3');
      expect(p1).toMatchObject({ page: 1, pageSize: 3, total: 7 });
      expect(p3).toMatchObject({ page: 3, pageSize: 3, total: 7 });
      expect([p1.items.length, p2.items.length, p3.items.length]).toEqual([3, 3, 1]);
      expect([...p1.items, ...p2.items, ...p3.items].map((u) => u.id)).toEqual(all.items.map((u) => u.id));
      expect((await list(admin, '?pageSize=3&page=4')).items).toEqual([]);
      // Default page size.
      expect(await list(admin)).toMatchObject({ page: 1, pageSize: 20, total: 7 });

      for (const bad of ['?pageSize=0', '?pageSize=201', '?page=0', '?page=abc', '?unknown=1']) {
        expectError(await call(t.app, admin, 'GET', `${USERS}${bad}`), 400, 'VALIDATION_FAILED');
      }
    });

    it('sorts by an allowed field, ascending or descending, and rejects others', async () => {
      const byName = (await list(admin, '?sort=name&pageSize=100')).items.map((u) => u.name);
      const { rows } = await t.db.execute<{ name: string }>(sql`SELECT name FROM users ORDER BY name`);
      expect(byName).toEqual(rows.map((r) => r.name));
      const byNameDesc = (await list(admin, '?sort=-name&pageSize=100')).items.map((u) => u.name);
      expect(byNameDesc).toEqual([...rows.map((r) => r.name)].reverse());

      const newest = (await list(admin, '?sort=-createdAt&pageSize=100')).items;
      const times = newest.map((u) => Date.parse(u.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // The fixture creates the admin first and the lone rep last. The embedded
      // database's clock can give two inserts the same instant, so compare
      // times rather than positions among equals.
      const createdAt = (id: string) => Date.parse(newest.find((u) => u.id === id)!.createdAt);
      expect(createdAt(org.loneRep.id)).toBe(times[0]);
      expect(createdAt(org.admin.id)).toBe(times.at(-1));
      // Default: oldest first.
      const oldest = (await list(admin)).items;
      expect(Date.parse(oldest[0]!.createdAt)).toBe(createdAt(org.admin.id));

      for (const bad of ['password', 'passwordHash', '-password_hash', 'name;DROP TABLE users', '--name']) {
        const res = await call(t.app, admin, 'GET', `${USERS}?sort=${encodeURIComponent(bad)}`);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'sort' })]);
      }
    });

    it('reports a bad sort in the documented validation-detail shape', async () => {
      const zod = await call(t.app, admin, 'GET', `${USERS}?role=boss`);
      expect(zod.json().error.details[0]).toMatchObject({
        in: 'querystring',
        path: 'role',
        code: expect.any(String),
      });
      const sort = await call(t.app, admin, 'GET', `${USERS}?sort=nope`);
      expectError(sort, 400, 'VALIDATION_FAILED');
      expect(sort.json().error.details[0]).toMatchObject({
        in: 'querystring',
        path: 'sort',
        code: expect.any(String),
        message: expect.any(String),
      });
    });

    it('searches names (Chinese) and emails with q', async () => {
      const byName = await list(admin, `?q=${encodeURIComponent(org.repB.name)}`);
      expect(ids(byName.items)).toContain(org.repB.id);
      for (const u of byName.items) expect(u.name).toContain(org.repB.name);

      const surname = org.managerB.name.slice(0, 1);
      const bySurname = await list(admin, `?q=${encodeURIComponent(surname)}&pageSize=100`);
      expect(ids(bySurname.items)).toContain(org.managerB.id);
      for (const u of bySurname.items) expect(u.name).toContain(surname);
      expect(bySurname.total).toBe(bySurname.items.length);

      const byEmail = await list(admin, `?q=${encodeURIComponent(org.repA.email.toUpperCase())}`);
      expect(ids(byEmail.items)).toContain(org.repA.id);
      for (const u of byEmail.items) expect(u.email).toContain(org.repA.email);

      expect((await list(admin, '?q=test.local&pageSize=100')).total).toBe(7);
      // LIKE wildcards are searched for literally.
      expect((await list(admin, '?q=%25')).total).toBe(0);
      expect((await list(admin, '?q=_')).total).toBe(0);
      expect((await list(admin, `?q=${encodeURIComponent('不存在的名字')}`)).total).toBe(0);
    });

    it('filters by role, team and status', async () => {
      expect(ids((await list(admin, '?role=manager')).items)).toEqual(
        [org.managerA.id, org.managerB.id].sort(),
      );
      expect(ids((await list(admin, '?role=rep')).items)).toEqual(
        [org.repA.id, org.repA2.id, org.repB.id, org.loneRep.id].sort(),
      );
      expect(ids((await list(admin, `?teamId=${org.teamB.id}`)).items)).toEqual(
        [org.managerB.id, org.repB.id].sort(),
      );
      expect((await list(admin, `?teamId=${org.teamA.id}&role=rep`)).total).toBe(2);

      const current = await getUser(org.repA2.id);
      expect((await patch(org.repA2.id, { version: current.version, disabled: true })).statusCode).toBe(200);
      const disabled = await list(admin, '?status=disabled');
      expect(disabled.items).toEqual([expect.objectContaining({ id: org.repA2.id, disabled: true })]);
      const active = await list(admin, '?status=active');
      expect(active.total).toBe(6);
      expect(ids(active.items)).not.toContain(org.repA2.id);

      expectError(await call(t.app, admin, 'GET', `${USERS}?role=boss`), 400, 'VALIDATION_FAILED');
      expectError(await call(t.app, admin, 'GET', `${USERS}?status=gone`), 400, 'VALIDATION_FAILED');
      expectError(await call(t.app, admin, 'GET', `${USERS}?teamId=not-a-uuid`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('data scope', () => {
    it('a manager sees only their team', async () => {
      const manager = await login(t.app, org.managerA.email, PASSWORD);
      const mine = await list(manager, '?pageSize=100');
      expect(mine.total).toBe(3);
      expect(ids(mine.items)).toEqual([org.managerA.id, org.repA.id, org.repA2.id].sort());
      // Filters and search never reach outside the scope.
      expect((await list(manager, `?teamId=${org.teamB.id}`)).total).toBe(0);
      expect((await list(manager, `?q=${encodeURIComponent(org.repB.email)}`)).total).toBe(0);
      expect((await list(manager, '?role=admin')).total).toBe(0);

      expect((await call(t.app, manager, 'GET', `${USERS}/${org.repA.id}`)).statusCode).toBe(200);
      for (const other of [org.repB, org.managerB, org.admin, org.loneRep]) {
        expectError(await call(t.app, manager, 'GET', `${USERS}/${other.id}`), 404, 'NOT_FOUND');
      }
      // Managers read; they do not manage.
      expectError(await patch(org.repA.id, { version: 1, name: 'x' }, manager), 403, 'FORBIDDEN');
      expectError(
        await call(t.app, manager, 'POST', `${USERS}/${org.repA.id}/reset-password`, {
          password: 'new-password',
        }),
        403,
        'FORBIDDEN',
      );
    });

    it('reps cannot read users at all', async () => {
      const rep = await login(t.app, org.repA.email, PASSWORD);
      expectError(await call(t.app, rep, 'GET', USERS), 403, 'FORBIDDEN');
      expectError(await call(t.app, rep, 'GET', `${USERS}/${org.repA.id}`), 403, 'FORBIDDEN');
      expectError(await patch(org.repA.id, { version: 1, role: 'admin' }, rep), 403, 'FORBIDDEN');
      expectError(await call(t.app, null, 'GET', USERS), 401, 'UNAUTHENTICATED');
    });

    it('an unknown id is 404 and a malformed one 400', async () => {
      expectError(
        await call(t.app, admin, 'GET', `${USERS}/00000000-0000-4000-8000-000000000000`),
        404,
        'NOT_FOUND',
      );
      expectError(
        await patch('00000000-0000-4000-8000-000000000000', { version: 1, name: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectError(await call(t.app, admin, 'GET', `${USERS}/not-a-uuid`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('update', () => {
    it('applies a change at the current version and increments it; a stale version gets 409 with the current record', async () => {
      const before = await getUser(org.repA.id);
      const ok = await patch(org.repA.id, { version: before.version, name: '改名了', teamId: org.teamB.id });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        id: org.repA.id,
        name: '改名了',
        teamId: org.teamB.id,
        teamName: '华南销售部',
        version: before.version + 1,
      });

      const stale = await patch(org.repA.id, { version: before.version, role: 'manager' });
      expectError(stale, 409, 'VERSION_CONFLICT');
      expect(stale.json().error.details.current).toMatchObject({
        id: org.repA.id,
        name: '改名了',
        role: 'rep',
        teamId: org.teamB.id,
        version: before.version + 1,
      });
      const after = await getUser(org.repA.id);
      expect(after).toMatchObject({ role: 'rep', version: before.version + 1 });

      // Moving out of any team, at the new version.
      const noTeam = await patch(org.repA.id, { version: after.version, teamId: null });
      expect(noTeam.json()).toMatchObject({ teamId: null, teamName: null, version: after.version + 1 });
    });

    it('rejects an unknown team and unknown fields', async () => {
      const u = await getUser(org.repA.id);
      const badTeam = await patch(org.repA.id, {
        version: u.version,
        teamId: '00000000-0000-4000-8000-000000000000',
      });
      expectError(badTeam, 400, 'INVALID_REFERENCE');
      for (const extra of [
        { email: 'x@test.local' },
        { password: 'new-password' },
        { workspaceId: org.workspaceId },
      ]) {
        expectError(await patch(org.repA.id, { version: u.version, ...extra }), 400, 'VALIDATION_FAILED');
      }
      expectError(await patch(org.repA.id, { name: 'no version' }), 400, 'VALIDATION_FAILED');
      expect(await getUser(org.repA.id)).toEqual(u);
    });

    it('an admin cannot disable or demote themselves', async () => {
      const me = await getUser(org.admin.id);
      const disable = await patch(org.admin.id, { version: me.version, disabled: true });
      expectError(disable, 400, 'CANNOT_CHANGE_SELF');
      for (const role of ['manager', 'rep']) {
        expectError(await patch(org.admin.id, { version: me.version, role }), 400, 'CANNOT_CHANGE_SELF');
      }
      expect(await getUser(org.admin.id)).toMatchObject({
        role: 'admin',
        disabled: false,
        version: me.version,
      });
      // Harmless self-edits are fine.
      const rename = await patch(org.admin.id, { version: me.version, name: '总管理员', role: 'admin' });
      expect(rename.statusCode, rename.body).toBe(200);
      expect(rename.json()).toMatchObject({ name: '总管理员', role: 'admin' });
    });

    it('disabling a user ends their sessions; re-enabling lets them sign in again', async () => {
      const rep = await login(t.app, org.repB.email, PASSWORD);
      expect((await call(t.app, rep, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
      const u = await getUser(org.repB.id);
      const off = await patch(org.repB.id, { version: u.version, disabled: true });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().disabled).toBe(true);
      expectError(await call(t.app, rep, 'GET', '/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      const { rows } = await t.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${org.repB.id}`,
      );
      expect(Number(rows[0]!.n)).toBe(0);
      expectError(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: org.repB.email, password: PASSWORD },
        }),
        403,
        'USER_DISABLED',
      );

      const on = await patch(org.repB.id, { version: off.json().version, disabled: false });
      expect(on.json()).toMatchObject({ disabled: false, version: u.version + 2 });
      const again = await login(t.app, org.repB.email, PASSWORD);
      expect((await call(t.app, again, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    });

    it('a role change takes effect on the user’s next request', async () => {
      const rep = await login(t.app, org.repA.email, PASSWORD);
      expectError(await call(t.app, rep, 'GET', USERS), 403, 'FORBIDDEN');
      const u = await getUser(org.repA.id);
      expect((await patch(org.repA.id, { version: u.version, role: 'manager' })).statusCode).toBe(200);
      const now = await call(t.app, rep, 'GET', USERS);
      expect(now.statusCode).toBe(200);
    });
  });

  describe('audit', () => {
    it('records every update with before and after, and never a password hash', async () => {
      const u = await getUser(org.repA.id);
      expect((await patch(org.repA.id, { version: u.version, role: 'manager' })).statusCode).toBe(200);
      expect((await patch(org.repA.id, { version: u.version + 1, disabled: true })).statusCode).toBe(200);
      const reset = await call(t.app, admin, 'POST', `${USERS}/${org.repA.id}/reset-password`, {
        password: 'another-password',
      });
      expect(reset.statusCode).toBe(204);

      const entries = await auditOf(org.repA.id);
      expect(entries.map((e) => e.action)).toEqual(['user.reset_password', 'user.update', 'user.update']);
      const roleChange = entries[2]!;
      expect(roleChange).toMatchObject({
        actorType: 'user',
        actorId: org.admin.id,
        actorName: org.admin.name,
        before: { role: 'rep', version: u.version, disabled: false },
        after: { role: 'manager', version: u.version + 1, disabled: false },
      });
      expect(entries[1]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
      expect(entries[0]).toMatchObject({ before: null, after: null });

      // Neither the API nor the table holds any password material.
      const all = await call(t.app, admin, 'GET', '/api/v1/audit-log?pageSize=200');
      expect(all.body).not.toMatch(/argon2|passwordHash|password_hash|another-password/);
      const { rows } = await t.db.execute<{ before: unknown; after: unknown }>(
        sql`SELECT before, after FROM audit_log`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash|password_hash|another-password/);
    });
  });
});
