import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import {
  FileError,
  IMPORT_KINDS,
  importActor,
  importsService,
  langOf,
  MappingError,
  type DuplicatePolicy,
  type ImportKind,
  type ImportResult,
} from '@stratum/server';
import { withDatabase } from '../database.ts';
import { fail } from '../output.ts';

interface ImportOpts {
  sheet?: string;
  map: string[];
  onDuplicate: string;
  dryRun?: boolean;
  json?: boolean;
  as?: string;
  createCustomers?: boolean;
  cancelPrefix?: string;
  timeZone?: string;
  lang?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function printSummary(r: ImportResult, lang: 'zh' | 'en') {
  const zh = lang === 'zh';
  const s = r.stats;
  const lines = [
    zh
      ? `${s.dryRun ? '试运行（未写入）' : '导入完成'}：新增 ${r.inserted}，更新 ${r.updated}，跳过 ${r.skipped}，失败 ${r.failed}（共 ${s.rows} 行）`
      : `${s.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${r.inserted} inserted, ${r.updated} updated, ${r.skipped} skipped, ${r.failed} failed (${s.rows} rows)`,
  ];
  if (s.orders) {
    const o = s.orders;
    lines.push(
      zh
        ? `订单：新增 ${o.inserted}，更新 ${o.updated}，跳过 ${o.skipped}，失败 ${o.failed}；明细 ${o.lines} 行`
        : `Orders: ${o.inserted} inserted, ${o.updated} updated, ${o.skipped} skipped, ${o.failed} failed; ${o.lines} lines`,
    );
  }
  if (s.customersCreated)
    lines.push(zh ? `新建客户 ${s.customersCreated} 个` : `${s.customersCreated} customers created`);
  if (s.unmappedColumns.length) {
    lines.push(`${zh ? '未使用的列' : 'Columns not used'}: ${s.unmappedColumns.join(', ')}`);
  }
  for (const e of r.errors.slice(0, 20))
    lines.push(`  ${zh ? '第' : 'row '}${e.row}${zh ? '行' : ''} [${e.code}] ${e.message}`);
  if (r.errors.length > 20)
    lines.push(
      zh
        ? `  …… 另有 ${r.errors.length - 20} 条错误（--json 查看全部）`
        : `  … ${r.errors.length - 20} more errors (--json lists them all)`,
    );
  lines.push(`${(s.durationMs / 1000).toFixed(1)} s, ${s.maxRssMb} MB peak RSS`);
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * Exit codes: 0 every row accepted; 1 some rows failed (they are reported; the accepted rows were
 * committed, unless --dry-run); 2 bad usage or a file that cannot be imported (nothing written);
 * 3 the data folder is locked; 4 a database error (everything rolled back).
 */
export function importCommand(program: Command) {
  program
    .command('import')
    .description('Import customers, contacts, orders or follow-ups from .xlsx or .csv / 导入 Excel、CSV')
    .argument('<kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`)
    .argument('<file>', '.xlsx, or .csv in UTF-8 (with or without BOM) or GB18030')
    .option('--sheet <name>', 'the worksheet to read (name or 1-based number; default: the first)')
    .option(
      '--map <HEADER=field>',
      'map a column to a field (repeatable); field "-" ignores the column',
      collect,
      [],
    )
    .option('--on-duplicate <policy>', 'skip, update or create when the natural key already exists', 'skip')
    .option('--dry-run', 'validate and report without writing')
    .option(
      '--json',
      'print {"inserted","updated","skipped","failed","errors":[…],"stats":{…}}; progress as JSON lines on stderr',
    )
    .option(
      '--as <email>',
      'import as this user (owner of new customers; data scope applies); default: the first admin',
    )
    .option('--create-customers', 'orders, contacts, follow-ups: create customers for unknown customer ids')
    .option(
      '--cancel-prefix <prefix>',
      'orders: an order number starting with this is a cancellation (e.g. C)',
    )
    .option('--time-zone <zone>', "zone of dates without one (default: the workspace's), e.g. Europe/London")
    .option('--lang <lang>', 'zh or en for messages (default: from LANG)')
    .action(async (kind: string, file: string, opts: ImportOpts) => {
      if (!IMPORT_KINDS.includes(kind as ImportKind))
        fail(`kind must be one of ${IMPORT_KINDS.join(', ')} (got "${kind}")`);
      if (!['skip', 'update', 'create'].includes(opts.onDuplicate)) {
        fail(`--on-duplicate must be skip, update or create (got "${opts.onDuplicate}")`);
      }
      const lang = langOf(opts.lang ?? process.env.LANG);
      const code = await withDatabase(async ({ db }) => {
        const actor = await importActor(db, opts.as);
        if (!actor) {
          fail(
            opts.as
              ? `No active user with email ${opts.as}`
              : 'There is no workspace yet: create the first admin (stratum user create) first.',
          );
        }
        const bar =
          process.stdout.isTTY && !opts.json
            ? new cliProgress.SingleBar(
                { format: '{phase} {value} rows', hideCursor: true, clearOnComplete: true },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(0, 0, { phase: 'reading' });
        try {
          const result = await importsService.run(
            db,
            { actor, ip: null },
            {
              kind: kind as ImportKind,
              file,
              sheet: opts.sheet,
              map: opts.map,
              onDuplicate: opts.onDuplicate as DuplicatePolicy,
              dryRun: !!opts.dryRun,
              createCustomers: !!opts.createCustomers,
              cancelPrefix: opts.cancelPrefix,
              timeZone: opts.timeZone,
              lang,
              onProgress: bar
                ? (p) =>
                    p.phase === 'read'
                      ? bar.update(p.rows, { phase: 'reading' })
                      : bar.update({ phase: p.step ? `writing ${p.step}` : 'writing' })
                : opts.json
                  ? // One JSON line per step on stderr, for scripts (stdout keeps the one result object).
                    (p) => process.stderr.write(JSON.stringify({ progress: p }) + '\n')
                  : undefined,
            },
          );
          bar?.stop();
          if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
          else printSummary(result, lang);
          return result.failed > 0 ? 1 : 0;
        } catch (err) {
          bar?.stop();
          if (err instanceof FileError) fail(`[${err.code}] ${err.localized(lang)}`, 2);
          if (err instanceof MappingError || err instanceof RangeError) fail(err.message, 2);
          console.error(
            `${lang === 'zh' ? '导入失败，未写入任何数据' : 'Import failed; nothing was written'}: ${err instanceof Error ? err.message : err}`,
          );
          return 4;
        }
      });
      process.exitCode = code;
    });
}
