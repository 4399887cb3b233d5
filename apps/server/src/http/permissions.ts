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
  admin: ['users.read', 'users.manage', 'teams.read', 'teams.manage', 'apiKeys.manage', 'audit.read'],
  // Managers see their team (users in it) and the team list; they manage nothing workspace-wide.
  manager: ['users.read', 'teams.read'],
  rep: [],
};

export function can(role: Role, permission: RoutePermission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return ROLE_PERMISSIONS[role].includes(permission);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}
