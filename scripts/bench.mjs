// `npm run bench <name>`: runs scripts/bench/<name>.mjs (heavy checks kept out of the test suites).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'bench');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench <${names.join('|')}> [args…]`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(join(dir, `${name}.mjs`));
