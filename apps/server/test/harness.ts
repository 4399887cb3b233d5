import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeEach, inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database, type Db } from '../src/db/client.ts';
import { buildApp } from '../src/app.ts';

export const dbKind = () => (process.env.STRATUM_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/**
 * Where a brand-new, empty database for a subprocess (the CLI, a started server) lives: a PGlite folder,
 * or a PostgreSQL database created on the DATABASE_URL server. `env` is what to pass the process.
 */
export async function emptyDatabaseEnv(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-cli-'));
  if (dbKind() !== 'postgres') {
    return {
      env: { STRATUM_DATA_DIR: dir },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `stratum_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return {
    env: { STRATUM_DATA_DIR: dir, DATABASE_URL: u.toString() },
    async dispose() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database for one test file: a copy of the migrated template. */
export async function openTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  const template = inject('dbTemplate');
  if (dbKind() === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `stratum_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; try again.
        if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    return {
      ...database,
      async dispose() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'stratum-test-'));
  cpSync(template, dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir, lock: false });
  return {
    ...database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Empties every table (the schema stays), so each test starts from nothing. */
export async function resetData(db: Db): Promise<void> {
  const { rows } = await db.execute<{ tablename: string }>(
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (rows.length === 0) return;
  const list = rows.map((r) => `"${r.tablename}"`).join(', ');
  await db.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`));
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}

export interface TestContext {
  db: Db;
  database: Database;
  app: FastifyInstance;
}

/**
 * One database and one app per test file, data reset before each test. Call at the top of a
 * describe/file: `const t = useTestApp();` then use `t.app` / `t.db` inside tests.
 */
export function useTestApp(overrides: Partial<Config> = {}): TestContext {
  const t = {} as TestContext & { dispose?: () => Promise<void> };
  beforeEach(async () => {
    if (!t.database) {
      const database = await openTestDatabase();
      t.database = database;
      t.db = database.db;
      t.dispose = database.dispose;
      t.app = await buildApp({ db: database.db, config: testConfig(overrides) });
    }
    await resetData(t.db);
  });
  afterAll(async () => {
    await t.app?.close();
    await t.dispose?.();
  });
  return t;
}

/** A signed-in browser-like client: the session cookie plus the CSRF token, or an API key. */
export interface Session {
  cookie?: string;
  csrfToken?: string | null;
  apiKey?: string;
  lang?: string;
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'stratum_session');
  return { cookie: `stratum_session=${cookie!.value}`, csrfToken: res.json().csrfToken };
}

/** Sends a request as `session` (or anonymously), adding the cookie, CSRF and Authorization headers. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
) {
  const headers: Record<string, string> = {};
  if (session?.cookie) headers.cookie = session.cookie;
  if (session?.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  if (session?.apiKey) headers.authorization = `Bearer ${session.apiKey}`;
  if (session?.lang) headers['accept-language'] = session.lang;
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
