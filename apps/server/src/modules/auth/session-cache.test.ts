import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../http/actor.ts';
import { SESSION_CACHE_MS, sessionCache } from './session-cache.ts';
import { encodeSessionCookie, randomToken } from './tokens.ts';

const ws = '0b5c8f3e-2f4a-4c1e-9d6b-7a8e9f0a1b2c';
const other = '1c6d9f4f-3a5b-4d2f-8e7c-8b9f0a1b2c3d';
const t0 = 1_800_000_000_000;
const DAY = 86_400_000;

function session(userId: string, workspaceId = ws) {
  const sessionId = randomToken();
  const cookie = encodeSessionCookie(workspaceId, randomToken(), 'secret');
  const actor: Actor = {
    kind: 'user',
    workspaceId,
    userId,
    name: userId,
    role: 'rep',
    teamId: null,
    apiKeyId: null,
    apiKeyName: null,
    sessionId,
    csrfToken: randomToken(),
  };
  return { cookie, actor, sessionId };
}

describe('session cache', () => {
  beforeEach(() => sessionCache.clear());

  it('gives back a verified session for a few minutes, never past its own end', () => {
    const a = session('u1');
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, sessionCache.epoch(), t0);
    expect(sessionCache.lookup(a.cookie, t0 + 1000)).toEqual(a.actor);
    expect(sessionCache.lookup(a.cookie, t0 + SESSION_CACHE_MS - 1)).toEqual(a.actor);
    expect(sessionCache.lookup(a.cookie, t0 + SESSION_CACHE_MS)).toBeNull();
    expect(sessionCache.size).toBe(0); // a stale entry is dropped when met

    const b = session('u2');
    sessionCache.remember(b.cookie, b.actor, t0 + 60_000, sessionCache.epoch(), t0); // expires (or goes idle) in a minute
    expect(sessionCache.lookup(b.cookie, t0 + 59_999)).toEqual(b.actor);
    expect(sessionCache.lookup(b.cookie, t0 + 60_000)).toBeNull();
  });

  it('matches the whole cookie only: another token, signature or workspace misses', () => {
    const a = session('u1');
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, sessionCache.epoch(), t0);
    const [w, token, sig] = a.cookie.split('.');
    expect(sessionCache.lookup(`${w}.${token}.${sig}x`, t0)).toBeNull();
    expect(sessionCache.lookup(`${w}.${token}x.${sig}`, t0)).toBeNull();
    expect(sessionCache.lookup(`${other}.${token}.${sig}`, t0)).toBeNull();
    expect(sessionCache.lookup(encodeSessionCookie(ws, token!, 'forged'), t0)).toBeNull();
    expect(sessionCache.lookup(a.cookie, t0)).toEqual(a.actor);
  });

  it('hands out copies: a caller changing its actor does not change the entry', () => {
    const a = session('u1');
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, sessionCache.epoch(), t0);
    sessionCache.lookup(a.cookie, t0)!.role = 'admin';
    expect(sessionCache.lookup(a.cookie, t0)!.role).toBe('rep');
  });

  it('forgets a signed-out session, and a user’s sessions (except the one kept) in their workspace only', () => {
    const a1 = session('u1');
    const a2 = session('u1');
    const a3 = session('u1');
    const b = session('u2');
    const elsewhere = session('u1', other);
    for (const s of [a1, a2, a3, b, elsewhere])
      sessionCache.remember(s.cookie, s.actor, t0 + DAY, sessionCache.epoch(), t0);

    sessionCache.forgetSession(ws, a1.sessionId);
    expect(sessionCache.lookup(a1.cookie, t0)).toBeNull();
    expect(sessionCache.lookup(a2.cookie, t0)).not.toBeNull();

    sessionCache.forgetUser(ws, 'u1', a2.sessionId); // a password change: this session stays
    expect(sessionCache.lookup(a2.cookie, t0)).not.toBeNull();
    expect(sessionCache.lookup(a3.cookie, t0)).toBeNull();

    sessionCache.forgetUser(ws, 'u1'); // disabled, or the role changed
    expect(sessionCache.lookup(a2.cookie, t0)).toBeNull();
    expect(sessionCache.lookup(b.cookie, t0)).toEqual(b.actor);
    expect(sessionCache.lookup(elsewhere.cookie, t0)).toEqual(elsewhere.actor);
  });

  it('does not remember a verification that a sign-out or user change overtook', () => {
    const a = session('u1');
    const since = sessionCache.epoch(); // the session is being read from the database…
    sessionCache.forgetSession(ws, a.sessionId); // …when it is signed out
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, since, t0);
    expect(sessionCache.lookup(a.cookie, t0)).toBeNull();
    const again = sessionCache.epoch();
    sessionCache.forgetUser(ws, 'someone else'); // any forget counts: they are rare
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, again, t0);
    expect(sessionCache.lookup(a.cookie, t0)).toBeNull();
    sessionCache.remember(a.cookie, a.actor, t0 + DAY, sessionCache.epoch(), t0);
    expect(sessionCache.lookup(a.cookie, t0)).toEqual(a.actor);
  });

  it('stays bounded: the least recently verified sessions go first', () => {
    const first = session('u0');
    sessionCache.remember(first.cookie, first.actor, t0 + DAY, sessionCache.epoch(), t0);
    const second = session('u0');
    sessionCache.remember(second.cookie, second.actor, t0 + DAY, sessionCache.epoch(), t0);
    sessionCache.remember(first.cookie, first.actor, t0 + DAY, sessionCache.epoch(), t0 + 1); // verified again: now the newest
    for (let i = 0; i < 999; i++) {
      const s = session(`u${i + 1}`);
      sessionCache.remember(s.cookie, s.actor, t0 + DAY, sessionCache.epoch(), t0 + 2);
    }
    expect(sessionCache.size).toBe(1000);
    expect(sessionCache.lookup(second.cookie, t0 + 3)).toBeNull();
    expect(sessionCache.lookup(first.cookie, t0 + 3)).toEqual(first.actor);
  });
});
