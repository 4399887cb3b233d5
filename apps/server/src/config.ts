import { resolve } from 'node:path';

/** Everything configurable comes from the environment, read once here. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  workspaceName: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  logLevel: string;
  /** Background jobs and schedules run in this process (STRATUM_JOBS=off for a web-only instance). */
  jobsEnabled: boolean;
  jobsConcurrency: number;
  jobLeaseSeconds: number;
  /** Largest import upload accepted, in MiB. */
  uploadLimitMb: number;
  /** Uploaded files not imported within this many hours are deleted. */
  uploadTtlHours: number;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int('PORT', 3000, env),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.STRATUM_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.STRATUM_ADMIN_EMAIL || undefined,
    adminPassword: env.STRATUM_ADMIN_PASSWORD || undefined,
    workspaceName: env.STRATUM_WORKSPACE_NAME || 'Stratum',
    sessionIdleMinutes: int('STRATUM_SESSION_IDLE_MINUTES', 120, env),
    sessionAbsoluteHours: int('STRATUM_SESSION_ABSOLUTE_HOURS', 24 * 7, env),
    secureCookies: env.STRATUM_SECURE_COOKIES === 'true',
    loginMaxFailuresPerAccount: int('STRATUM_LOGIN_MAX_FAILURES', 5, env),
    loginMaxFailuresPerIp: int('STRATUM_LOGIN_MAX_FAILURES_PER_IP', 30, env),
    loginWindowMinutes: int('STRATUM_LOGIN_WINDOW_MINUTES', 15, env),
    logLevel: env.LOG_LEVEL || 'info',
    jobsEnabled: env.STRATUM_JOBS !== 'off',
    jobsConcurrency: int('STRATUM_JOBS_CONCURRENCY', 1, env),
    jobLeaseSeconds: int('STRATUM_JOB_LEASE_SECONDS', 60, env),
    uploadLimitMb: int('STRATUM_UPLOAD_LIMIT_MB', 100, env),
    uploadTtlHours: int('STRATUM_UPLOAD_TTL_HOURS', 24, env),
  };
}
