import { randomBytes } from 'node:crypto';
import type { Db } from '../client.ts';
import { createRng } from './random.ts';
import { DEMO_TEAMS, userFactory } from './factories.ts';
import { workspacesRepository } from '../../modules/workspaces/workspaces.repository.ts';
import { teamsRepository } from '../../modules/teams/teams.repository.ts';
import { teamsService } from '../../modules/teams/teams.service.ts';
import { usersRepository } from '../../modules/users/users.repository.ts';
import { usersService } from '../../modules/users/users.service.ts';
import { authService } from '../../modules/auth/auth.service.ts';
import { loadCustomerDemo, type CustomerDemoCounts } from './customers-demo.ts';
import { loadPipelineDemo } from './pipeline-demo.ts';
import { loadNpsDemo } from './nps-demo.ts';
import { loadClassificationDemo, type ClassificationDemoCounts } from './classification-demo.ts';
import { todayIn } from '../../modules/workspaces/workspaces.repository.ts';

/** The demo's day: "YYYY-MM-DD" as given, a Date's day, or today, in the workspace's zone. */
const demoDay = (asOf: Date | string | undefined, timeZone: string) =>
  typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf)
    ? asOf
    : todayIn(timeZone, asOf === undefined ? new Date() : new Date(asOf));

export interface DemoOptions {
  seed?: number;
  /** Password for the demo users (and for the admin when the demo creates the workspace). Random if omitted. */
  password?: string;
  adminEmail?: string;
  /** Demo customers with two years of orders, follow-ups, contracts… (default 3000; 0 for none). */
  customers?: number;
  /** Where the customers' history ends (default: now). See loadCustomerDemo. */
  asOf?: Date | string;
}

/** New records by kind (all 0 when the workspace already had customers). */
export interface DemoSummary extends CustomerDemoCounts, ClassificationDemoCounts {
  workspaceId: string;
  createdWorkspace: boolean;
  admin: { email: string } | null;
  teams: number;
  users: number;
  password: string;
  seed: number;
  /** Opportunities added with the default pipeline (0 when the workspace already had a pipeline). */
  opportunities: number;
}

/**
 * Loads a believable Chinese SMB sales organisation: four teams, each with a manager and three to five
 * reps, then customers with their history (customers-demo.ts). Deterministic by seed; running it again
 * adds nothing already there (teams by name, users by email, customers if the workspace has any). Each
 * later module extends it with its own records.
 */
export async function loadDemo(db: Db, opts: DemoOptions = {}): Promise<DemoSummary> {
  const seed = opts.seed ?? 20_240_601;
  const rng = createRng(seed);
  const password = opts.password ?? randomBytes(9).toString('base64url');
  let createdWorkspace = false;
  let admin: DemoSummary['admin'] = null;

  if (await authService.setupNeeded(db)) {
    const email = opts.adminEmail ?? 'admin@demo.stratum.local';
    await authService.createFirstAdmin(db, {
      workspaceName: '星河商贸有限公司（演示）',
      name: '系统管理员',
      email,
      password,
    });
    createdWorkspace = true;
    admin = { email };
  }
  const workspace = (await workspacesRepository.first(db))!;
  const ws = workspace.workspaceId;
  const taken = new Set<string>();
  let teams = 0;
  let users = 0;

  for (const teamName of DEMO_TEAMS) {
    let team = await teamsRepository.byName(db, ws, teamName);
    if (!team) {
      team = { ...(await teamsService.create(db, ws, 'system', null, teamName)), memberCount: 0 };
      teams++;
    }
    const members = [userFactory(rng, 'manager', { teamId: team.id, password, taken })];
    const reps = rng.int(3, 5);
    for (let i = 0; i < reps; i++)
      members.push(userFactory(rng, 'rep', { teamId: team.id, password, taken }));
    for (const member of members) {
      if (await usersRepository.byEmail(db, ws, member.email)) continue;
      await usersService.create(db, ws, 'system', member);
      users++;
    }
  }
  // Customers after the users: they are owned by the reps and managers just created.
  const records = await loadCustomerDemo(db, ws, {
    customers: opts.customers ?? 3000,
    seed,
    asOf: opts.asOf,
    place: false,
  });
  // Tags, segments and a past quarterly review; everyone placed (only for a new demo).
  const classification = records.customers
    ? await loadClassificationDemo(db, ws, { asOf: demoDay(opts.asOf, workspace.timeZone), seed })
    : { tags: 0, segments: 0, snapshots: 0 };
  // Opportunities on those customers, in a default pipeline.
  const pipeline = await loadPipelineDemo(db, ws, { seed, asOf: opts.asOf });
  // NPS survey answers from some of the buying customers (issue #7).
  await loadNpsDemo(db, ws, { seed, asOf: opts.asOf });
  return {
    workspaceId: ws,
    createdWorkspace,
    admin,
    teams,
    users,
    ...records,
    ...classification,
    ...pipeline,
    password,
    seed,
  };
}
