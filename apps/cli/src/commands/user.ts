import type { Command } from 'commander';
import { CreateUserBody, Role } from '@stratum/contracts';
import {
  authService,
  teamsRepository,
  teamsService,
  usersRepository,
  usersService,
  workspacesRepository,
} from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

interface Options {
  email: string;
  password: string;
  role: string;
  name?: string;
  team?: string;
  workspaceName: string;
}

export function userCommand(program: Command) {
  const user = program.command('user').description('Manage users / 用户管理');
  user
    .command('create')
    .description('Create a user; the first admin also creates the workspace / 创建用户')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'password (at least 8 characters)')
    .requiredOption('--role <role>', 'admin | manager | rep')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--team <team>', 'team name; created if it does not exist')
    .option('--workspace-name <name>', 'name of the workspace, when this creates the first one', 'Stratum')
    .action(async (opts: Options) => {
      const role = Role.safeParse(opts.role);
      if (!role.success) fail(`--role must be one of admin, manager, rep (got "${opts.role}")`);
      const parsed = CreateUserBody.safeParse({
        name: opts.name ?? opts.email.split('@')[0],
        email: opts.email,
        password: opts.password,
        role: role.data,
      });
      if (!parsed.success)
        fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      const body = parsed.data;

      await withDatabase(async ({ db }) => {
        if (await authService.setupNeeded(db)) {
          if (body.role !== 'admin')
            fail('There is no admin yet: the first user must be created with --role admin.');
          await authService.createFirstAdmin(db, { ...body, workspaceName: opts.workspaceName });
          console.log(`Created the workspace and its first admin, ${body.email}.`);
          return;
        }
        const ws = (await workspacesRepository.first(db))!.workspaceId;
        if (await usersRepository.byEmail(db, ws, body.email))
          fail(`A user with the email ${body.email} already exists.`, 4);
        let teamId: string | null = null;
        if (opts.team) {
          const team =
            (await teamsRepository.byName(db, ws, opts.team)) ??
            (await teamsService.create(db, ws, 'system', null, opts.team));
          teamId = team.id;
        }
        const created = await usersService.create(db, ws, 'system', { ...body, teamId });
        console.log(`Created ${created.role} ${created.email}${opts.team ? ` in team ${opts.team}` : ''}.`);
      });
    });
}
