import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { loginAttemptsRepository } from './login-attempts.repository.ts';
import { sessionsRepository } from './sessions.repository.ts';

const EVERY_MS = 10 * 60_000;

/** Deletes ended sessions and old sign-in attempts every ten minutes (idempotent; any instance may run it). */
export function startHousekeeping(database: Database, config: Config) {
  const run = async () => {
    try {
      await sessionsRepository.deleteExpired(database.db, config.sessionIdleMinutes);
      await loginAttemptsRepository.deleteOlderThan(
        database.db,
        Math.max(config.loginWindowMinutes, 60) * 24,
      );
    } catch {
      /* the next run tries again; a failing database shows on /api/health */
    }
  };
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
