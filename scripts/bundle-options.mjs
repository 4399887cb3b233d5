// esbuild options for the server + CLI bundle (apps/cli/dist/stratum.js), shared by build and dev.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Workspace packages are TypeScript source: bundle them; everything from node_modules stays external. */
const externalDeps = {
  name: 'external-deps',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@stratum/') ? undefined : { path: args.path, external: true },
    );
  },
};

export const serverBundle = {
  entryPoints: [join(root, 'apps/cli/src/main.ts')],
  outfile: join(root, 'apps/cli/dist/stratum.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [externalDeps],
  logLevel: 'warning',
};
