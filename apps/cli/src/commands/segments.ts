import type { Command } from 'commander';
import { recomputeAndTidy, todayIn, workspaceTimeZone, workspacesRepository } from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function segmentsCommand(program: Command) {
  const segments = program
    .command('segments')
    .description('Customer classification: schemes, tiers, tags and segments / 客户分类与分群');
  segments
    .command('recompute')
    .description(
      'Recompute every customer of the workspace set-wise: metrics, lifetime value, RFM cut points, tiers, rule tags and segments',
    )
    .option(
      '--as-of <date>',
      "the day to compute for, YYYY-MM-DD (default: today in the workspace's time zone)",
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      if (opts.asOf !== undefined && (!DAY.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf))))
        fail(`--as-of must be a date YYYY-MM-DD (got "${opts.asOf}")`);
      await withDatabase(async ({ db }) => {
        const workspace = await workspacesRepository.first(db);
        if (!workspace)
          fail('There is no workspace yet: create the first admin (stratum user create) or load the demo.');
        const asOf = opts.asOf ?? todayIn(await workspaceTimeZone(db, workspace.workspaceId));
        const started = performance.now();
        // Progress on a terminal: the pass commits its customers range by range.
        const tty = process.stderr.isTTY;
        const stats = await recomputeAndTidy(db, workspace.workspaceId, {
          asOf,
          onProgress: tty
            ? (done, total) => {
                process.stderr.write(`\r  ${done}/${total} customer ranges placed`);
              }
            : undefined,
        });
        if (tty) process.stderr.write('\r\x1b[K');
        const result = { asOf, durationMs: Math.round(performance.now() - started), ...stats };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        console.log(
          [
            `Recomputed as of ${asOf} in ${(result.durationMs / 1000).toFixed(1)} s` +
              (stats.ranges
                ? ` (${stats.ranges.count} customer ranges, the longest ${(stats.ranges.longestMs / 1000).toFixed(1)} s)`
                : ''),
            `  tier changes    ${stats.tierChanges}`,
            `  tags added      ${stats.tagsAdded}`,
            `  tags removed    ${stats.tagsRemoved}`,
            `  segment entries ${stats.entered}`,
            `  segment exits   ${stats.exited}`,
            stats.clv?.skipped
              ? `  lifetime value  not fitted: ${stats.clv.message ?? stats.clv.skipped}`
              : `  lifetime value  ${stats.clv?.predicted ?? 0} customers`,
          ].join('\n'),
        );
      });
    });
}
