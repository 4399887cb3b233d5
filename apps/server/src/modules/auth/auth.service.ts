import type { LoginBody, Me, SetupBody } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { ROLE_PERMISSIONS } from '../../http/permissions.ts';
import { auditService } from '../audit/audit.service.ts';
import { apiKeysRepository } from '../api-keys/api-keys.repository.ts';
import { usersRepository, type UserWithTeam } from '../users/users.repository.ts';
import { usersService } from '../users/users.service.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import { loginAttemptsRepository } from './login-attempts.repository.ts';
import { sessionCache } from './session-cache.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { sessionsRepository } from './sessions.repository.ts';
import {
  encodeSessionCookie,
  parseApiKey,
  parseSessionCookie,
  randomToken,
  sha256,
  verifySessionSignature,
} from './tokens.ts';

export type AuthConfig = Pick<
  Config,
  | 'sessionIdleMinutes'
  | 'sessionAbsoluteHours'
  | 'loginMaxFailuresPerAccount'
  | 'loginMaxFailuresPerIp'
  | 'loginWindowMinutes'
>;

/** Session secrets never change, so they are cached per process after the first lookup. */
const secrets = new Map<string, string>();
async function sessionSecret(db: Db, workspaceId: string): Promise<string | undefined> {
  let secret = secrets.get(workspaceId);
  if (!secret) {
    secret = (await workspacesRepository.byId(db, workspaceId))?.sessionSecret;
    if (secret) secrets.set(workspaceId, secret);
  }
  return secret;
}

function userActor(user: UserWithTeam, session: { tokenHash: string; csrfToken: string } | null): Actor {
  return {
    kind: 'user',
    workspaceId: user.workspaceId,
    userId: user.id,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    apiKeyId: null,
    apiKeyName: null,
    sessionId: session?.tokenHash ?? null,
    csrfToken: session?.csrfToken ?? null,
  };
}

const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  cookie: string;
  me: Me;
}

export const authService = {
  async me(db: Db, actor: Actor): Promise<Me> {
    const [user, workspace] = await Promise.all([
      usersRepository.byId(db, actor.workspaceId, actor.userId),
      workspacesRepository.byId(db, actor.workspaceId),
    ]);
    if (!user || !workspace) throw new AppError('UNAUTHENTICATED');
    return {
      kind: actor.kind,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        teamId: user.teamId,
        teamName: user.teamName,
        locale: user.locale,
      },
      apiKey: actor.apiKeyId ? { id: actor.apiKeyId, name: actor.apiKeyName ?? '' } : null,
      workspace: { id: workspace.workspaceId, name: workspace.name, timeZone: workspace.timeZone },
      permissions: [...ROLE_PERMISSIONS[user.role]],
      csrfToken: actor.csrfToken,
    };
  },

  async startSession(
    db: Db,
    cfg: AuthConfig,
    user: UserWithTeam,
    ip: string | null,
    userAgent: string | null,
  ): Promise<NewSession> {
    const token = randomToken();
    const tokenHash = sha256(token);
    const csrfToken = randomToken();
    await sessionsRepository.insert(db, {
      workspaceId: user.workspaceId,
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + cfg.sessionAbsoluteHours * 3_600_000).toISOString(),
      ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    await usersRepository.touchLogin(db, user.workspaceId, user.id);
    const secret = (await sessionSecret(db, user.workspaceId))!;
    const actor = userActor(user, { tokenHash, csrfToken });
    return { cookie: encodeSessionCookie(user.workspaceId, token, secret), me: await this.me(db, actor) };
  },

  /**
   * Email + password sign-in, throttled per account and per IP (counted in the database, so several
   * server instances share the count). Unknown emails cost the same argon2 verification as known ones.
   */
  async login(
    db: Db,
    cfg: AuthConfig,
    body: LoginBody,
    ip: string,
    userAgent: string | null,
  ): Promise<NewSession> {
    const workspace = await workspacesRepository.first(db);
    if (!workspace) throw new AppError('INVALID_CREDENTIALS');
    const ws = workspace.workspaceId;
    for (const [by, value, max] of [
      ['email', body.email, cfg.loginMaxFailuresPerAccount],
      ['ip', ip, cfg.loginMaxFailuresPerIp],
    ] as const) {
      const { count, oldest } = await loginAttemptsRepository.recentFailures(
        db,
        ws,
        by,
        value,
        cfg.loginWindowMinutes,
      );
      if (count >= max) {
        const freeAt = (oldest ? Date.parse(oldest) : Date.now()) + cfg.loginWindowMinutes * 60_000;
        throw new AppError('TOO_MANY_ATTEMPTS', {
          seconds: Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)),
        });
      }
    }
    const user = await usersRepository.byEmail(db, ws, body.email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
    if (!user || !ok) {
      await loginAttemptsRepository.record(db, ws, body.email, ip, false);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (user.disabledAt) throw new AppError('USER_DISABLED');
    await loginAttemptsRepository.clearFailures(db, ws, body.email);
    return this.startSession(db, cfg, user, ip, userAgent);
  },

  async resolveSession(db: Db, cfg: AuthConfig, cookie: string): Promise<Actor | null> {
    const parsed = parseSessionCookie(cookie);
    if (!parsed) return null;
    const secret = await sessionSecret(db, parsed.workspaceId);
    if (!secret || !verifySessionSignature(parsed.workspaceId, parsed.token, parsed.signature, secret))
      return null;
    const tokenHash = sha256(parsed.token);
    const since = sessionCache.epoch();
    const session = await sessionsRepository.byTokenHash(db, parsed.workspaceId, tokenHash);
    if (!session) return null;
    const now = Date.now();
    const idleSince = now - Date.parse(session.lastSeenAt);
    const idleMs = cfg.sessionIdleMinutes * 60_000;
    if (Date.parse(session.expiresAt) <= now || idleSince > idleMs) {
      await sessionsRepository.delete(db, parsed.workspaceId, tokenHash);
      sessionCache.forgetSession(parsed.workspaceId, tokenHash);
      return null;
    }
    const user = await usersRepository.byId(db, parsed.workspaceId, session.userId);
    if (!user || user.disabledAt) return null;
    // Refreshed at most once a minute (a write per request would be wasteful), and always well within
    // the idle limit, so a session in use never times out.
    let lastSeen = Date.parse(session.lastSeenAt);
    if (idleSince > Math.min(TOUCH_EVERY_MS, idleMs / 2)) {
      await sessionsRepository.touch(db, parsed.workspaceId, tokenHash);
      lastSeen = now;
    }
    const actor = userActor(user, session);
    // For the few requests that may be answered while a job holds the embedded database (session-cache.ts).
    const endsAt = Math.min(Date.parse(session.expiresAt), lastSeen + idleMs);
    sessionCache.remember(cookie, actor, endsAt, since, now);
    return actor;
  },

  async resolveApiKey(db: Db, key: string): Promise<Actor | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const row = await apiKeysRepository.byHash(db, parsed.workspaceId, sha256(key));
    if (!row || row.revokedAt || (row.expiresAt && Date.parse(row.expiresAt) <= Date.now())) return null;
    const user = await usersRepository.byId(db, parsed.workspaceId, row.userId);
    if (!user || user.disabledAt) return null;
    if (!row.lastUsedAt || Date.now() - Date.parse(row.lastUsedAt) > TOUCH_EVERY_MS) {
      await apiKeysRepository.touch(db, parsed.workspaceId, row.id);
    }
    return { ...userActor(user, null), kind: 'api_key', apiKeyId: row.id, apiKeyName: row.name };
  },

  async logout(db: Db, actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await sessionsRepository.delete(db, actor.workspaceId, actor.sessionId);
    sessionCache.forgetSession(actor.workspaceId, actor.sessionId);
  },

  /** Changing one's own password ends every other session of the user (this one stays signed in). */
  async changePassword(
    db: Db,
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const { actor } = ctx;
    const user = await usersRepository.byId(db, actor.workspaceId, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('INVALID_CURRENT_PASSWORD');
    }
    const passwordHash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await usersRepository.setPassword(tx, actor.workspaceId, actor.userId, passwordHash);
      await sessionsRepository.deleteForUser(
        tx,
        actor.workspaceId,
        actor.userId,
        actor.sessionId ?? undefined,
      );
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'user.change_password',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
    sessionCache.forgetUser(actor.workspaceId, actor.userId, actor.sessionId);
  },

  async updateMe(
    db: Db,
    actor: Actor,
    changes: { locale?: 'zh-CN' | 'en' | null; name?: string },
  ): Promise<Me> {
    await usersRepository.setLocaleAndName(db, actor.workspaceId, actor.userId, changes);
    sessionCache.forgetUser(actor.workspaceId, actor.userId); // the remembered actors carry the old name
    return this.me(db, actor);
  },

  /** True while no workspace has an admin: the one-time first-admin sign-up is open. */
  async setupNeeded(db: Db): Promise<boolean> {
    const workspace = await workspacesRepository.first(db);
    return !workspace || (await usersRepository.count(db, workspace.workspaceId, { role: 'admin' })) === 0;
  },

  /**
   * Creates the first workspace and its admin, once. Serialised by a transaction-level advisory lock, so
   * two browsers racing through the sign-up page cannot both become the first admin.
   */
  async createFirstAdmin(db: Db, body: SetupBody): Promise<UserWithTeam> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('stratum:setup'))`);
      if (!(await this.setupNeeded(tx))) throw new AppError('SETUP_ALREADY_DONE');
      const workspace =
        (await workspacesRepository.first(tx)) ?? (await workspacesRepository.create(tx, body.workspaceName));
      const user = await usersService.create(tx, workspace.workspaceId, 'system', {
        name: body.name,
        email: body.email,
        password: body.password,
        role: 'admin',
      });
      if (body.locale)
        await usersRepository.setLocaleAndName(tx, workspace.workspaceId, user.id, { locale: body.locale });
      return (await usersRepository.byId(tx, workspace.workspaceId, user.id))!;
    });
  },
};
