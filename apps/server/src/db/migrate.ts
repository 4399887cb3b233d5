import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';
import { migrationsFolder } from './paths.ts';

/** Applies pending migrations; instances starting together on one PostgreSQL take turns. */
export async function migrate(database: Database): Promise<void> {
  const folder = migrationsFolder();
  await database.exclusive('stratum:migrate', async (db) => {
    if (database.kind === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
    else await migratePg(db as never, { migrationsFolder: folder });
  });
}
