#!/usr/bin/env node
// The `stratum` command. Runs the bundle built by `npm run build` (npm install builds it too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/stratum.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error(
    'Stratum is not built yet: run `npm run build` (or `npm install`) in the project folder first.',
  );
  process.exit(1);
}
await import(bundle);
