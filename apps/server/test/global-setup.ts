import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a migrated data folder each test file copies. PostgreSQL: a migrated template database. */
    dbTemplate: string;
  }
}

/**
 * Migrates one database per run; each test file then starts from a copy of it (a folder copy for
 * PGlite, CREATE DATABASE … TEMPLATE for PostgreSQL) instead of paying for a new database and the
 * migrations every time.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.STRATUM_TEST_DB ?? process.env.STRATUM_TEST_DB;
  if (kind === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('integration-postgres needs DATABASE_URL');
    const name = `stratum_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    await migrate(database);
    await database.close();
    project.provide('dbTemplate', name);
    return async () => {
      // Drop the template and whatever per-file databases a crashed file left behind.
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'stratum_t_%' OR datname = $1`,
        [name],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'stratum-tpl-'));
  const database = await openDatabase({ dataDir: dir, lock: false });
  await migrate(database);
  await database.close();
  project.provide('dbTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
