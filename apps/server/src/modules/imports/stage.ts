// Staging, shared by every kind of import: the rows of a file are converted and checked one at a time as
// they are read, and written a batch at a time into a TEMP table of the import's transaction (dropped at
// commit or rollback). Everything that needs more than one row — duplicates in the file, matching natural
// keys and customers, the duplicates policy, the inserts and updates — is then done set-wise in SQL from
// that table, so the process holds one or two batches of rows whatever the file's size. Only the failed
// rows' errors come back into memory, for the report.
//
// A staged table has `row_no` (the file's row), the kind's columns, the row's error (err_field, err_code,
// err_value, err_other: set while reading, or later by the set-wise checks; the first one wins) and the
// write phase's own columns (`extra`), e.g. the matched customer and the row's outcome.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bulkInsert } from './imports.repository.ts';
import type { RowErrorCode } from './report.ts';
import type { DataRow } from './source.ts';

/** Rows per staging statement. */
export const STAGE_BATCH = 5_000;
/** Failed rows read back per statement. */
const ERROR_PAGE = 10_000;
/** Per session, allocated as used: bounds what staging keeps in memory whatever the file's size. */
const TEMP_BUFFERS = '256MB';

export interface StagedRowError {
  field: string;
  code: RowErrorCode;
  value?: string | number;
  other?: string | number;
}

export interface StageColumn {
  name: string;
  /** SQL type of the column, also the element type of the array it is sent in. */
  type: 'text' | 'int' | 'numeric' | 'timestamptz' | 'date' | 'boolean' | 'uuid';
}

export interface StageSpec {
  /** Name of the TEMP table (one import per transaction, so fixed names do not collide). */
  table: string;
  /** The staged values of a row, in the order `add` takes them. */
  columns: readonly StageColumn[];
  /** Column definitions the write phase fills in, e.g. `customer_id uuid, outcome text`. */
  extra?: string;
}

/** The outcome a write phase gives each staged row that did not fail. */
export type Outcome = 'insert' | 'update' | 'skip';

/**
 * Fresh planner statistics for tables this transaction just filled: ANALYZE counts the transaction's own
 * inserted rows, and without it the statements that follow (ours, and the metrics refresh) are planned as
 * if the tables were nearly empty — a nested loop over 750 new customers cost 20 s where a hash join
 * costs milliseconds. (It holds a SHARE UPDATE EXCLUSIVE lock until commit: concurrent imports queue
 * there briefly; reads and writes are not blocked.)
 */
export async function analyze(
  db: Db,
  ...tables: ('customers' | 'customer_metrics' | 'orders' | 'order_lines' | 'contacts' | 'followups')[]
) {
  await db.execute(sql.raw(`ANALYZE ${tables.join(', ')}`));
}

/**
 * Rows written to a table past which the import ANALYZEs it before the statements that follow: below it,
 * stale statistics cost little; above it, a plan made for a nearly empty table (a nested loop over the
 * staged rows) costs seconds — 6,000 new customers took 6 s to update and 30 s to place on PostgreSQL
 * after a TRUNCATE had left the statistics of a small table behind.
 */
export const ANALYZE_AFTER = 1_000;

/** Creates the staging table in the transaction `db`. */
export async function createStage(db: Db, spec: StageSpec): Promise<void> {
  // Room for the staged rows in memory: the default 8 MB of temp buffers sends every page of a big
  // file through the filesystem (on PGlite a WASM round trip per 8 KB). Only possible before the
  // session's first temporary table, or when the size is already this one; otherwise keep the size.
  await db.execute(
    sql.raw(`DO $$ BEGIN SET LOCAL temp_buffers = '${TEMP_BUFFERS}';
      EXCEPTION WHEN OTHERS THEN NULL; END $$`),
  );
  const columns = spec.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  await db.execute(
    sql.raw(`CREATE TEMP TABLE ${spec.table} (
      row_no int PRIMARY KEY, ${columns},
      err_field text, err_code text, err_value text, err_other text${spec.extra ? `, ${spec.extra}` : ''}
    ) ON COMMIT DROP`),
  );
}

export interface StageWriter {
  /** Stages one row: its values (in the spec's column order) and, when it already failed, its error. */
  add(row: number, values: readonly unknown[], err?: StagedRowError | null): Promise<void>;
  /** Writes what is left; the table then holds every row added. */
  close(): Promise<void>;
}

/**
 * Writes staged rows a batch at a time. One batch is written while the next is parsed (on PostgreSQL the
 * server works meanwhile); never two statements at once on the transaction's connection.
 */
export function stageWriter(db: Db, spec: StageSpec, batchSize = STAGE_BATCH): StageWriter {
  const width = spec.columns.length;
  const fresh = () => ({
    rows: [] as number[],
    values: Array.from({ length: width }, () => [] as unknown[]),
    err: Array.from({ length: 4 }, () => [] as (string | null)[]),
  });
  let batch = fresh();
  let pending: Promise<void> | null = null;
  const flush = async () => {
    if (batch.rows.length === 0) return;
    const full = batch;
    batch = fresh();
    await pending;
    pending = bulkInsert(db, spec.table, [
      { name: 'row_no', type: 'int', values: full.rows },
      ...spec.columns.map((c, i) => ({ name: c.name, type: c.type, values: full.values[i]! })),
      ...['err_field', 'err_code', 'err_value', 'err_other'].map((name, i) => ({
        name,
        type: 'text',
        values: full.err[i]!,
      })),
    ]);
    pending.catch(() => {}); // a failure is thrown by the next await, not as an unhandled rejection
  };
  return {
    async add(row, values, err = null) {
      batch.rows.push(row);
      for (let i = 0; i < width; i++) batch.values[i]!.push(values[i] ?? null);
      const e = [
        err?.field ?? null,
        err?.code ?? null,
        err?.value === undefined ? null : String(err.value),
        err?.other === undefined ? null : String(err.other),
      ];
      for (let i = 0; i < 4; i++) batch.err[i]!.push(e[i]!);
      if (batch.rows.length >= batchSize) await flush();
    },
    async close() {
      await flush();
      await pending;
    },
  };
}

/** Staged rows by outcome (rows that failed have none). */
export async function stagedOutcomes(db: Db, table: string): Promise<Record<Outcome, number>> {
  const { rows } = await db.execute<{ outcome: Outcome; n: number }>(
    sql.raw(`SELECT outcome, count(*)::int AS n FROM ${table}
      WHERE err_code IS NULL AND outcome IS NOT NULL GROUP BY outcome`),
  );
  const get = (o: Outcome) => rows.find((r) => r.outcome === o)?.n ?? 0;
  return { insert: get('insert'), update: get('update'), skip: get('skip') };
}

/** The failed staged rows, a page at a time, in row order. */
export async function* stagedErrors(db: Db, table: string) {
  let after = 0;
  for (;;) {
    const { rows } = await db.execute<{
      row: number;
      field: string;
      code: RowErrorCode;
      value: string | null;
      other: string | null;
    }>(sql`SELECT row_no AS row, err_field AS field, err_code AS code, err_value AS value, err_other AS other
      FROM ${sql.identifier(table)} WHERE err_code IS NOT NULL AND row_no > ${after}
      ORDER BY row_no LIMIT ${ERROR_PAGE}`);
    yield* rows;
    if (rows.length < ERROR_PAGE) return;
    after = rows[rows.length - 1]!.row;
  }
}

/** Reports the failed staged rows. */
export async function reportStagedErrors(
  db: Db,
  table: string,
  report: {
    fail(row: number, field: string | null, code: RowErrorCode, p: Record<string, string | number>): void;
  },
) {
  for await (const e of stagedErrors(db, table)) {
    report.fail(e.row, e.field, e.code, {
      ...(e.value === null ? {} : { value: e.value }),
      ...(e.other === null ? {} : { other: e.other }),
    });
  }
}

/** One kind of import, run inside the import's transaction: read (and stage) the rows, then write. */
export interface Phase {
  /** Reads the file's rows inside the import's transaction `db`, staging them there. */
  read(rows: AsyncIterable<DataRow>, db: Db): Promise<void>;
  /** Applies the staged rows; returns how many customers were created on the way. */
  write(db: Db): Promise<{ customersCreated: number }>;
}
