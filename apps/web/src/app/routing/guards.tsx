import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '@stratum/contracts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { changeLocale, currentLocale } from '../i18n/index.ts';
import { SessionContext, usePermissions } from '../../modules/auth/session.ts';
import { useMe, useSetupStatus } from '../../modules/auth/hooks/useMe.ts';
import { LoadErrorPage } from '../pages/LoadErrorPage.tsx';
import { ForbiddenPage } from '../pages/ForbiddenPage.tsx';

/**
 * Signed-in area: provides `Me` to everything below. Signed-out visitors go to /setup while no admin
 * exists yet, otherwise to /login (remembering where they wanted to go).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  const signedOut = me.isSuccess && me.data === null;
  const setup = useSetupStatus(signedOut);
  const appliedFor = useRef<string | null>(null);

  // On app load, adopt the language saved on the account (once per signed-in user).
  const user = me.data?.user;
  useEffect(() => {
    if (!user || appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    if (user.locale && user.locale !== currentLocale()) void changeLocale(user.locale);
  }, [user]);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data) return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
  if (setup.isPending) return <FullPageSpin />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  return <Navigate to="/login" replace state={{ from: location }} />;
}

/** The sign-in page: only for signed-out visitors of a workspace that is set up. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const setup = useSetupStatus(me.isSuccess && me.data === null);
  if (me.data) return <Navigate to="/" replace />;
  if (me.isPending || (me.isSuccess && setup.isPending)) return <FullPageSpin />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  return <>{children}</>;
}

/** The first-admin page: only while setup is needed. */
export function SetupOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const setup = useSetupStatus();
  if (me.data) return <Navigate to="/" replace />;
  if (setup.isPending) return <FullPageSpin />;
  if (setup.isError) return <LoadErrorPage error={setup.error} onRetry={() => void setup.refetch()} />;
  if (!setup.data.needed) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

/** A page that needs a permission; without it the user sees a 403 page instead. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = usePermissions();
  return can(permission) ? <>{children}</> : <ForbiddenPage />;
}
