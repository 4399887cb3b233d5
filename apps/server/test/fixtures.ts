import type { Role } from '@stratum/contracts';
import type { Db } from '../src/db/client.ts';
import { createRng } from '../src/db/seed/random.ts';
import { userFactory } from '../src/db/seed/factories.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { teamsRepository } from '../src/modules/teams/teams.repository.ts';
import { usersRepository } from '../src/modules/users/users.repository.ts';
import { workspacesRepository } from '../src/modules/workspaces/workspaces.repository.ts';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export interface OrgUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
}

/**
 * A small organisation, built with the demo's factories: an admin, two teams (A and B) each with a
 * manager and reps, and a rep with no team. Hashing once keeps it fast.
 */
export async function createOrg(db: Db, seed = 1) {
  const rng = createRng(seed);
  const taken = new Set<string>();
  const workspace = await workspacesRepository.create(db, '测试公司');
  const ws = workspace.workspaceId;
  const hash = await (passwordHash ??= hashPassword(PASSWORD));
  const teamA = await teamsRepository.insert(db, ws, '华东销售部');
  const teamB = await teamsRepository.insert(db, ws, '华南销售部');
  const make = async (role: Role, teamId: string | null): Promise<OrgUser> => {
    const body = userFactory(rng, role, { teamId, password: PASSWORD, taken, domain: 'test.local' });
    const row = await usersRepository.insert(db, { ...body, workspaceId: ws, passwordHash: hash, teamId });
    return { id: row.id, email: row.email, name: row.name, role, teamId };
  };
  return {
    workspaceId: ws,
    teamA,
    teamB,
    admin: await make('admin', null),
    managerA: await make('manager', teamA.id),
    repA: await make('rep', teamA.id),
    repA2: await make('rep', teamA.id),
    managerB: await make('manager', teamB.id),
    repB: await make('rep', teamB.id),
    loneRep: await make('rep', null),
  };
}
export type Org = Awaited<ReturnType<typeof createOrg>>;
