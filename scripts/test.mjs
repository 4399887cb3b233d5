// `npm test`: builds, then runs every suite — unit, integration on PGlite (and on PostgreSQL when
// DATABASE_URL is set), and the browser tests in headless Chromium. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args, env = {}) => {
  const res = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) process.exit(res.status ?? 1);
};

run(['scripts/build.mjs']);

const projects = ['unit', 'integration-pglite'];
if (process.env.DATABASE_URL) projects.push('integration-postgres');
else console.log('DATABASE_URL is not set: integration tests run on PGlite only.');
run([
  'node_modules/vitest/vitest.mjs',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  ...process.argv.slice(2),
]);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'e2e/vitest.config.ts']);
} else if (process.env.STRATUM_REQUIRE_BROWSER) {
  console.error(`Browser tests need Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk).`);
  process.exit(1);
} else {
  console.warn(
    `Chromium not found at ${chromium}: browser tests skipped (apt-get install chromium fonts-noto-cjk).`,
  );
}
