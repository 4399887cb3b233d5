// Cookie sessions resolved from the database in the last few minutes, kept in memory for the one case
// where the database cannot be asked soon: on the embedded database (PGlite, one connection) while a job's
// transaction holds the connection (an import, up to minutes), a route that opts in (the job progress
// poll: `answersWhileBusy`) is authenticated from here instead of waiting (auth-hook.ts). Every other
// request is authenticated in the database as always.
//
// Keyed by the sha256 of the whole cookie (workspace, token and signature): a forged or altered cookie
// never matches. Sign-out, password changes, a user's update (disable, role, team) and an admin's password
// reset drop the entries they affect (auth.service.ts, users.service.ts); an entry is never trusted after
// SESSION_CACHE_MS or after its session would have expired. PGlite is one process (its folder is locked),
// so no other instance can change a session behind this cache.
import type { Actor } from '../../http/actor.ts';
import { sha256 } from './tokens.ts';

/** How long a session verified in the database is trusted without asking it again. */
export const SESSION_CACHE_MS = 5 * 60_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  actor: Actor;
  verifiedAt: number;
  /** When the session would end in the database (absolute expiry, or idle since it was last seen). */
  endsAt: number;
}

const entries = new Map<string, Entry>();
/** Bumped by every forget: a verification that began before one is not remembered (it may be stale). */
let epoch = 0;

export const sessionCache = {
  /** Taken before a session is read from the database, and handed to `remember` with the result. */
  epoch(): number {
    return epoch;
  },

  /**
   * `cookie` was just verified in the database at `now` as `actor`, its session ending at `endsAt`, by a
   * read that began at `since` (an `epoch()`): ignored if a sign-out or a user change came in between.
   */
  remember(cookie: string, actor: Actor, endsAt: number, since: number, now = Date.now()): void {
    if (since !== epoch) return;
    const key = sha256(cookie);
    entries.delete(key); // re-inserted last: the oldest entries go first when the map is full
    entries.set(key, { actor, verifiedAt: now, endsAt });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  },

  /** The actor of a session verified less than SESSION_CACHE_MS ago and not ended since; else null. */
  lookup(cookie: string, now = Date.now()): Actor | null {
    const key = sha256(cookie);
    const entry = entries.get(key);
    if (!entry) return null;
    if (now - entry.verifiedAt >= SESSION_CACHE_MS || now >= entry.endsAt || now < entry.verifiedAt) {
      entries.delete(key);
      return null;
    }
    return { ...entry.actor };
  },

  /** One session ended (sign-out, expiry). */
  forgetSession(workspaceId: string, sessionId: string): void {
    epoch++;
    for (const [key, { actor }] of entries) {
      if (actor.workspaceId === workspaceId && actor.sessionId === sessionId) entries.delete(key);
    }
  },

  /** A user's sessions ended or their actor changed (disable, role, team, password), except `keep`. */
  forgetUser(workspaceId: string, userId: string, keep?: string | null): void {
    epoch++;
    for (const [key, { actor }] of entries) {
      if (actor.workspaceId === workspaceId && actor.userId === userId && (!keep || actor.sessionId !== keep))
        entries.delete(key);
    }
  },

  /** Tests. */
  clear(): void {
    entries.clear();
  },
  get size(): number {
    return entries.size;
  },
};
