import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dbKind, emptyDatabaseEnv } from '../../server/test/harness.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'apps/cli/bin/stratum.js');

/** Runs the real `stratum` command, as a user would, against the given database environment. */
function stratum(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

// Each command is a real process opening the database (a few seconds on PGlite on a busy machine).
describe(`stratum CLI (${dbKind()})`, { timeout: 180_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(() => {
    if (!existsSync(join(root, 'apps/cli/dist/stratum.js'))) {
      execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only']);
    }
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const database = async () => {
    const d = await emptyDatabaseEnv();
    cleanups.push(d.dispose);
    return d.env;
  };

  it('lists its commands', () => {
    const { code, stdout } = stratum({}, '--help');
    expect(code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'user', 'demo']) expect(stdout).toContain(cmd);
  });

  it('migrates, creates the first admin, then users in teams, and refuses duplicates', async () => {
    const env = await database();
    expect(stratum(env, 'migrate')).toMatchObject({ code: 0, stdout: expect.stringContaining('up to date') });

    const rep = stratum(
      env,
      'user',
      'create',
      '--email',
      'rep@x.cn',
      '--password',
      'password1',
      '--role',
      'rep',
    );
    expect(rep.code).toBe(2);
    expect(rep.stderr).toContain('first user must be created with --role admin');

    const admin = stratum(
      env,
      'user',
      'create',
      '--email',
      'Boss@X.cn',
      '--password',
      'password1',
      '--role',
      'admin',
    );
    expect(admin).toMatchObject({ code: 0, stdout: expect.stringContaining('boss@x.cn') });

    const mgr = stratum(
      env,
      'user',
      'create',
      '--email',
      'li@x.cn',
      '--password',
      'password1',
      '--role',
      'manager',
      '--team',
      '华北销售部',
    );
    expect(mgr).toMatchObject({ code: 0, stdout: expect.stringContaining('in team 华北销售部') });

    const dup = stratum(
      env,
      'user',
      'create',
      '--email',
      'li@x.cn',
      '--password',
      'password1',
      '--role',
      'rep',
    );
    expect(dup.code).toBe(4);
    expect(dup.stderr).toContain('already exists');

    const bad = stratum(env, 'user', 'create', '--email', 'x@x.cn', '--password', 'short', '--role', 'chief');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be one of admin, manager, rep');
  });

  it('loads the same demo for the same seed, and adds nothing the second time', async () => {
    const run = async () => {
      const env = await database();
      const out = stratum(
        env,
        'demo',
        '--seed',
        '42',
        '--customers',
        '200',
        '--password',
        'demo-pass-1',
        '--json',
      );
      expect(out.code).toBe(0);
      return { env, summary: JSON.parse(out.stdout) };
    };
    const first = await run();
    expect(first.summary).toMatchObject({
      createdWorkspace: true,
      teams: 4,
      seed: 42,
      admin: { email: 'admin@demo.stratum.local' },
    });
    expect(first.summary.users).toBeGreaterThanOrEqual(16);
    const second = await run();
    expect(second.summary.users).toBe(first.summary.users);
    expect(first.summary.customers).toBe(200);
    expect(second.summary.orders).toBe(first.summary.orders);
    const again = JSON.parse(
      stratum(first.env, 'demo', '--seed', '42', '--customers', '200', '--json').stdout,
    );
    expect(again).toMatchObject({ createdWorkspace: false, teams: 0, users: 0, customers: 0 });
  });

  it('prints RFM classes and recomputes the classification as of a day', async () => {
    const env = await database();
    expect(stratum(env, 'demo', '--seed', '7', '--customers', '150', '--password', 'demo-pass-1').code).toBe(
      0,
    );
    const rfm = stratum(env, 'rfm', '--as-of', '2026-06-30');
    expect(rfm.code, rfm.stderr).toBe(0);
    const lines = rfm.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'customer_external_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment',
    );
    expect(lines.length).toBeGreaterThan(50);
    expect(lines[1]).toMatch(/^[^,]*,\d+,\d+,\d+\.\d{2},[1-5],[1-5],[1-5],(important|general)_[a-z]+$/);

    // `stratum rfm | head`: a reader that closes the pipe before the output is written is no error.
    const piped = spawn(process.execPath, [bin, 'rfm', '--as-of', '2026-06-30'], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    piped.stdout!.destroy();
    let stderr = '';
    piped.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => piped.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);

    const out = stratum(env, 'segments', 'recompute', '--as-of', '2026-06-30', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      asOf: '2026-06-30',
      customers: 'all',
      tierChanges: expect.any(Number),
    });
    // The same day again: nothing moves.
    expect(
      JSON.parse(stratum(env, 'segments', 'recompute', '--as-of', '2026-06-30', '--json').stdout),
    ).toMatchObject({
      tierChanges: 0,
      tagsAdded: 0,
      entered: 0,
    });
    const bad = stratum(env, 'segments', 'recompute', '--as-of', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of');
  });

  it('serves, bootstraps the admin from the environment, and keeps other processes off its data folder', async () => {
    const env = await database();
    const port = await freePort();
    const server: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        ...env,
        PORT: String(port),
        STRATUM_ADMIN_EMAIL: 'root@x.cn',
        STRATUM_ADMIN_PASSWORD: 'password1',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (server.exitCode !== null) return resolve();
          server.once('exit', () => resolve());
          server.kill('SIGTERM');
        }),
    );
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'root@x.cn', password: 'password1' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');

    if (dbKind() === 'pglite') {
      const blocked = stratum(env, 'migrate');
      expect(blocked.code).toBe(3);
      expect(blocked.stderr).toMatch(/in use by another Stratum process \(server, pid \d+\)/);
    }
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
    expect(stratum(env, 'migrate').code).toBe(0); // the lock went with the server
  });
});
