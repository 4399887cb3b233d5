import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authService } from '../auth/auth.service.ts';
import { SetupBody } from '@stratum/contracts';

/**
 * First start: with STRATUM_ADMIN_EMAIL and STRATUM_ADMIN_PASSWORD set, create the first workspace and
 * admin from them; otherwise the web UI shows the one-time sign-up page. Never a default password.
 */
export async function bootstrapAdminFromEnv(
  db: Db,
  config: Pick<Config, 'adminEmail' | 'adminPassword' | 'workspaceName'>,
) {
  if (!config.adminEmail || !config.adminPassword) return null;
  if (!(await authService.setupNeeded(db))) return null;
  const body = SetupBody.parse({
    workspaceName: config.workspaceName,
    name: 'Admin',
    email: config.adminEmail,
    password: config.adminPassword,
  });
  return authService.createFirstAdmin(db, body);
}
