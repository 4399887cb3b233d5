// `npm run dev`: rebuilds the server bundle on change and restarts it (port 3000), and runs Vite's dev
// server for the web app on http://localhost:5173 (it proxies /api to the server).
import { context } from 'esbuild';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, serverBundle } from './bundle-options.mjs';

const ctx = await context(serverBundle);
await ctx.rebuild();
await ctx.watch();
const children = [
  spawn(
    process.execPath,
    ['--enable-source-maps', '--watch', join(root, 'apps/cli/dist/stratum.js'), 'serve'],
    {
      stdio: 'inherit',
    },
  ),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js')], {
    cwd: join(root, 'apps/web'),
    stdio: 'inherit',
  }),
];
const stop = async () => {
  for (const c of children) c.kill('SIGTERM');
  await ctx.dispose();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
