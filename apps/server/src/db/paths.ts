import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from source or from the CLI bundle. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stratum')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Stratum project root');
    dir = parent;
  }
}

export const migrationsFolder = () => join(projectRoot(), 'apps/server/drizzle');
export const webDistFolder = () => process.env.STRATUM_WEB_DIR || join(projectRoot(), 'apps/web/dist');
