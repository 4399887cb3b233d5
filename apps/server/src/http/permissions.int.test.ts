import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Role } from '@stratum/contracts';
import { call, testConfig, useTestApp, type Session } from '../../test/harness.ts';
import { createOrg } from '../../test/fixtures.ts';
import { authService } from '../modules/auth/auth.service.ts';
import { usersRepository } from '../modules/users/users.repository.ts';
import { can } from './permissions.ts';

/**
 * Walks the whole route table for every role and for anonymous callers: a route a role may not use
 * must answer 401 (anonymous) or 403, and one it may use must not. Adding a route without a declared
 * permission fails at start-up (last test), so nothing escapes this walk.
 */
describe('route permissions', () => {
  const t = useTestApp();

  async function sessionFor(workspaceId: string, userId: string): Promise<Session> {
    const user = (await usersRepository.byId(t.db, workspaceId, userId))!;
    const { cookie, me } = await authService.startSession(t.db, testConfig(), user, null, null);
    return { cookie: `stratum_session=${cookie}`, csrfToken: me.csrfToken };
  }

  it('every route answers each role as its declared permission says', { timeout: 180_000 }, async () => {
    const org = await createOrg(t.db);
    const users: Record<Role, string> = { admin: org.admin.id, manager: org.managerA.id, rep: org.repA.id };
    const table = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    expect(table.length).toBeGreaterThan(15);

    const failures: string[] = [];
    for (const route of table) {
      const url = route.url.replace(/:(\w+)/g, () => randomUUID());
      const payload = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) ? {} : undefined;
      const anon = await call(t.app, null, route.method as never, url, payload);
      const anonAllowed = route.permission === 'public';
      if (anonAllowed === [401, 403].includes(anon.statusCode)) {
        failures.push(`anonymous ${route.method} ${route.url} → ${anon.statusCode}`);
      }
      if (!anonAllowed) expect(anon.json().error.code).toBe('UNAUTHENTICATED');

      for (const role of ['admin', 'manager', 'rep'] as const) {
        // A fresh session per request: a route such as logout ends the one it is called with.
        const session = await sessionFor(org.workspaceId, users[role]);
        const res = await call(t.app, session, route.method as never, url, payload);
        const allowed = can(role, route.permission);
        const denied = res.statusCode === 403 && res.json().error.code === 'FORBIDDEN';
        if (allowed === denied || res.statusCode === 401) {
          failures.push(
            `${role} ${route.method} ${route.url} (${route.permission}) → ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses to start with an API route that declares no permission', async () => {
    const { buildApp } = await import('../app.ts');
    const app = await buildApp({ db: t.db, config: testConfig() });
    expect(() => app.get('/api/v1/unguarded', async () => 'oops')).toThrow(/declares no permission/);
    await app.close();
  });
});
