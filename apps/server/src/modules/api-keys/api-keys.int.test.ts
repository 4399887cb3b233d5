import { createHash, randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS } from '../../http/permissions.ts';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

const KEYS = '/api/v1/api-keys';
const ME = '/api/v1/auth/me';
const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');

describe('API keys', () => {
  const t = useTestApp();
  let org: Org;
  let admin: Session;
  beforeEach(async () => {
    org = await createOrg(t.db);
    admin = await login(t.app, org.admin.email, PASSWORD);
  });

  const createKey = async (body: Record<string, unknown>) => {
    const res = await call(t.app, admin, 'POST', KEYS, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      apiKey: { id: string; name: string; prefix: string; userId: string };
      secret: string;
    };
  };

  it('an admin creates a key: the secret once, never in the list or the audit log', async () => {
    const res = await call(t.app, admin, 'POST', KEYS, { name: '数据同步' });
    expect(res.statusCode, res.body).toBe(201);
    const { apiKey, secret } = res.json();
    expect(secret).toMatch(/^stk_[0-9a-f]{32}_[A-Za-z0-9_-]{20,}$/);
    expect(secret.slice(4, 36)).toBe(org.workspaceId.replaceAll('-', ''));
    expect(apiKey).toMatchObject({
      name: '数据同步',
      userId: org.admin.id,
      userName: org.admin.name,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(apiKey.prefix.startsWith('stk_')).toBe(true);
    expect(secret.startsWith(apiKey.prefix.slice(0, 8))).toBe(true);
    expect(apiKey.prefix.length).toBeLessThan(20);

    // Only the hash is stored.
    const { rows } = await t.db.execute<{ key_hash: string }>(
      sql`SELECT key_hash FROM api_keys WHERE id = ${apiKey.id}`,
    );
    expect(rows[0]!.key_hash).toBe(sha256(secret));
    expect(rows[0]!.key_hash).not.toContain(secret);

    const list = await call(t.app, admin, 'GET', KEYS);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 1,
      page: 1,
      items: [{ id: apiKey.id, prefix: apiKey.prefix }],
    });
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(sha256(secret));
    expect(Object.keys(list.json().items[0]).sort()).toEqual(
      [
        'createdAt',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
        'userId',
        'userName',
      ].sort(),
    );

    const audit = await call(
      t.app,
      admin,
      'GET',
      `/api/v1/audit-log?entityType=api_key&entityId=${apiKey.id}`,
    );
    expect(audit.body).not.toContain(secret);
    expect(audit.body).not.toContain(sha256(secret));
  });

  it('a key authenticates with Bearer, needs no CSRF token, and acts as its user', async () => {
    const { apiKey, secret } = await createKey({ name: '脚本' });
    const key: Session = { apiKey: secret };
    const me = await call(t.app, key, 'GET', ME);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'api_key',
      user: { id: org.admin.id, role: 'admin' },
      apiKey: { id: apiKey.id, name: '脚本' },
      csrfToken: null,
    });
    expect(me.json().permissions).toContain('users.manage');

    // A write without any CSRF header works.
    const team = await call(t.app, key, 'POST', '/api/v1/teams', { name: '接口团队' });
    expect(team.statusCode, team.body).toBe(201);
    const audit = await call(
      t.app,
      admin,
      'GET',
      `/api/v1/audit-log?entityType=team&entityId=${team.json().id}`,
    );
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'team.create',
        actorType: 'api_key',
        actorId: apiKey.id,
        actorName: `脚本 (${org.admin.name})`,
      }),
    ]);

    // Use is recorded.
    const listed = (await call(t.app, admin, 'GET', KEYS)).json().items[0];
    expect(listed.lastUsedAt).toEqual(expect.any(String));
  });

  it('a key acting as a rep has the rep’s permissions', async () => {
    const { secret } = await createKey({ name: '销售脚本', userId: org.repA.id });
    const key: Session = { apiKey: secret };
    const me = (await call(t.app, key, 'GET', ME)).json();
    expect(me.user).toMatchObject({ id: org.repA.id, role: 'rep', teamId: org.teamA.id });
    expect(me.permissions).toEqual([...ROLE_PERMISSIONS.rep]);
    expect(me.permissions).not.toContain('users.read');
    expectError(await call(t.app, key, 'GET', '/api/v1/users'), 403, 'FORBIDDEN');
    expectError(await call(t.app, key, 'GET', KEYS), 403, 'FORBIDDEN');
    expectError(await call(t.app, key, 'POST', KEYS, { name: 'escalate' }), 403, 'FORBIDDEN');
    expectError(await call(t.app, key, 'GET', '/api/v1/audit-log'), 403, 'FORBIDDEN');

    // A manager's key sees the manager's scope.
    const { secret: managerKey } = await createKey({ name: '经理脚本', userId: org.managerA.id });
    const users = await call(t.app, { apiKey: managerKey }, 'GET', '/api/v1/users?pageSize=100');
    expect(users.statusCode).toBe(200);
    const ids = users.json().items.map((u: { id: string }) => u.id);
    expect(ids.sort()).toEqual([org.managerA.id, org.repA.id, org.repA2.id].sort());
  });

  it('rejects an unknown user and an expiry in the past when creating', async () => {
    const unknownUser = await call(t.app, admin, 'POST', KEYS, {
      name: 'x',
      userId: '00000000-0000-4000-8000-000000000000',
    });
    expectError(unknownUser, 400, 'INVALID_REFERENCE');
    const past = await call(t.app, admin, 'POST', KEYS, { name: 'x', expiresAt: '2000-01-01T00:00:00Z' });
    expectError(past, 400, 'VALIDATION_FAILED');
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    expectError(
      await call(t.app, admin, 'POST', KEYS, { name: 'x', secret: 'mine' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call(t.app, admin, 'POST', KEYS, { name: '   ' }), 400, 'VALIDATION_FAILED');
    expect((await call(t.app, admin, 'GET', KEYS)).json().total).toBe(0);
  });

  it('a revoked key stops working and the list shows when it was revoked', async () => {
    const { apiKey, secret } = await createKey({ name: '临时' });
    expect((await call(t.app, { apiKey: secret }, 'GET', ME)).statusCode).toBe(200);
    const del = await call(t.app, admin, 'DELETE', `${KEYS}/${apiKey.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expectError(await call(t.app, { apiKey: secret }, 'GET', ME), 401, 'UNAUTHENTICATED');
    const listed = (await call(t.app, admin, 'GET', KEYS)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: apiKey.id, revokedAt: expect.any(String) })]);

    expectError(
      await call(t.app, admin, 'DELETE', `${KEYS}/00000000-0000-4000-8000-000000000000`),
      404,
      'NOT_FOUND',
    );

    const audit = await call(
      t.app,
      admin,
      'GET',
      `/api/v1/audit-log?entityType=api_key&entityId=${apiKey.id}`,
    );
    const items = audit.json().items;
    expect(items.map((e: { action: string }) => e.action)).toEqual(['api_key.revoke', 'api_key.create']);
    expect(items[0]).toMatchObject({
      actorType: 'user',
      actorId: org.admin.id,
      actorName: org.admin.name,
      before: { id: apiKey.id, revokedAt: null },
      after: { id: apiKey.id, revokedAt: expect.any(String) },
    });
    expect(items[1]).toMatchObject({
      before: null,
      after: { id: apiKey.id, name: '临时', userId: org.admin.id },
    });
  });

  it('an expired key stops working; one expiring later works', async () => {
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const { apiKey, secret } = await createKey({ name: '有期限', expiresAt: later });
    expect(Date.parse((await call(t.app, admin, 'GET', KEYS)).json().items[0].expiresAt)).toBe(
      Date.parse(later),
    );
    expect((await call(t.app, { apiKey: secret }, 'GET', ME)).statusCode).toBe(200);
    await t.db.execute(
      sql`UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = ${apiKey.id}`,
    );
    expectError(await call(t.app, { apiKey: secret }, 'GET', ME), 401, 'UNAUTHENTICATED');
  });

  it('the key of a disabled user stops working, and works again when re-enabled', async () => {
    const { secret } = await createKey({ name: '代表脚本', userId: org.repB.id });
    expect((await call(t.app, { apiKey: secret }, 'GET', ME)).statusCode).toBe(200);
    const user = (await call(t.app, admin, 'GET', `/api/v1/users/${org.repB.id}`)).json();
    const off = await call(t.app, admin, 'PATCH', `/api/v1/users/${org.repB.id}`, {
      version: user.version,
      disabled: true,
    });
    expect(off.statusCode, off.body).toBe(200);
    expectError(await call(t.app, { apiKey: secret }, 'GET', ME), 401, 'UNAUTHENTICATED');
    await call(t.app, admin, 'PATCH', `/api/v1/users/${org.repB.id}`, {
      version: off.json().version,
      disabled: false,
    });
    expect((await call(t.app, { apiKey: secret }, 'GET', ME)).statusCode).toBe(200);
  });

  it('rejects garbage and unknown bearer tokens', async () => {
    const { secret } = await createKey({ name: '真的' });
    const wellFormedUnknown = `stk_${org.workspaceId.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
    const otherWorkspace = `stk_${'0'.repeat(32)}_${randomBytes(32).toString('base64url')}`;
    for (const bad of ['garbage', wellFormedUnknown, otherWorkspace, `${secret}x`, secret.slice(0, -1)]) {
      expectError(await call(t.app, { apiKey: bad }, 'GET', ME), 401, 'UNAUTHENTICATED');
    }
    // A bad bearer token is not rescued by a valid cookie.
    expectError(await call(t.app, { ...admin, apiKey: 'garbage' }, 'GET', ME), 401, 'UNAUTHENTICATED');
  });

  it('only admins manage keys', async () => {
    const { apiKey } = await createKey({ name: '管理员的' });
    for (const who of [org.managerA, org.repA, org.loneRep]) {
      const s = await login(t.app, who.email, PASSWORD);
      expectError(await call(t.app, s, 'GET', KEYS), 403, 'FORBIDDEN');
      expectError(await call(t.app, s, 'POST', KEYS, { name: 'mine' }), 403, 'FORBIDDEN');
      expectError(await call(t.app, s, 'DELETE', `${KEYS}/${apiKey.id}`), 403, 'FORBIDDEN');
    }
    expectError(await call(t.app, null, 'GET', KEYS), 401, 'UNAUTHENTICATED');
    const list = (await call(t.app, admin, 'GET', KEYS)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: apiKey.id, revokedAt: null })]);
  });
});
