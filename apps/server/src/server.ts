import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { bootstrapAdminFromEnv } from './modules/workspaces/bootstrap.ts';
import { startHousekeeping } from './modules/auth/housekeeping.ts';
import { startJobWorker, startSchedules } from './modules/jobs/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, creates the first admin from the environment if asked, and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    holder: 'server',
  });
  try {
    await migrate(database);
    await bootstrapAdminFromEnv(database.db, config);
  } catch (err) {
    await database.close();
    throw err;
  }
  const app = await buildApp({ db: database.db, config, logger: true, serveWeb: true });
  const housekeeping = startHousekeeping(database, config);
  await app.listen({ port: config.port, host: config.host });
  // Every module's job kinds and schedules are defined by now (they load with the app's routes).
  const worker = config.jobsEnabled
    ? startJobWorker(database.db, {
        concurrency: config.jobsConcurrency,
        leaseMs: config.jobLeaseSeconds * 1000,
        log: app.log,
      })
    : null;
  const schedules = config.jobsEnabled ? startSchedules(database.db, app.log) : null;
  const url = `http://localhost:${config.port}`;
  console.log(`Stratum is running at ${url} (database: ${database.kind}, ${database.location})`);
  let stopped = false;
  return {
    app,
    database,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      housekeeping.stop();
      schedules?.stop();
      await worker?.stop();
      await app.close();
      await database.close();
    },
  };
}
