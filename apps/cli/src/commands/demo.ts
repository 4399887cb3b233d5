import type { Command } from 'commander';
import { loadDemo } from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('Load a realistic demo workspace (deterministic by seed) / 载入演示数据')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '20240601')
    .option('--password <password>', 'password for the demo users (random and printed if omitted)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { seed: string; password?: string; json?: boolean }) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0)
        fail(`--seed must be a non-negative integer (got "${opts.seed}")`);
      if (opts.password !== undefined && opts.password.length < 8)
        fail('--password must be at least 8 characters');
      await withDatabase(async ({ db }) => {
        const summary = await loadDemo(db, { seed, password: opts.password });
        if (opts.json) {
          console.log(JSON.stringify(summary));
          return;
        }
        console.log(
          `Demo data loaded (seed ${summary.seed}): ${summary.teams} new teams, ${summary.users} new users.`,
        );
        if (summary.admin) console.log(`Admin: ${summary.admin.email}`);
        if (summary.users > 0 || summary.admin) {
          console.log(`Password for the demo accounts: ${summary.password}`);
          console.log('Users are listed under 系统设置 → 用户 (Settings → Users).');
        }
      });
    });
}
