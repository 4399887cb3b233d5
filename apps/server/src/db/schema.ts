// The one schema for PGlite and PostgreSQL. Every table carries `workspace_id` and every primary and
// unique key leads with it (a workspace is a tenant; tables can be distributed by it on Citus).
// Migrations are generated from this file by `npm run db:generate` and never edited after landing.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * timestamptz as an ISO 8601 string in UTC ("2026-01-02T03:04:05.678Z"), whichever driver read it:
 * node-postgres hands over PostgreSQL's text form, PGlite a Date.
 */
const tstz = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'timestamp with time zone',
  fromDriver: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  toDriver: (value) => value,
});
const createdAt = () =>
  tstz('created_at')
    .notNull()
    .default(sql`now()`);

export const workspaces = pgTable('workspaces', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  defaultLocale: text('default_locale').notNull().default('zh-CN'),
  /** HMAC key for this workspace's session cookies. */
  sessionSecret: text('session_secret').notNull(),
  createdAt: createdAt(),
});

export const teams = pgTable(
  'teams',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at')
      .notNull()
      .default(sql`now()`),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('teams_name_key').on(t.workspaceId, t.name),
    foreignKey({
      columns: [t.workspaceId],
      foreignColumns: [workspaces.workspaceId],
      name: 'teams_workspace_fk',
    }),
  ],
);

export const users = pgTable(
  'users',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    /** Stored lower-cased: one account per address per workspace. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
    teamId: uuid('team_id'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    disabledAt: tstz('disabled_at'),
    lastLoginAt: tstz('last_login_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at')
      .notNull()
      .default(sql`now()`),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('users_email_key').on(t.workspaceId, t.email),
    index('users_team_idx').on(t.workspaceId, t.teamId),
    foreignKey({
      columns: [t.workspaceId],
      foreignColumns: [workspaces.workspaceId],
      name: 'users_workspace_fk',
    }),
    foreignKey({
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
      name: 'users_team_fk',
    }),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    /** sha256 of the random token in the cookie: a leaked table does not give live sessions. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at')
      .notNull()
      .default(sql`now()`),
    expiresAt: tstz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.tokenHash] }),
    index('sessions_user_idx').on(t.workspaceId, t.userId),
    foreignKey({
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
      name: 'sessions_user_fk',
    }).onDelete('cascade'),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
    expiresAt: tstz('expires_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('api_keys_hash_key').on(t.workspaceId, t.keyHash),
    foreignKey({
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
      name: 'api_keys_user_fk',
    }),
  ],
);

/** Sign-in attempts, for throttling per account and per IP across server instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: tstz('at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('login_attempts_email_idx').on(t.workspaceId, t.email, t.at),
    index('login_attempts_ip_idx').on(t.workspaceId, t.ip, t.at),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: tstz('at')
      .notNull()
      .default(sql`now()`),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('audit_log_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.workspaceId, t.at),
  ],
);
