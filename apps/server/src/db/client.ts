import { PGlite } from '@electric-sql/pglite';
import { is } from 'drizzle-orm';
import { drizzle as drizzlePglite, PgliteSession } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema.ts';
import { acquireFolderLock, type FolderLock } from './folder-lock.ts';

export type Schema = typeof schema;
/**
 * A drizzle database or transaction, on either driver: what repositories take. Typed with node-postgres's
 * result shape so `execute<T>()` gives `{ rows: T[] }`; PGlite's results have the same shape.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder or a redacted URL. */
  location: string;
  /**
   * Runs `fn` while holding a database-wide advisory lock named `name`, on one connection: work that
   * must happen once across server instances (migrations, scheduled jobs) goes through here.
   */
  exclusive<T>(name: string, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * True for the embedded PGlite — a database or a transaction of one: one connection (which a long
 * transaction holds for its whole length), no autovacuum, no named statements in its driver.
 */
export const isEmbedded = (db: Db): boolean =>
  is((db as unknown as { session: unknown }).session, PgliteSession);

/**
 * True for a PostgreSQL pool — not one connection of it, not a transaction: transactions started on it
 * run side by side, each on a connection of its own.
 */
export const isPool = (db: Db): boolean =>
  (db as unknown as { session: { client?: unknown } }).session.client instanceof pg.Pool;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Who is opening, for the lock-holder message ("server", "cli"). */
  holder?: string;
  /** Tests open throwaway folders and skip the lock. */
  lock?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir, opts.holder ?? 'stratum', opts.lock ?? true);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.STRATUM_DB_POOL_SIZE ?? 10) });
  // An idle connection the server drops (restart, failover) is discarded by the pool; without a listener
  // the 'error' event would crash the process. The next query opens a new connection.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
  // Dates stay strings end to end: timestamptz as ISO text, numeric as exact text (money is never a float).
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const exclusive = async <T>(name: string, fn: (db: Db) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        return await fn(drizzlePg({ client, schema }) as unknown as Db);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      client.release();
    }
  };
  return { db, kind: 'postgres', location: redact(url), exclusive, close: () => pool.end() };
}

async function openPglite(dataDir: string, holder: string, lock: boolean): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  let folderLock: FolderLock | undefined;
  if (lock) folderLock = acquireFolderLock(dataDir, holder);
  try {
    const client = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
    // PGlite's default work_mem is 4 MB and the constructor option does not take effect (see DESIGN.md).
    await client.exec(`SET work_mem = '64MB'`);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      // One process owns the folder (the lock above), so in-process exclusivity is all there is to have.
      exclusive: (_name, fn) => fn(db),
      close: async () => {
        await client.close();
        folderLock?.release();
      },
    };
  } catch (err) {
    folderLock?.release();
    throw err;
  }
}
