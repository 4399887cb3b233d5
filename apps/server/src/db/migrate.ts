import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';
import { migrationsFolder } from './paths.ts';
import { ensureAllClassificationDefaults } from '../modules/segmentation/defaults.ts';

/** Applies pending migrations; instances starting together on one PostgreSQL take turns. */
export async function migrate(database: Database): Promise<void> {
  const folder = migrationsFolder();
  await database.exclusive('stratum:migrate', async (db) => {
    if (database.kind === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
    else await migratePg(db as never, { migrationsFolder: folder });
    // Workspaces made before the built-in schemes existed get them now (idempotent).
    await ensureAllClassificationDefaults(db);
  });
}
