import type { Permission, Role } from '@stratum/contracts';

/**
 * Every route declares one of these in `config.permission`; a route without one does not start
 * (app.ts) and the route-table test walks them all for every role.
 *  - `public`: anyone, signed in or not
 *  - `authenticated`: any signed-in user or API key
 *  - a Permission: roles granted it below
 */
export type RoutePermission = 'public' | 'authenticated' | Permission;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'users.read',
    'users.manage',
    'teams.read',
    'teams.manage',
    'apiKeys.manage',
    'audit.read',
    'customers.read',
    'customers.write',
    'customers.transfer',
    'customers.delete',
    'customers.export',
    'products.manage',
    'customFields.manage',
    'segmentation.manage',
    'tags.manage',
    'segments.manage',
    'pipeline.manage',
  ],
  // Managers run their team: its users, its customers (and the pool), transfers and the recycle bin.
  manager: [
    'users.read',
    'teams.read',
    'customers.read',
    'customers.write',
    'customers.transfer',
    'customers.delete',
    'customers.export',
    'products.manage',
    'tags.manage',
    'segments.manage',
  ],
  // Reps work their own customers (and see the pool); they do not transfer or delete.
  rep: ['customers.read', 'customers.write', 'customers.export'],
};

export function can(role: Role, permission: RoutePermission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return ROLE_PERMISSIONS[role].includes(permission);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * Answer without waiting for the database while a running job's transaction holds the embedded
     * database's only connection: a cookie session verified in the last few minutes is trusted then
     * (auth-hook.ts, session-cache.ts). Only for reads that need no database then (a job's progress poll).
     */
    answersWhileBusy?: boolean;
  }
}
