// Builds what `npm start` needs: the server+CLI bundle (esbuild) and the web SPA (Vite).
// `--server-only` skips the SPA (used by `npm install`'s prepare step, which must stay fast).
// The SPA is rebuilt only when a source file is newer than its last build.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, serverBundle } from './bundle-options.mjs';

const serverOnly = process.argv.includes('--server-only');

await build(serverBundle);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (!serverOnly) {
  const webDir = join(root, 'apps/web');
  const index = join(webDir, 'dist/index.html');
  const sources = Math.max(
    newestMtime(join(webDir, 'src')),
    newestMtime(join(root, 'packages/contracts/src')),
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources || process.env.STRATUM_FORCE_BUILD) {
    rmSync(join(webDir, 'dist'), { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: webDir,
        stdio: 'inherit',
      },
    );
  }
}
