import { useContext } from 'react';
import { SessionContext } from '../../modules/auth/session.ts';
import { DEFAULT_TIME_ZONE } from '../format.ts';

/** The signed-in workspace's time zone (e.g. `Asia/Shanghai`), in which all timestamps are shown. */
export function useWorkspaceTimeZone(): string {
  const me = useContext(SessionContext);
  return me?.workspace.timeZone || DEFAULT_TIME_ZONE;
}
