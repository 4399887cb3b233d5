import { createContext, useContext } from 'react';
import type { Me, Permission } from '@stratum/contracts';

/** Provided by the authenticated route guard: everything under it can rely on a signed-in `Me`. */
export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside an authenticated route');
  return me;
}

/** `can('users.manage')` — whether the signed-in identity holds a permission. */
export function usePermissions(): (permission: Permission) => boolean {
  const me = useContext(SessionContext);
  return (permission) => !!me?.permissions.includes(permission);
}
