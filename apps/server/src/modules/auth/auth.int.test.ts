import { sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS } from '../../http/permissions.ts';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import type { Db } from '../../db/client.ts';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';

const sessionCount = async (db: Db, userId: string) => {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${userId}`,
  );
  return Number(rows[0]!.n);
};

describe('auth', () => {
  const t = useTestApp();

  const tryLogin = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: LOGIN, payload: { email, password }, headers });

  describe('first-admin setup', () => {
    const body = {
      workspaceName: '星辰科技',
      name: '管理员',
      email: 'Boss@Example.COM',
      password: 'a-strong-password',
    };

    it('is needed on an empty database and rejects a weak password with a field-level error', async () => {
      const status = await call(t.app, null, 'GET', '/api/v1/setup');
      expect(status.statusCode).toBe(200);
      expect(status.json()).toEqual({ needed: true });

      const weak = await call(t.app, null, 'POST', '/api/v1/setup', { ...body, password: 'short' });
      expectError(weak, 400, 'VALIDATION_FAILED');
      expect(weak.json().error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: 'body', path: 'password' })]),
      );
      // Nothing was created by the failed attempt.
      expect((await call(t.app, null, 'GET', '/api/v1/setup')).json()).toEqual({ needed: true });
    });

    it('creates the workspace and its admin once, signs in, and then closes', async () => {
      const res = await call(t.app, null, 'POST', '/api/v1/setup', { ...body, locale: 'en' });
      expect(res.statusCode, res.body).toBe(201);
      const me = res.json();
      expect(me).toMatchObject({
        kind: 'user',
        user: { name: '管理员', email: 'boss@example.com', role: 'admin', teamId: null, locale: 'en' },
        apiKey: null,
        workspace: { name: '星辰科技' },
      });
      expect(me.permissions).toEqual(
        expect.arrayContaining(['users.manage', 'teams.manage', 'apiKeys.manage', 'audit.read']),
      );
      expect(me.csrfToken).toEqual(expect.any(String));

      const cookie = res.cookies.find((c) => c.name === 'stratum_session');
      expect(cookie).toBeDefined();
      expect(cookie!.httpOnly).toBe(true);
      expect(cookie!.sameSite).toBe('Lax');
      const session: Session = { cookie: `stratum_session=${cookie!.value}`, csrfToken: me.csrfToken };
      const again = await call(t.app, session, 'GET', ME);
      expect(again.statusCode).toBe(200);
      expect(again.json().user.id).toBe(me.user.id);

      expect((await call(t.app, null, 'GET', '/api/v1/setup')).json()).toEqual({ needed: false });

      const second = await call(t.app, null, 'POST', '/api/v1/setup', {
        ...body,
        email: 'intruder@example.com',
      });
      expectError(second, 409, 'SETUP_ALREADY_DONE');
      const { rows } = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`);
      expect(Number(rows[0]!.n)).toBe(1);

      // The admin can sign in with the normalised email.
      expect((await tryLogin('boss@example.com', body.password)).statusCode).toBe(200);
    });

    it('is closed when a workspace already has an admin', async () => {
      await createOrg(t.db);
      expect((await call(t.app, null, 'GET', '/api/v1/setup')).json()).toEqual({ needed: false });
      expectError(await call(t.app, null, 'POST', '/api/v1/setup', body), 409, 'SETUP_ALREADY_DONE');
    });
  });

  describe('with an organisation', () => {
    let org: Org;
    beforeEach(async () => {
      org = await createOrg(t.db);
    });

    describe('login', () => {
      it('returns the user, role, team, permissions and a CSRF token, and sets an httpOnly cookie', async () => {
        const res = await tryLogin(org.managerA.email, PASSWORD);
        expect(res.statusCode, res.body).toBe(200);
        const me = res.json();
        expect(me).toMatchObject({
          kind: 'user',
          user: {
            id: org.managerA.id,
            email: org.managerA.email,
            name: org.managerA.name,
            role: 'manager',
            teamId: org.teamA.id,
            teamName: '华东销售部',
          },
          apiKey: null,
          workspace: { id: org.workspaceId, name: '测试公司' },
        });
        expect([...me.permissions].sort()).toEqual([...ROLE_PERMISSIONS.manager].sort());
        expect(me.permissions).not.toContain('users.manage');
        expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        const cookie = res.cookies.find((c) => c.name === 'stratum_session');
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

        const rep = (await tryLogin(org.repA.email, PASSWORD)).json();
        expect(rep.user.role).toBe('rep');
        expect(rep.permissions).toEqual([...ROLE_PERMISSIONS.rep]);
        expect(rep.permissions).not.toContain('users.read');
      });

      it('treats the email case-insensitively', async () => {
        const res = await tryLogin(org.repA.email.toUpperCase(), PASSWORD);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().user.id).toBe(org.repA.id);
      });

      it('answers a wrong password and an unknown email the same way', async () => {
        const wrong = await tryLogin(org.repA.email, 'not-the-password');
        const unknown = await tryLogin('nobody@test.local', PASSWORD);
        expectError(wrong, 401, 'INVALID_CREDENTIALS');
        expectError(unknown, 401, 'INVALID_CREDENTIALS');
        expect(unknown.json()).toEqual(wrong.json());
        expect(wrong.cookies.find((c) => c.name === 'stratum_session')).toBeUndefined();
      });

      it('refuses a disabled user', async () => {
        await t.db.execute(sql`UPDATE users SET disabled_at = now() WHERE id = ${org.repB.id}`);
        const res = await tryLogin(org.repB.email, PASSWORD);
        expectError(res, 403, 'USER_DISABLED');
        expect(await sessionCount(t.db, org.repB.id)).toBe(0);
      });

      it('rejects unknown body fields', async () => {
        const res = await call(t.app, null, 'POST', LOGIN, {
          email: org.repA.email,
          password: PASSWORD,
          role: 'admin',
        });
        expectError(res, 400, 'VALIDATION_FAILED');
      });
    });

    describe('throttling', () => {
      it('locks an account after 5 failures, even for the right password, but not other accounts', async () => {
        for (let i = 0; i < 5; i++) {
          expectError(await tryLogin(org.repA.email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
        }
        const locked = await tryLogin(org.repA.email, PASSWORD);
        expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
        const retryAfter = Number(locked.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        expect(locked.json().error.message).toContain(String(retryAfter));
        // The same account in another spelling is the same account.
        expectError(await tryLogin(org.repA.email.toUpperCase(), PASSWORD), 429, 'TOO_MANY_ATTEMPTS');

        // Another account from the same IP (default per-IP limit 30) still signs in.
        const other = await tryLogin(org.repB.email, PASSWORD);
        expect(other.statusCode, other.body).toBe(200);
      });

      it('clears the failures of an account after a successful sign-in', async () => {
        for (let i = 0; i < 4; i++) await tryLogin(org.repA.email, `wrong-${i}`);
        expect((await tryLogin(org.repA.email, PASSWORD)).statusCode).toBe(200);
        for (let i = 0; i < 4; i++) {
          expectError(await tryLogin(org.repA.email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
        }
        expect((await tryLogin(org.repA.email, PASSWORD)).statusCode).toBe(200);
      });
    });

    describe('sessions', () => {
      it('logout ends the session on the server', async () => {
        const s = await login(t.app, org.repA.email, PASSWORD);
        expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
        const out = await call(t.app, s, 'POST', '/api/v1/auth/logout');
        expect(out.statusCode).toBe(204);
        const cleared = out.cookies.find((c) => c.name === 'stratum_session');
        expect(cleared?.value).toBe('');
        expect(await sessionCount(t.db, org.repA.id)).toBe(0);
        // The browser keeping the old cookie does not help.
        expectError(await call(t.app, s, 'GET', ME), 401, 'UNAUTHENTICATED');
      });

      it('logout needs the CSRF token', async () => {
        const s = await login(t.app, org.repA.email, PASSWORD);
        expectError(
          await call(t.app, { cookie: s.cookie }, 'POST', '/api/v1/auth/logout'),
          403,
          'CSRF_FAILED',
        );
        expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
      });

      it('rejects forged and tampered cookies', async () => {
        const s = await login(t.app, org.admin.email, PASSWORD);
        const value = s.cookie!.slice('stratum_session='.length);
        const [ws, token, signature] = value.split('.') as [string, string, string];
        const flip = (x: string) => (x.endsWith('A') ? x.slice(0, -1) + 'B' : x.slice(0, -1) + 'A');
        const forged = [
          `${ws}.${token}.${flip(signature)}`, // bad signature
          `${ws}.${flip(token)}.${signature}`, // token changed, signature kept
          `${ws}.${token}`, // no signature
          'garbage',
          `00000000-0000-0000-0000-000000000000.${token}.${signature}`, // unknown workspace
        ];
        for (const v of forged) {
          const res = await call(t.app, { cookie: `stratum_session=${v}` }, 'GET', ME);
          expectError(res, 401, 'UNAUTHENTICATED');
        }
        expectError(await call(t.app, null, 'GET', ME), 401, 'UNAUTHENTICATED');
        expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
      });

      it('requires the CSRF token on cookie-authenticated writes, not on reads', async () => {
        const s = await login(t.app, org.admin.email, PASSWORD);
        const other = await login(t.app, org.repA.email, PASSWORD);
        const noToken: Session = { cookie: s.cookie };
        const wrongToken: Session = { cookie: s.cookie, csrfToken: 'x'.repeat(43) };
        const othersToken: Session = { cookie: s.cookie, csrfToken: other.csrfToken };

        for (const bad of [noToken, wrongToken, othersToken]) {
          expectError(
            await call(t.app, bad, 'POST', '/api/v1/teams', { name: '新团队' }),
            403,
            'CSRF_FAILED',
          );
          expectError(await call(t.app, bad, 'PATCH', ME, { locale: 'en' }), 403, 'CSRF_FAILED');
          expectError(await call(t.app, bad, 'DELETE', `/api/v1/teams/${org.teamA.id}`), 403, 'CSRF_FAILED');
        }
        // Nothing happened.
        const teams = await call(t.app, noToken, 'GET', '/api/v1/teams');
        expect(teams.statusCode).toBe(200);
        expect(teams.json().total).toBe(2);
        expect((await call(t.app, noToken, 'GET', ME)).json().user.locale).toBeNull();
        expect((await call(t.app, noToken, 'GET', '/api/v1/users')).statusCode).toBe(200);

        // With the right token, the same write goes through.
        expect((await call(t.app, s, 'POST', '/api/v1/teams', { name: '新团队' })).statusCode).toBe(201);
      });

      it('slides the idle window while the session is in use', async () => {
        // Default idle limit: 120 minutes. 100 idle minutes, a request, then 100 more: still signed in.
        const s = await login(t.app, org.repA.email, PASSWORD);
        const back100 = () =>
          t.db.execute(
            sql`UPDATE sessions SET last_seen_at = now() - interval '100 minutes' WHERE user_id = ${org.repA.id}`,
          );
        await back100();
        expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
        const { rows } = await t.db.execute<{ idle: number }>(
          sql`SELECT extract(epoch FROM now() - last_seen_at)::float8 AS idle FROM sessions WHERE user_id = ${org.repA.id}`,
        );
        expect(Number(rows[0]!.idle)).toBeLessThan(60);
        await back100();
        expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
      });

      it('ends a session at its absolute expiry', async () => {
        const s = await login(t.app, org.repA.email, PASSWORD);
        await t.db.execute(
          sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${org.repA.id}`,
        );
        expectError(await call(t.app, s, 'GET', ME), 401, 'UNAUTHENTICATED');
        expect(await sessionCount(t.db, org.repA.id)).toBe(0);
      });
    });

    describe('password', () => {
      it('a change keeps the current session, ends the others, and swaps the passwords', async () => {
        const current = await login(t.app, org.repA.email, PASSWORD);
        const elsewhere = await login(t.app, org.repA.email, PASSWORD);
        const someoneElse = await login(t.app, org.repB.email, PASSWORD);
        const res = await call(t.app, current, 'POST', '/api/v1/auth/password', {
          currentPassword: PASSWORD,
          newPassword: 'brand-new-password',
        });
        expect(res.statusCode, res.body).toBe(204);

        expect((await call(t.app, current, 'GET', ME)).statusCode).toBe(200);
        expectError(await call(t.app, elsewhere, 'GET', ME), 401, 'UNAUTHENTICATED');
        expect((await call(t.app, someoneElse, 'GET', ME)).statusCode).toBe(200);
        expect(await sessionCount(t.db, org.repA.id)).toBe(1);

        expectError(await tryLogin(org.repA.email, PASSWORD), 401, 'INVALID_CREDENTIALS');
        expect((await tryLogin(org.repA.email, 'brand-new-password')).statusCode).toBe(200);

        const admin = await login(t.app, org.admin.email, PASSWORD);
        const audit = await call(
          t.app,
          admin,
          'GET',
          `/api/v1/audit-log?entityType=user&entityId=${org.repA.id}`,
        );
        expect(audit.json().items).toEqual([
          expect.objectContaining({
            action: 'user.change_password',
            actorId: org.repA.id,
            before: null,
            after: null,
          }),
        ]);
      });

      it('a change with the wrong current password fails and changes nothing', async () => {
        const current = await login(t.app, org.repA.email, PASSWORD);
        const elsewhere = await login(t.app, org.repA.email, PASSWORD);
        const res = await call(t.app, current, 'POST', '/api/v1/auth/password', {
          currentPassword: 'not-my-password',
          newPassword: 'brand-new-password',
        });
        expectError(res, 400, 'INVALID_CURRENT_PASSWORD');
        expect((await call(t.app, elsewhere, 'GET', ME)).statusCode).toBe(200);
        expect((await tryLogin(org.repA.email, PASSWORD)).statusCode).toBe(200);

        const weak = await call(t.app, current, 'POST', '/api/v1/auth/password', {
          currentPassword: PASSWORD,
          newPassword: 'short',
        });
        expectError(weak, 400, 'VALIDATION_FAILED');
        expect(weak.json().error.details).toEqual([expect.objectContaining({ path: 'newPassword' })]);
      });

      it("an admin reset ends all of that user's sessions", async () => {
        const admin = await login(t.app, org.admin.email, PASSWORD);
        const s1 = await login(t.app, org.repA.email, PASSWORD);
        const s2 = await login(t.app, org.repA.email, PASSWORD);
        const other = await login(t.app, org.repA2.email, PASSWORD);
        const res = await call(t.app, admin, 'POST', `/api/v1/users/${org.repA.id}/reset-password`, {
          password: 'reset-by-admin',
        });
        expect(res.statusCode, res.body).toBe(204);
        expectError(await call(t.app, s1, 'GET', ME), 401, 'UNAUTHENTICATED');
        expectError(await call(t.app, s2, 'GET', ME), 401, 'UNAUTHENTICATED');
        expect((await call(t.app, other, 'GET', ME)).statusCode).toBe(200);
        expect((await call(t.app, admin, 'GET', ME)).statusCode).toBe(200);
        expectError(await tryLogin(org.repA.email, PASSWORD), 401, 'INVALID_CREDENTIALS');
        expect((await tryLogin(org.repA.email, 'reset-by-admin')).statusCode).toBe(200);

        // Only admins may reset passwords.
        const manager = await login(t.app, org.managerA.email, PASSWORD);
        expectError(
          await call(t.app, manager, 'POST', `/api/v1/users/${org.repA.id}/reset-password`, {
            password: 'x'.repeat(10),
          }),
          403,
          'FORBIDDEN',
        );
      });
    });

    describe('own profile', () => {
      it('PATCH /auth/me saves the language and name', async () => {
        const s = await login(t.app, org.repA.email, PASSWORD);
        const res = await call(t.app, s, 'PATCH', ME, { locale: 'en', name: '新名字' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().user).toMatchObject({ locale: 'en', name: '新名字', role: 'rep' });
        expect((await call(t.app, s, 'GET', ME)).json().user.locale).toBe('en');

        const reset = await call(t.app, s, 'PATCH', ME, { locale: null });
        expect(reset.json().user.locale).toBeNull();
        expectError(await call(t.app, s, 'PATCH', ME, { locale: 'fr' }), 400, 'VALIDATION_FAILED');
      });

      it('PATCH /auth/me refuses fields it does not own (no mass assignment)', async () => {
        const s = await login(t.app, org.repA.email, PASSWORD);
        for (const extra of [{ role: 'admin' }, { teamId: org.teamB.id }, { email: 'me@evil.test' }]) {
          const res = await call(t.app, s, 'PATCH', ME, { locale: 'en', ...extra });
          expectError(res, 400, 'VALIDATION_FAILED');
          expect(res.json().error.details).toEqual([
            expect.objectContaining({ path: Object.keys(extra)[0], code: 'unrecognized_keys' }),
          ]);
        }
        const me = (await call(t.app, s, 'GET', ME)).json();
        expect(me.user).toMatchObject({
          role: 'rep',
          teamId: org.teamA.id,
          email: org.repA.email,
          locale: null,
        });
        expect(me.permissions).toEqual([...ROLE_PERMISSIONS.rep]);
        const { rows } = await t.db.execute<{ role: string }>(
          sql`SELECT role FROM users WHERE id = ${org.repA.id}`,
        );
        expect(rows[0]!.role).toBe('rep');
      });
    });

    describe('languages', () => {
      it('words errors in Chinese by default and in English when asked', async () => {
        const zh = await tryLogin(org.repA.email, 'wrong-password');
        expect(zh.json().error.message).toBe('邮箱或密码不正确');
        const en = await tryLogin(org.repA.email, 'wrong-password', { 'accept-language': 'en-US,en;q=0.9' });
        expect(en.json().error).toMatchObject({
          code: 'INVALID_CREDENTIALS',
          message: 'Incorrect email or password',
        });
        const zhPreferred = await tryLogin(org.repA.email, 'wrong-password', {
          'accept-language': 'zh-CN,en;q=0.8',
        });
        expect(zhPreferred.json().error.message).toBe('邮箱或密码不正确');
        const enByQ = await tryLogin(org.repA.email, 'wrong-password', {
          'accept-language': 'zh;q=0.3,en;q=0.9',
        });
        expect(enByQ.json().error.message).toBe('Incorrect email or password');
        const other = await tryLogin('nobody@test.local', 'x', { 'accept-language': 'fr-FR' });
        expect(other.json().error.message).toBe('邮箱或密码不正确');
      });

      it('words authorisation and validation errors in the request language', async () => {
        expect((await call(t.app, null, 'GET', ME)).json().error.message).toBe('请先登录');
        expect((await call(t.app, { lang: 'en' }, 'GET', ME)).json().error.message).toBe('Please sign in');

        const rep = await login(t.app, org.repA.email, PASSWORD);
        const forbidden = await call(t.app, { ...rep, lang: 'en' }, 'GET', '/api/v1/users');
        expect(forbidden.json().error).toMatchObject({
          code: 'FORBIDDEN',
          message: 'You do not have permission to do this',
        });

        const zh = await call(t.app, null, 'POST', LOGIN, { email: 'not-an-email', password: 'x' });
        const en = await call(t.app, { lang: 'en' }, 'POST', LOGIN, { email: 'not-an-email', password: 'x' });
        expect(zh.json().error.message).toBe('提交的数据有误，请检查后重试');
        expect(en.json().error.message).toBe('Some fields are invalid; please check and try again');
        const zhDetail = zh.json().error.details[0];
        const enDetail = en.json().error.details[0];
        expect(zhDetail.path).toBe('email');
        expect(enDetail.path).toBe('email');
        expect(zhDetail.message).not.toBe(enDetail.message);
        expect(zhDetail.message).toMatch(/[\u4e00-\u9fff]/);
        expect(enDetail.message).toMatch(/[a-z]/i);
      });
    });
  });
});

describe('auth: per-IP throttling', () => {
  const t = useTestApp({ loginMaxFailuresPerIp: 3 });

  const attempt = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: LOGIN, payload: { email, password }, remoteAddress });

  it('blocks an IP after its failures across accounts, other IPs unaffected', async () => {
    const org = await createOrg(t.db);
    const attacker = '203.0.113.7';
    expectError(await attempt('a@test.local', 'guess-1', attacker), 401, 'INVALID_CREDENTIALS');
    expectError(await attempt('b@test.local', 'guess-2', attacker), 401, 'INVALID_CREDENTIALS');
    expectError(await attempt(org.repA.email, 'guess-3', attacker), 401, 'INVALID_CREDENTIALS');

    // The IP is over its limit: even a real account with its right password is refused from there.
    const blocked = await attempt(org.admin.email, PASSWORD, attacker);
    expectError(blocked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    // The same accounts from another IP are fine (repA has 1 failure, below the per-account limit of 5).
    expect((await attempt(org.admin.email, PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    expect((await attempt(org.repA.email, PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });
});

describe('auth: idle expiry', () => {
  const t = useTestApp({ sessionIdleMinutes: 1 });

  it('ends a session left idle longer than the limit', async () => {
    const org = await createOrg(t.db);
    const s = await login(t.app, org.repA.email, PASSWORD);
    expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
    await t.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE user_id = ${org.repA.id}`,
    );
    expectError(await call(t.app, s, 'GET', ME), 401, 'UNAUTHENTICATED');
    expect(await sessionCount(t.db, org.repA.id)).toBe(0);
  });

  it('keeps a session that is in use within the idle limit alive', async () => {
    const org = await createOrg(t.db);
    const s = await login(t.app, org.repA.email, PASSWORD);
    const pass = (seconds: number) =>
      t.db.execute(
        sql`UPDATE sessions SET last_seen_at = last_seen_at - make_interval(secs => ${seconds}) WHERE user_id = ${org.repA.id}`,
      );
    await pass(50);
    expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200); // active 50 s after sign-in
    await pass(50);
    // Last activity was 50 s ago, under the 1-minute idle limit: still signed in.
    expect((await call(t.app, s, 'GET', ME)).statusCode).toBe(200);
  });
});
