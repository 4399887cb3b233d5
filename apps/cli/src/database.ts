import { FolderLockedError, loadConfig, migrate, openDatabase, type Database } from '@stratum/server';

/**
 * Opens the configured database for one CLI command and migrates it. On the embedded database the data
 * folder is locked: if the server (or another command) holds it, say so plainly and exit.
 */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      holder: 'cli',
    });
  } catch (err) {
    if (err instanceof FolderLockedError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
