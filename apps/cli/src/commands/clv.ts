import type { Command } from 'commander';
import {
  ClvDataError,
  clvService,
  workspacesRepository,
  type Db,
  type DiscountPeriod,
} from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

const HEADER =
  'customer_external_id,frequency,recency_weeks,T_weeks,p_alive,expected_purchases,expected_avg_value,clv';
const csv = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
/** A number rounded for output; NaN (no spend model) becomes null. */
const round = (v: number, places: number) => (Number.isFinite(v) ? Number(v.toFixed(places)) : null);

function checkDay(name: string, value: string | undefined) {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))))
    fail(`${name} must be a date YYYY-MM-DD (got "${value}")`);
}

/** Runs fn on the first workspace; a data set the models cannot fit is reported plainly (exit 1). */
async function inWorkspace(fn: (db: Db, workspaceId: string) => Promise<void>) {
  await withDatabase(async ({ db }) => {
    const workspace = await workspacesRepository.first(db);
    if (!workspace)
      fail('There is no workspace yet: create the first admin (stratum user create) or load the demo.');
    try {
      await fn(db, workspace.workspaceId);
    } catch (err) {
      if (err instanceof ClvDataError) fail(err.message, 1);
      throw err;
    }
  });
}

export function clvCommand(program: Command) {
  const clv = program
    .command('clv')
    .description('Predicted customer lifetime value: BG/NBD + Gamma-Gamma (docs/CLV.md) / 客户终身价值预测');

  clv
    .command('fit')
    .description('fit the models on the counted orders up to the calibration end and print the parameters')
    .option(
      '--calibration-end <date>',
      "last day of the calibration period, YYYY-MM-DD (default: today in the workspace's time zone)",
    )
    .option('--json', 'print JSON')
    .action(async (opts: { calibrationEnd?: string; json?: boolean }) => {
      checkDay('--calibration-end', opts.calibrationEnd);
      await inWorkspace(async (db, workspaceId) => {
        const { fit, summaries, calibrationEnd } = await clvService.fit(db, workspaceId, opts);
        const { bgnbd, gammagamma } = fit;
        const out = {
          bgnbd: {
            r: round(bgnbd.r, 6),
            alpha: round(bgnbd.alpha, 6),
            a: round(bgnbd.a, 6),
            b: round(bgnbd.b, 6),
            loglik: round(bgnbd.logLikelihood, 4),
          },
          gammagamma: gammagamma && {
            p: round(gammagamma.p, 6),
            q: round(gammagamma.q, 6),
            v: round(gammagamma.v, 6),
          },
          customers: summaries.length,
        };
        if (opts.json) {
          process.stdout.write(JSON.stringify(out) + '\n');
          return;
        }
        const repeat = gammagamma?.customers ?? 0;
        const lines = [
          `Calibration end ${calibrationEnd}: ${summaries.length} customers, ${repeat} with repeat purchases`,
          '',
          'BG/NBD (purchases)        Gamma-Gamma (spend)',
          `  r      ${fmt(bgnbd.r)}    p  ${gammagamma ? fmt(gammagamma.p) : '—'}`,
          `  alpha  ${fmt(bgnbd.alpha)}    q  ${gammagamma ? fmt(gammagamma.q) : '—'}`,
          `  a      ${fmt(bgnbd.a)}    v  ${gammagamma ? fmt(gammagamma.v) : '—'}`,
          `  b      ${fmt(bgnbd.b)}`,
          `  log-likelihood ${bgnbd.logLikelihood.toFixed(2)}`,
        ];
        if (!gammagamma)
          lines.push('', 'No customer has a repeat purchase: no spend model, CLV cannot be predicted.');
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  clv
    .command('predict')
    .description(
      'per customer: P(alive), expected purchases and discounted CLV over the horizon (csv or json)',
    )
    .requiredOption('--horizon-weeks <n>', 'forecast horizon in weeks')
    .option(
      '--calibration-end <date>',
      "last day of the calibration period, YYYY-MM-DD (default: today in the workspace's time zone)",
    )
    .option('--discount-rate <rate>', 'annual discount rate for CLV, e.g. 0.1 = 10 % a year', '0.1')
    .option('--discount-period <period>', 'discount per month or per week', 'month')
    .option('--format <format>', 'csv or json', 'csv')
    .action(
      async (opts: {
        horizonWeeks: string;
        calibrationEnd?: string;
        discountRate: string;
        discountPeriod: string;
        format: string;
      }) => {
        checkDay('--calibration-end', opts.calibrationEnd);
        const horizonWeeks = Number(opts.horizonWeeks);
        if (!/^\d+(\.\d+)?$/.test(opts.horizonWeeks) || !(horizonWeeks > 0) || horizonWeeks > 5200)
          fail(`--horizon-weeks must be a number of weeks > 0 (got "${opts.horizonWeeks}")`);
        const annualDiscountRate = Number(opts.discountRate);
        if (!/^\d+(\.\d+)?$/.test(opts.discountRate) || annualDiscountRate > 10)
          fail(`--discount-rate must be an annual rate such as 0.1 (got "${opts.discountRate}")`);
        if (opts.discountPeriod !== 'month' && opts.discountPeriod !== 'week')
          fail(`--discount-period must be month or week (got "${opts.discountPeriod}")`);
        if (opts.format !== 'csv' && opts.format !== 'json')
          fail(`--format must be csv or json (got "${opts.format}")`);
        await inWorkspace(async (db, workspaceId) => {
          const { predictions } = await clvService.predict(db, workspaceId, {
            calibrationEnd: opts.calibrationEnd,
            horizonWeeks,
            annualDiscountRate,
            period: opts.discountPeriod as DiscountPeriod,
          });
          const rows = predictions.map((p) => ({
            customer_external_id: p.externalId,
            frequency: p.x,
            recency_weeks: round(p.tx, 4),
            T_weeks: round(p.T, 4),
            p_alive: round(p.pAlive, 6),
            expected_purchases: round(p.expectedPurchases, 6),
            expected_avg_value: round(p.expectedAverageValue, 2),
            clv: round(p.clv, 2),
          }));
          if (opts.format === 'json') {
            process.stdout.write(JSON.stringify(rows) + '\n');
            return;
          }
          const lines = [HEADER];
          for (const r of rows)
            lines.push(
              [
                csv(r.customer_external_id ?? ''),
                ...Object.values(r)
                  .slice(1)
                  .map((v) => v ?? ''),
              ].join(','),
            );
          process.stdout.write(lines.join('\n') + '\n');
        });
      },
    );
}

const fmt = (v: number) => v.toFixed(4).padStart(10);
