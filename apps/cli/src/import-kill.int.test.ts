// Killing `stratum import` mid-write leaves nothing of that import behind, and the same file then
// imports whole, once: the CLI runs as a real process, gets SIGKILL while its transaction is writing
// (after it reports the "lines" step of the write phase on its --json progress stream, so customers and
// orders are already inserted inside the transaction), and the database is inspected directly.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, emptyDatabaseEnv } from '../../server/test/harness.ts';
import { writeOrdersCsv, type OrdersCsvFigures } from '../../../scripts/bench/lib/orders-csv.mjs';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'apps/cli/bin/stratum.js');
const ROWS = 4_000;

describe(`stratum import killed mid-write (${dbKind()})`, { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-cli-kill-'));
  const file = join(dir, 'orders.csv');
  let figures: OrdersCsvFigures;
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  const processEnv = () => ({ ...process.env, DATABASE_URL: '', LANG: 'en_US.UTF-8', ...env });
  const args = ['import', 'orders', file, '--create-customers', '--cancel-prefix', 'C', '--json'];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only']);
    ({ env, dispose } = await emptyDatabaseEnv());
    figures = await writeOrdersCsv(file, ROWS, 7);
    const user = spawnSync(
      process.execPath,
      [bin, 'user', 'create', '--email', 'boss@x.cn', '--password', 'password1', '--role', 'admin'],
      { env: processEnv(), encoding: 'utf8' },
    );
    expect(user.status, user.stderr).toBe(0);
  });
  afterAll(async () => {
    await dispose?.();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Counts straight from the database (the CLI process is gone). */
  async function counts() {
    const q = `SELECT (SELECT count(*)::int FROM customers) AS customers,
      (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM order_lines) AS lines,
      (SELECT count(*)::int FROM audit_log WHERE action = 'import') AS audits`;
    if (env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      try {
        return (await c.query(q)).rows[0];
      } finally {
        await c.end();
      }
    }
    const db = await PGlite.create({ dataDir: join(env.STRATUM_DATA_DIR!, 'pgdata') });
    try {
      return (await db.query(q)).rows[0];
    } finally {
      await db.close();
    }
  }

  it('leaves no trace of a killed import; the re-run imports everything and a third run nothing', async () => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: processEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const steps: string[] = [];
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    createInterface({ input: child.stderr }).on('line', (line) => {
      const p = (JSON.parse(line) as { progress?: { phase: string; step?: string } }).progress;
      if (p?.phase !== 'write') return;
      steps.push(p.step ?? 'group');
      if (p.step === 'lines') child.kill('SIGKILL');
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    expect(signal, `exited with ${code} before the write phase was killed; steps: ${steps.join(', ')}`).toBe(
      'SIGKILL',
    );
    expect(steps).toEqual(['group', 'customers', 'orders', 'lines']);
    expect(stdout).toBe(''); // it never got to report a result
    expect(await counts()).toEqual({ customers: 0, orders: 0, lines: 0, audits: 0 });

    const again = spawnSync(process.execPath, [bin, ...args], { env: processEnv(), encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(1); // the guest lines fail
    const r = JSON.parse(again.stdout);
    expect(r).toMatchObject({
      inserted: ROWS - figures.guestLines,
      skipped: 0,
      failed: figures.guestLines,
      stats: {
        customersCreated: figures.customers,
        orders: { inserted: figures.customerOrders, failed: figures.orders - figures.customerOrders },
      },
    });
    expect(await counts()).toEqual({
      customers: figures.customers,
      orders: figures.customerOrders,
      lines: ROWS - figures.guestLines,
      audits: 1,
    });

    const third = spawnSync(process.execPath, [bin, ...args], { env: processEnv(), encoding: 'utf8' });
    expect(JSON.parse(third.stdout)).toMatchObject({ inserted: 0, skipped: ROWS - figures.guestLines });
    expect(await counts()).toMatchObject({ customers: figures.customers, orders: figures.customerOrders });
  });
});
