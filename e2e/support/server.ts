import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export interface AppServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const bin = join(root, 'apps/cli/bin/stratum.js');

/**
 * Starts `stratum serve` from the build on a fresh embedded database and waits until it answers.
 * `demo` first loads the demo workspace with the CLI, as a user would.
 */
export async function startAppServer(
  env: Record<string, string> = {},
  demo?: { customers: number; password: string },
): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratum-e2e-'));
  const port = await freePort();
  if (demo) {
    execFileSync(
      process.execPath,
      [bin, 'demo', '--customers', String(demo.customers), '--password', demo.password],
      {
        env: { ...process.env, DATABASE_URL: '', STRATUM_DATA_DIR: dataDir },
        stdio: 'ignore',
      },
    );
  }
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      STRATUM_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`stratum serve exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('stratum serve did not start in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
