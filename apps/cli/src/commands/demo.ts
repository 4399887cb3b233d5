import type { Command } from 'commander';
import { loadDemo } from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

const MAX_CUSTOMERS = 200_000;

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('Load a realistic demo workspace (deterministic by seed) / 载入演示数据')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '20240601')
    .option(
      '--customers <n>',
      `demo customers, with two years of orders and follow-ups (1–${MAX_CUSTOMERS})`,
      '3000',
    )
    .option('--password <password>', 'password for the demo users (random and printed if omitted)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { seed: string; customers: string; password?: string; json?: boolean }) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0)
        fail(`--seed must be a non-negative integer (got "${opts.seed}")`);
      const customers = Number(opts.customers);
      if (!/^\d+$/.test(opts.customers.trim()) || customers < 1 || customers > MAX_CUSTOMERS)
        fail(`--customers must be a whole number from 1 to ${MAX_CUSTOMERS} (got "${opts.customers}")`);
      if (opts.password !== undefined && opts.password.length < 8)
        fail('--password must be at least 8 characters');
      await withDatabase(async ({ db }) => {
        const started = performance.now();
        const summary = await loadDemo(db, { seed, password: opts.password, customers });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (opts.json) {
          console.log(JSON.stringify(summary));
          return;
        }
        console.log(
          `Demo data loaded (seed ${summary.seed}) in ${seconds} s: ${summary.teams} new teams, ${summary.users} new users.`,
        );
        if (summary.customers > 0) {
          console.log(
            `Customers: ${summary.customers} (${summary.contacts} contacts), ${summary.products} products, ` +
              `${summary.orders} orders (${summary.orderLines} lines), ${summary.followups} follow-ups, ` +
              `${summary.contracts} contracts, ${summary.payments} payments, ${summary.invoices} invoices, ` +
              `${summary.tickets} service tickets.`,
          );
        } else {
          console.log('Customers: none added (the workspace already has customers).');
        }
        if (summary.admin) console.log(`Admin: ${summary.admin.email}`);
        if (summary.users > 0 || summary.admin) {
          console.log(`Password for the demo accounts: ${summary.password}`);
          console.log('Users are listed under 系统设置 → 用户 (Settings → Users).');
        }
      });
    });
}
