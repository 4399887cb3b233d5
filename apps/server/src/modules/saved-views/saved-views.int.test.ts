import type { SavedView } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import { expectError, expectIssue, NO_SUCH_ID, useWorld } from '../../../test/customer-fixtures.ts';

const VIEWS = '/api/v1/saved-views';
const config = {
  columns: ['name', 'ownerName', 'lifetimeSpend'],
  filter: { field: 'province', op: 'eq', value: '浙江' },
  sort: '-lifetimeSpend',
  q: '机械',
};

describe('saved views', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const create = async (s: Session, body: Record<string, unknown>) => {
    const res = await call(t.app, s, 'POST', VIEWS, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SavedView;
  };
  const visible = async (s: Session) =>
    ((await call(t.app, s, 'GET', VIEWS)).json().items as SavedView[]).map((v) => v.name).sort();

  it('personal views are private to their owner; shared ones are visible to all', async () => {
    const repA = await w.as('repA');
    const managerA = await w.as('managerA');
    const mine = await create(repA, { name: '我的浙江客户', config });
    expect(mine).toMatchObject({
      name: '我的浙江客户',
      shared: false,
      ownerId: w.org.repA.id,
      ownerName: w.org.repA.name,
      config,
      version: 1,
    });
    const team = await create(managerA, {
      name: '团队大客户',
      shared: true,
      config: { sort: '-lifetimeSpend' },
    });
    expect(team.shared).toBe(true);
    await create(managerA, { name: '经理私人', config: {} });

    expect(await visible(repA)).toEqual(['团队大客户', '我的浙江客户'].sort());
    expect(await visible(managerA)).toEqual(['团队大客户', '经理私人'].sort());
    for (const who of ['repA2', 'repB', 'admin'] as const) {
      expect(await visible(await w.as(who)), who).toEqual(['团队大客户']);
    }
    // Someone else's personal view cannot be reached by id either.
    for (const who of ['repA2', 'managerA', 'admin'] as const) {
      const s = await w.as(who);
      expectError(
        await call(t.app, s, 'PATCH', `${VIEWS}/${mine.id}`, { version: 1, name: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectError(await call(t.app, s, 'DELETE', `${VIEWS}/${mine.id}`), 404, 'NOT_FOUND');
    }
    expectError(await call(t.app, repA, 'DELETE', `${VIEWS}/${NO_SUCH_ID}`), 404, 'NOT_FOUND');
  });

  it('only managers and admins may share a view', async () => {
    const repA = await w.as('repA');
    expectError(
      await call(t.app, repA, 'POST', VIEWS, { name: '共享', shared: true, config }),
      403,
      'FORBIDDEN',
    );
    const mine = await create(repA, { name: '个人', shared: false, config });
    expectError(
      await call(t.app, repA, 'PATCH', `${VIEWS}/${mine.id}`, { version: 1, shared: true }),
      403,
      'FORBIDDEN',
    );
    expect(await visible(await w.as('repB'))).toEqual([]);
    const renamed = await call(t.app, repA, 'PATCH', `${VIEWS}/${mine.id}`, {
      version: 1,
      name: '个人2',
      shared: false,
    });
    expect(renamed.json()).toMatchObject({ name: '个人2', shared: false, version: 2 });
    for (const who of ['managerB', 'admin'] as const) {
      expect((await create(await w.as(who), { name: `共享-${who}`, shared: true, config })).shared).toBe(
        true,
      );
    }
  });

  it('only the owner, or an admin, edits or deletes a shared view; a stale version is 409', async () => {
    const managerA = await w.as('managerA');
    const view = await create(managerA, { name: '团队视图', shared: true, config });
    for (const who of ['repA', 'managerB'] as const) {
      const s = await w.as(who);
      expectError(
        await call(t.app, s, 'PATCH', `${VIEWS}/${view.id}`, { version: 1, name: '改' }),
        403,
        'FORBIDDEN',
      );
      expectError(await call(t.app, s, 'DELETE', `${VIEWS}/${view.id}`), 403, 'FORBIDDEN');
    }
    const own = await call(t.app, managerA, 'PATCH', `${VIEWS}/${view.id}`, {
      version: 1,
      config: { ...config, sort: 'name' },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ version: 2, config: { sort: 'name' } });
    const stale = await call(t.app, managerA, 'PATCH', `${VIEWS}/${view.id}`, { version: 1, name: '旧' });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ version: 2, name: '团队视图' });

    const admin = await w.as('admin');
    const byAdmin = await call(t.app, admin, 'PATCH', `${VIEWS}/${view.id}`, {
      version: 2,
      name: '管理员改名',
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json()).toMatchObject({ name: '管理员改名', ownerId: w.org.managerA.id, version: 3 });
    expect((await call(t.app, admin, 'DELETE', `${VIEWS}/${view.id}`)).statusCode).toBe(204);
    expect(await visible(managerA)).toEqual([]);
  });

  it('refuses invalid and unknown fields', async () => {
    const repA = await w.as('repA');
    for (const [body, path] of [
      [{ config }, 'name'],
      [{ name: '', config }, 'name'],
      [{ name: 'v' }, 'config'],
      [{ name: 'v', config: { columns: 'name' } }, 'config.columns'],
      [{ name: 'v', config: { sql: 'drop' } }, 'config.sql'],
      [{ name: 'v', config, ownerId: w.org.repB.id }, 'ownerId'],
      [{ name: 'v', config, shared: 'yes' }, 'shared'],
    ] as const) {
      expectIssue(await call(t.app, repA, 'POST', VIEWS, body), path);
    }
    const v = await create(repA, { name: 'v', config });
    expectIssue(await call(t.app, repA, 'PATCH', `${VIEWS}/${v.id}`, { name: 'w' }), 'version');
    expectIssue(
      await call(t.app, repA, 'PATCH', `${VIEWS}/${v.id}`, { version: 1, ownerId: w.org.repA2.id }),
      'ownerId',
    );
    expect(await visible(repA)).toEqual(['v']);
  });
});
