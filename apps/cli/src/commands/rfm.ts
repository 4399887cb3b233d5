import type { Command } from 'commander';
import {
  computeRfm,
  todayIn,
  workspaceRfmConfig,
  workspaceTimeZone,
  workspacesRepository,
} from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

const HEADER = 'customer_external_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment';
const csv = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function rfmCommand(program: Command) {
  program
    .command('rfm')
    .description(
      'RFM scores and the eight RFM classes, one row per customer with a counted order / RFM 客户分类',
    )
    .option('--as-of <date>', "the day to score on, YYYY-MM-DD (default: today in the workspace's time zone)")
    .option('--format <format>', 'csv or json', 'csv')
    .action(async (opts: { asOf?: string; format: string }) => {
      if (
        opts.asOf !== undefined &&
        (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf)))
      ) {
        fail(`--as-of must be a date YYYY-MM-DD (got "${opts.asOf}")`);
      }
      if (opts.format !== 'csv' && opts.format !== 'json')
        fail(`--format must be csv or json (got "${opts.format}")`);
      await withDatabase(async ({ db }) => {
        const workspace = await workspacesRepository.first(db);
        if (!workspace)
          fail('There is no workspace yet: create the first admin (stratum user create) or load the demo.');
        const timeZone = await workspaceTimeZone(db, workspace.workspaceId);
        const rows = await computeRfm(
          db,
          workspace.workspaceId,
          opts.asOf ?? todayIn(timeZone),
          timeZone,
          await workspaceRfmConfig(db, workspace.workspaceId),
        );
        if (opts.format === 'json') {
          process.stdout.write(
            JSON.stringify(
              rows.map((r) => ({
                customer_external_id: r.externalId,
                recency_days: r.recencyDays,
                frequency: r.frequency,
                monetary: r.monetary,
                r_score: r.rScore,
                f_score: r.fScore,
                m_score: r.mScore,
                segment: r.segment,
              })),
            ) + '\n',
          );
          return;
        }
        const lines = [HEADER];
        for (const r of rows) {
          lines.push(
            [
              csv(r.externalId ?? ''),
              r.recencyDays,
              r.frequency,
              r.monetary,
              r.rScore,
              r.fScore,
              r.mScore,
              r.segment,
            ].join(','),
          );
        }
        process.stdout.write(lines.join('\n') + '\n');
      });
    });
}
