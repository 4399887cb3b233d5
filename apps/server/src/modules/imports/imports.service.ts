// Imports a file of customers, contacts, orders or follow-ups, in one transaction and two phases:
//  1. read — stream the file, convert and validate each row and stage it, a batch at a time, in a TEMP
//     table of the transaction (stage.ts), so memory stays flat in the file size;
//  2. write — match natural keys set-wise, apply the duplicates policy and the actor's data scope,
//     insert/update set-wise from the staged rows, refresh customer_metrics, write one audit entry.
// Rows that fail are reported and not imported; the accepted rows commit together or (on any database
// error, an unreadable file or a killed process) not at all. A dry run rolls the transaction back, so its
// report is the real one.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditService } from '../audit/audit.service.ts';
import { customersImport } from './import-customers.ts';
import { ordersImport } from './import-orders.ts';
import { contactsImport, followupsImport } from './import-children.ts';
import {
  Report,
  type ImportContext,
  type ImportOptions,
  type ImportResult,
  type ImportStats,
} from './report.ts';
import { openSource } from './source.ts';
import type { Phase } from './stage.ts';

class DryRunRollback extends Error {}

async function workspaceZone(db: Db, workspaceId: string): Promise<string> {
  const { rows } = await db.execute<{ tz: string }>(
    sql`SELECT time_zone AS tz FROM workspaces WHERE workspace_id = ${workspaceId}`,
  );
  return rows[0]?.tz ?? 'Asia/Shanghai';
}

export const importsService = {
  /**
   * Throws FileError (unreadable, malicious or oversized file) or MappingError (a required column is
   * missing, a bad --map) before anything is written; row-level problems are in the result.
   */
  async run(db: Db, ctx: ImportContext, opts: ImportOptions): Promise<ImportResult> {
    const started = performance.now();
    const report = new Report(opts.lang ?? 'zh', opts.kind);
    const timeZone = opts.timeZone ?? (await workspaceZone(db, ctx.actor.workspaceId));
    if (opts.timeZone) new Intl.DateTimeFormat('en', { timeZone }); // throws RangeError on an unknown zone
    const source = await openSource(opts.kind, opts.file, { sheet: opts.sheet, map: opts.map });
    const stats: ImportStats = {
      rows: 0,
      customersCreated: 0,
      unmappedColumns: source.mapping.unmapped,
      durationMs: 0,
      maxRssMb: 0,
      dryRun: !!opts.dryRun,
    };
    let phase: Phase;
    switch (opts.kind) {
      case 'customers':
        phase = customersImport(ctx, opts, report);
        break;
      case 'orders':
        phase = ordersImport(ctx, opts, report, source.mapping, timeZone, stats);
        break;
      case 'contacts':
        phase = contactsImport(ctx, opts, report);
        break;
      case 'followups':
        phase = followupsImport(ctx, opts, report, timeZone);
        break;
    }
    let rows = 0;
    async function* counted() {
      for await (const r of source.rows) {
        rows++;
        yield r;
      }
    }

    /** The outcome, once everything is written (inside the transaction, before it commits). */
    const finish = (): ImportResult => {
      report.errors.sort((a, b) => a.row - b.row);
      stats.durationMs = Math.round(performance.now() - started);
      stats.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      return {
        inserted: report.inserted,
        updated: report.updated,
        skipped: report.skipped,
        failed: report.failed,
        errors: report.errors,
        stats,
      };
    };
    let result: ImportResult | undefined;
    try {
      await db.transaction(async (tx) => {
        await phase.read(counted(), tx);
        stats.rows = rows;
        opts.onProgress?.({ phase: 'write', rows });
        const { customersCreated } = await phase.write(tx);
        stats.customersCreated = customersCreated;
        await auditService.record(tx, ctx.actor.workspaceId, ctx.actor, ctx.ip, {
          action: 'import',
          entityType: 'import',
          entityId: null,
          after: {
            kind: opts.kind,
            file: opts.file.split(/[\\/]/).pop(),
            onDuplicate: opts.onDuplicate ?? 'skip',
            rows,
            inserted: report.inserted,
            updated: report.updated,
            skipped: report.skipped,
            failed: report.failed,
            customersCreated,
            ...(stats.orders ? { orders: stats.orders } : {}),
          },
        });
        result = finish();
        if (opts.dryRun) throw new DryRunRollback();
        await opts.beforeCommit?.(tx, result);
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    } finally {
      await source.rows.return(undefined); // closes the file when a write failed mid-read
    }
    // The commit's own time counts too (the result recorded inside the transaction has it without).
    stats.durationMs = Math.round(performance.now() - started);
    stats.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return result!;
  },
};
