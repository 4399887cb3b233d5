import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

interface TeamJson {
  id: string;
  name: string;
  memberCount: number;
  version: number;
}

const TEAMS = '/api/v1/teams';

describe('teams', () => {
  const t = useTestApp();
  let org: Org;
  let admin: Session;
  beforeEach(async () => {
    org = await createOrg(t.db);
    admin = await login(t.app, org.admin.email, PASSWORD);
  });

  const list = async (session: Session, query = '') => {
    const res = await call(t.app, session, 'GET', `${TEAMS}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: TeamJson[]; total: number; page: number; pageSize: number };
  };
  const create = async (name: string) => {
    const res = await call(t.app, admin, 'POST', TEAMS, { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TeamJson;
  };
  const auditOf = async (entityId: string) =>
    (await call(t.app, admin, 'GET', `/api/v1/audit-log?entityType=team&entityId=${entityId}`)).json()
      .items as {
      action: string;
      actorId: string;
      actorName: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  it('lists teams with pagination, search and sort', async () => {
    const res = await list(admin);
    expect(res).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    // Default order: by name.
    expect(res.items.map((x) => [x.id, x.name, x.version])).toEqual([
      [org.teamA.id, '华东销售部', 1],
      [org.teamB.id, '华南销售部', 1],
    ]);

    const big = await create('大客户部');
    // The sort itself is applied in SQL (3 members, 2, 0).
    expect((await list(admin, '?sort=-memberCount')).items.map((x) => x.id)).toEqual([
      org.teamA.id,
      org.teamB.id,
      big.id,
    ]);
    expect((await list(admin, '?sort=memberCount')).items.map((x) => x.id)).toEqual([
      big.id,
      org.teamB.id,
      org.teamA.id,
    ]);
    expect((await list(admin, `?q=${encodeURIComponent('华南')}`)).items.map((x) => x.id)).toEqual([
      org.teamB.id,
    ]);
    const p2 = await list(admin, '?pageSize=2&page=2');
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items).toHaveLength(1);
    const bad = await call(t.app, admin, 'GET', `${TEAMS}?sort=secret`);
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'sort' })]);
  });

  it('reports each team’s member count in the list and by id', async () => {
    const res = await list(admin);
    const counts = Object.fromEntries(res.items.map((x) => [x.id, x.memberCount]));
    expect(counts).toEqual({ [org.teamA.id]: 3, [org.teamB.id]: 2 });

    // Moving a member changes the counts.
    const user = (await call(t.app, admin, 'GET', `/api/v1/users/${org.repA.id}`)).json();
    await call(t.app, admin, 'PATCH', `/api/v1/users/${org.repA.id}`, {
      version: user.version,
      teamId: org.teamB.id,
    });
    expect((await call(t.app, admin, 'GET', `${TEAMS}/${org.teamB.id}`)).json()).toMatchObject({
      id: org.teamB.id,
      memberCount: 3,
    });
    expect((await call(t.app, admin, 'GET', `${TEAMS}/${org.teamA.id}`)).json().memberCount).toBe(2);
  });

  it('creates a team (name trimmed) and refuses a duplicate name', async () => {
    const team = await create('  客户成功部 ');
    expect(team).toMatchObject({ name: '客户成功部', memberCount: 0, version: 1 });
    expect((await call(t.app, admin, 'GET', `${TEAMS}/${team.id}`)).json()).toMatchObject({
      name: '客户成功部',
    });

    expectError(await call(t.app, admin, 'POST', TEAMS, { name: '华东销售部' }), 409, 'TEAM_NAME_TAKEN');
    expectError(await call(t.app, admin, 'POST', TEAMS, { name: ' 客户成功部' }), 409, 'TEAM_NAME_TAKEN');
    expectError(await call(t.app, admin, 'POST', TEAMS, { name: '' }), 400, 'VALIDATION_FAILED');
    expectError(
      await call(t.app, admin, 'POST', TEAMS, { name: 'x', id: org.teamA.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await list(admin)).total).toBe(3);
  });

  it('renames with the current version; a stale version or a taken name gets 409', async () => {
    const renamed = await call(t.app, admin, 'PATCH', `${TEAMS}/${org.teamA.id}`, {
      version: 1,
      name: '华东一部',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: org.teamA.id, name: '华东一部', version: 2 });

    const stale = await call(t.app, admin, 'PATCH', `${TEAMS}/${org.teamA.id}`, {
      version: 1,
      name: '华东二部',
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({
      id: org.teamA.id,
      name: '华东一部',
      version: 2,
    });

    const taken = await call(t.app, admin, 'PATCH', `${TEAMS}/${org.teamA.id}`, {
      version: 2,
      name: '华南销售部',
    });
    expectError(taken, 409, 'TEAM_NAME_TAKEN');

    expect((await call(t.app, admin, 'GET', `${TEAMS}/${org.teamA.id}`)).json()).toMatchObject({
      name: '华东一部',
      version: 2,
    });
    // Users show the new team name.
    expect((await call(t.app, admin, 'GET', `/api/v1/users/${org.repA.id}`)).json().teamName).toBe(
      '华东一部',
    );

    expectError(
      await call(t.app, admin, 'PATCH', `${TEAMS}/00000000-0000-4000-8000-000000000000`, {
        version: 1,
        name: 'x',
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t.app, admin, 'PATCH', `${TEAMS}/${org.teamA.id}`, { name: 'no version' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('deletes an empty team', async () => {
    const empty = await create('临时团队');
    const del = await call(t.app, admin, 'DELETE', `${TEAMS}/${empty.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expectError(await call(t.app, admin, 'GET', `${TEAMS}/${empty.id}`), 404, 'NOT_FOUND');
    expectError(await call(t.app, admin, 'DELETE', `${TEAMS}/${empty.id}`), 404, 'NOT_FOUND');
    expect((await list(admin)).total).toBe(2);

    // Once its members are moved out, team B can go too.
    for (const u of [org.managerB, org.repB]) {
      const cur = (await call(t.app, admin, 'GET', `/api/v1/users/${u.id}`)).json();
      const moved = await call(t.app, admin, 'PATCH', `/api/v1/users/${u.id}`, {
        version: cur.version,
        teamId: null,
      });
      expect(moved.statusCode).toBe(200);
    }
    expect((await call(t.app, admin, 'DELETE', `${TEAMS}/${org.teamB.id}`)).statusCode).toBe(204);
    expect((await list(admin)).items.map((x) => x.id)).toEqual([org.teamA.id]);
  });

  it('refuses to delete a team with members: 409 with the count in the message', async () => {
    const full = await call(t.app, admin, 'DELETE', `${TEAMS}/${org.teamA.id}`);
    expectError(full, 409, 'TEAM_NOT_EMPTY');
    expect(full.json().error.message).toBe('团队中还有 3 名成员，请先移出成员再删除');
    const en = await call(t.app, { ...admin, lang: 'en' }, 'DELETE', `${TEAMS}/${org.teamB.id}`);
    expectError(en, 409, 'TEAM_NOT_EMPTY');
    expect(en.json().error.message).toContain('2 member(s)');
    expect((await list(admin)).total).toBe(2);
    expect(await auditOf(org.teamA.id)).toEqual([]);
  });

  it('managers read teams but cannot change them; reps cannot read them', async () => {
    const manager = await login(t.app, org.managerA.email, PASSWORD);
    expect((await list(manager)).total).toBe(2);
    expect((await call(t.app, manager, 'GET', `${TEAMS}/${org.teamB.id}`)).statusCode).toBe(200);
    expectError(await call(t.app, manager, 'POST', TEAMS, { name: '经理的团队' }), 403, 'FORBIDDEN');
    expectError(
      await call(t.app, manager, 'PATCH', `${TEAMS}/${org.teamA.id}`, { version: 1, name: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectError(await call(t.app, manager, 'DELETE', `${TEAMS}/${org.teamA.id}`), 403, 'FORBIDDEN');

    const rep = await login(t.app, org.repA.email, PASSWORD);
    expectError(await call(t.app, rep, 'GET', TEAMS), 403, 'FORBIDDEN');
    expectError(await call(t.app, rep, 'GET', `${TEAMS}/${org.teamA.id}`), 403, 'FORBIDDEN');
    expectError(await call(t.app, null, 'GET', TEAMS), 401, 'UNAUTHENTICATED');

    expect((await list(admin)).items.map((x) => [x.name, x.version])).toEqual([
      ['华东销售部', 1],
      ['华南销售部', 1],
    ]);
  });

  it('audits create, rename and delete with before and after', async () => {
    const team = await create('审计团队');
    await call(t.app, admin, 'PATCH', `${TEAMS}/${team.id}`, { version: 1, name: '审计团队二' });
    await call(t.app, admin, 'DELETE', `${TEAMS}/${team.id}`);
    const entries = await auditOf(team.id);
    expect(entries.map((e) => e.action)).toEqual(['team.delete', 'team.update', 'team.create']);
    for (const e of entries) expect(e).toMatchObject({ actorId: org.admin.id, actorName: org.admin.name });
    expect(entries[2]).toMatchObject({ before: null, after: { id: team.id, name: '审计团队', version: 1 } });
    expect(entries[1]).toMatchObject({
      before: { name: '审计团队', version: 1 },
      after: { name: '审计团队二', version: 2 },
    });
    expect(entries[0]).toMatchObject({ before: { name: '审计团队二' }, after: null });

    // Refused changes leave no trace.
    await call(t.app, admin, 'POST', TEAMS, { name: '华东销售部' });
    await call(t.app, admin, 'PATCH', `${TEAMS}/${org.teamA.id}`, { version: 99, name: '不会成功' });
    expect(await auditOf(org.teamA.id)).toEqual([]);
    const all = (await call(t.app, admin, 'GET', '/api/v1/audit-log?entityType=team')).json();
    expect(all.total).toBe(3);
  });
});
