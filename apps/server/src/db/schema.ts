// The one schema for PGlite and PostgreSQL. Every table carries `workspace_id` and every primary and
// unique key leads with it (a workspace is a tenant; tables can be distributed by it on Citus).
// Migrations are generated from this file by `npm run db:generate` and never edited after landing.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  check,
  date,
  numeric,
  uniqueIndex,
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
/** Row id, unique within its workspace (the primary key is (workspace_id, id)). */
const id = () =>
  uuid('id')
    .notNull()
    .default(sql`gen_random_uuid()`);

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

/** Every tenant table belongs to a workspace. */
const workspaceFk = (name: string, column: AnyPgColumn) =>
  foreignKey({ name, columns: [column], foreignColumns: [workspaces.workspaceId] });

export const teams = pgTable(
  'teams',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
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
    workspaceFk('teams_workspace_fk', t.workspaceId),
  ],
);

export const users = pgTable(
  'users',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
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
    workspaceFk('users_workspace_fk', t.workspaceId),
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
    id: id(),
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

// ─── Customer 360 ───────────────────────────────────────────────────────────────────────────────────
// Money is numeric(14,2) read as exact decimal strings; quantities numeric(14,3).

const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'string' });
const tenantFk = (name: string, columns: [AnyPgColumn, AnyPgColumn], target: [AnyPgColumn, AnyPgColumn]) =>
  foreignKey({ name, columns, foreignColumns: target });
const versioned = () => ({
  createdAt: createdAt(),
  updatedAt: tstz('updated_at')
    .notNull()
    .default(sql`now()`),
  version: integer('version').notNull().default(1),
});

export const customers = pgTable(
  'customers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['company', 'individual'] })
      .notNull()
      .default('company'),
    /** The id in the user's other systems; unique per workspace when set. */
    externalId: text('external_id'),
    industry: text('industry'),
    province: text('province'),
    city: text('city'),
    sizeBand: text('size_band'),
    source: text('source'),
    status: text('status', { enum: ['potential', 'active', 'dormant', 'lost'] })
      .notNull()
      .default('potential'),
    /** null = in the public pool (公海). */
    ownerId: uuid('owner_id'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    address: text('address'),
    website: text('website'),
    notes: text('notes'),
    customFields: jsonb('custom_fields')
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by'),
    /** Set when moved to the recycle bin (回收站); restore clears it. */
    deletedAt: tstz('deleted_at'),
    deletedBy: uuid('deleted_by'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('customers_external_id_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`external_id IS NOT NULL`),
    index('customers_owner_idx').on(t.workspaceId, t.ownerId),
    index('customers_name_idx').on(t.workspaceId, t.name),
    index('customers_deleted_idx').on(t.workspaceId, t.deletedAt),
    tenantFk('customers_owner_fk', [t.workspaceId, t.ownerId], [users.workspaceId, users.id]),
    workspaceFk('customers_workspace_fk', t.workspaceId),
  ],
);

/** Ownership changes (assign, transfer, release to the pool), for the timeline and accountability. */
export const customerOwnerChanges = pgTable(
  'customer_owner_changes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull(),
    fromOwnerId: uuid('from_owner_id'),
    toOwnerId: uuid('to_owner_id'),
    changedBy: uuid('changed_by'),
    at: tstz('at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('customer_owner_changes_customer_idx').on(t.workspaceId, t.customerId, t.at),
    tenantFk(
      'customer_owner_changes_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    isDecisionMaker: boolean('is_decision_maker').notNull().default(false),
    notes: text('notes'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('contacts_customer_idx').on(t.workspaceId, t.customerId),
    tenantFk('contacts_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
  ],
);

export const followups = pgTable(
  'followups',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    type: text('type', { enum: ['call', 'visit', 'wechat', 'email', 'meeting', 'note'] }).notNull(),
    content: text('content').notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    userId: uuid('user_id'),
    nextFollowupOn: date('next_followup_on', { mode: 'string' }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('followups_customer_idx').on(t.workspaceId, t.customerId, t.occurredAt),
    index('followups_next_idx').on(t.workspaceId, t.nextFollowupOn),
    tenantFk('followups_user_fk', [t.workspaceId, t.userId], [users.workspaceId, users.id]),
    tenantFk('followups_contact_fk', [t.workspaceId, t.contactId], [contacts.workspaceId, contacts.id]),
    tenantFk('followups_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
  ],
);

export const products = pgTable(
  'products',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    unitPrice: money('unit_price'),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('products_sku_key').on(t.workspaceId, t.sku),
    workspaceFk('products_workspace_fk', t.workspaceId),
  ],
);

export const orders = pgTable(
  'orders',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    orderNo: text('order_no').notNull(),
    orderedAt: tstz('ordered_at').notNull(),
    status: text('status', { enum: ['paid', 'completed', 'cancelled', 'refunded'] }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** Σ quantity × unit price of the lines, or the amount given for an order without lines. */
    amount: money('amount').notNull(),
    notes: text('notes'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('orders_order_no_key').on(t.workspaceId, t.orderNo),
    index('orders_customer_idx').on(t.workspaceId, t.customerId, t.orderedAt),
    index('orders_ordered_at_idx').on(t.workspaceId, t.orderedAt),
    tenantFk('orders_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    productName: text('product_name').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 3, mode: 'string' }).notNull(),
    unitPrice: money('unit_price').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('order_lines_order_idx').on(t.workspaceId, t.orderId),
    tenantFk('order_lines_product_fk', [t.workspaceId, t.productId], [products.workspaceId, products.id]),
    tenantFk('order_lines_order_fk', [t.workspaceId, t.orderId], [orders.workspaceId, orders.id]).onDelete(
      'cascade',
    ),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    contractNo: text('contract_no').notNull(),
    title: text('title').notNull(),
    amount: money('amount').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status', { enum: ['draft', 'active', 'completed', 'terminated'] }).notNull(),
    notes: text('notes'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('contracts_contract_no_key').on(t.workspaceId, t.contractNo),
    index('contracts_customer_idx').on(t.workspaceId, t.customerId),
    tenantFk('contracts_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
  ],
);

/** 回款: a planned instalment (due date) that becomes received when money arrives. */
export const payments = pgTable(
  'payments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    contractId: uuid('contract_id'),
    orderId: uuid('order_id'),
    amount: money('amount').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    receivedAt: tstz('received_at'),
    method: text('method'),
    notes: text('notes'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('payments_customer_idx').on(t.workspaceId, t.customerId),
    index('payments_due_idx').on(t.workspaceId, t.dueOn),
    tenantFk('payments_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
    tenantFk('payments_contract_fk', [t.workspaceId, t.contractId], [contracts.workspaceId, contracts.id]),
    tenantFk('payments_order_fk', [t.workspaceId, t.orderId], [orders.workspaceId, orders.id]),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    contractId: uuid('contract_id'),
    orderId: uuid('order_id'),
    invoiceNo: text('invoice_no'),
    kind: text('kind', { enum: ['vat_special', 'vat_general', 'electronic'] }).notNull(),
    amount: money('amount').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    status: text('status', { enum: ['requested', 'issued', 'void'] }).notNull(),
    notes: text('notes'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('invoices_invoice_no_key')
      .on(t.workspaceId, t.invoiceNo)
      .where(sql`invoice_no IS NOT NULL`),
    index('invoices_customer_idx').on(t.workspaceId, t.customerId),
    tenantFk('invoices_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
    tenantFk('invoices_contract_fk', [t.workspaceId, t.contractId], [contracts.workspaceId, contracts.id]),
    tenantFk('invoices_order_fk', [t.workspaceId, t.orderId], [orders.workspaceId, orders.id]),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    kind: text('kind', { enum: ['complaint', 'consultation', 'repair'] }).notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    status: text('status', { enum: ['open', 'in_progress', 'resolved', 'closed'] }).notNull(),
    satisfaction: integer('satisfaction'),
    openedAt: tstz('opened_at')
      .notNull()
      .default(sql`now()`),
    resolvedAt: tstz('resolved_at'),
    assigneeId: uuid('assignee_id'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tickets_customer_idx').on(t.workspaceId, t.customerId),
    index('tickets_status_idx').on(t.workspaceId, t.status),
    tenantFk('tickets_contact_fk', [t.workspaceId, t.contactId], [contacts.workspaceId, contacts.id]),
    tenantFk('tickets_assignee_fk', [t.workspaceId, t.assigneeId], [users.workspaceId, users.id]),
    check('tickets_satisfaction_range', sql`satisfaction BETWEEN 1 AND 5`),
    tenantFk('tickets_customer_fk', [t.workspaceId, t.customerId], [customers.workspaceId, customers.id]),
  ],
);

export const customFields = pgTable(
  'custom_fields',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    entity: text('entity', { enum: ['customer'] })
      .notNull()
      .default('customer'),
    /** Stable key used in rules, imports and the API (`customFields.<key>`). */
    key: text('key').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'single_select', 'multi_select'] }).notNull(),
    options: jsonb('options')
      .notNull()
      .default(sql`'[]'::jsonb`),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('custom_fields_key_key').on(t.workspaceId, t.entity, t.key),
  ],
);

export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    entity: text('entity', { enum: ['customers'] }).notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').notNull(),
    shared: boolean('shared').notNull().default(false),
    /** { columns, filter, sort, q } as the list page uses them. */
    config: jsonb('config').notNull(),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('saved_views_owner_idx').on(t.workspaceId, t.entity, t.ownerId),
    tenantFk('saved_views_owner_fk', [t.workspaceId, t.ownerId], [users.workspaceId, users.id]),
  ],
);

/**
 * One narrow row per customer of figures derived from its records, kept current in the same transaction
 * as the write that changes them (and recomputable set-wise). Lists sort and filter on it without
 * touching the raw orders.
 */
export const customerMetrics = pgTable(
  'customer_metrics',
  {
    workspaceId: uuid('workspace_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    orderCount: integer('order_count').notNull().default(0),
    totalSpend: money('total_spend').notNull().default('0'),
    firstOrderAt: tstz('first_order_at'),
    lastOrderAt: tstz('last_order_at'),
    lastFollowupAt: tstz('last_followup_at'),
    lastFollowupType: text('last_followup_type'),
    nextFollowupOn: date('next_followup_on', { mode: 'string' }),
    openTickets: integer('open_tickets').notNull().default(0),
    complaints: integer('complaints').notNull().default(0),
    lastComplaintAt: tstz('last_complaint_at'),
    /** Mean days between counted orders ((last − first) / (count − 1)); null below two orders. */
    avgIntervalDays: numeric('avg_interval_days', { precision: 10, scale: 2, mode: 'string' }),
    /**
     * Windowed figures, counted back from `windowAsOf`: the as-of day of the recompute that last changed
     * the row (a recompute that finds the same figures leaves the row, and this day, alone).
     */
    spend365d: money('spend_365d').notNull().default('0'),
    orders180d: integer('orders_180d').notNull().default(0),
    ordersPrev180d: integer('orders_prev_180d').notNull().default(0),
    windowAsOf: date('window_as_of', { mode: 'string' }),
    openOpportunities: integer('open_opportunities').notNull().default(0),
    /**
     * Lifetime value (docs/CLV.md), written by the daily recompute only (writeClvMetrics; the incremental
     * metrics upsert leaves these alone): discounted CLV over 52 weeks, P(alive) at `clvAsOf`, expected
     * purchases in the next 13 weeks (~90 days). Null when the customer has no counted purchase up to
     * `clvAsOf` or the workspace has too little data to fit.
     */
    clv: money('clv'),
    pAlive: numeric('p_alive', { precision: 7, scale: 6, mode: 'string' }),
    expectedPurchases: numeric('expected_purchases', { precision: 12, scale: 4, mode: 'string' }),
    clvAsOf: date('clv_as_of', { mode: 'string' }),
    /**
     * Net Promoter Score (issue #7): the customer's latest survey answer (0–10) and when it was given,
     * written by the NPS module when an answer arrives (metrics recomputes leave these alone).
     */
    npsScore: integer('nps_score'),
    npsAt: tstz('nps_at'),
    /** Placement, kept by the segmentation engine: scheme key → tier key, and why / since per scheme. */
    tiers: jsonb('tiers')
      .notNull()
      .default(sql`'{}'::jsonb`),
    tierWhy: jsonb('tier_why')
      .notNull()
      .default(sql`'{}'::jsonb`),
    tierSince: jsonb('tier_since')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The customer's tags (denormalised from customer_tags for fast filters). */
    tagIds: uuid('tag_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    updatedAt: tstz('updated_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId] }),
    tenantFk(
      'customer_metrics_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
  ],
);

/**
 * Facets: what list filters test by equality, as text, in a narrow row per customer with one GIN index
 * over both parts — `attrs` the customer's categorical fields as `field:value` (kind, industry, province,
 * city, size_band, source, status), `placed` each tier as `tier.<scheme>:<tier>` and each tag id. Kept
 * by triggers on customers and customer_metrics (migration 0008), never written by the app; every
 * customer has its row. Rules compile `eq` / `in` / `has_all` / `has_any` on these fields to one lookup
 * here (packages/segmentation `facet`), so a filter on two tags, a province and an RFM class is one
 * index scan intersecting four posting lists.
 */
export const customerFacets = pgTable(
  'customer_facets',
  {
    workspaceId: uuid('workspace_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    attrs: text('attrs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    placed: text('placed')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId] }),
    tenantFk(
      'customer_facets_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
    index('customer_facets_idx').using('gin', sql`(${t.attrs} || ${t.placed})`),
  ],
);

/**
 * Classification schemes (分类体系): an ordered list of exclusive tiers; each customer sits in exactly
 * one tier per scheme (or none, e.g. no counted order for RFM). `kind` rfm = the RFM model places;
 * rules = the first tier whose rule matches (a tier without a rule catches everyone left).
 */
export const classificationSchemes = pgTable(
  'classification_schemes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    /** Stable key used in rules (`tier.<key>`), immutable. */
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: ['rfm', 'rules'] }).notNull(),
    /** Model settings (RFM: look-back, statuses, thresholds, comparison). */
    config: jsonb('config')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** What the last batch run computed (RFM cut points and means, as of when). */
    state: jsonb('state')
      .notNull()
      .default(sql`'{}'::jsonb`),
    position: integer('position').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('classification_schemes_key_key').on(t.workspaceId, t.key),
    workspaceFk('classification_schemes_workspace_fk', t.workspaceId),
  ],
);

export const classificationTiers = pgTable(
  'classification_tiers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    schemeId: uuid('scheme_id').notNull(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    color: text('color').notNull().default('#8c8c8c'),
    strategyZh: text('strategy_zh').notNull().default(''),
    strategyEn: text('strategy_en').notNull().default(''),
    followupCadenceDays: integer('followup_cadence_days'),
    poolReclaimDays: integer('pool_reclaim_days'),
    /** rules schemes: the rule placing a customer here (first match in position order wins). */
    rule: jsonb('rule'),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('classification_tiers_key_key').on(t.workspaceId, t.schemeId, t.key),
    tenantFk(
      'classification_tiers_scheme_fk',
      [t.workspaceId, t.schemeId],
      [classificationSchemes.workspaceId, classificationSchemes.id],
    ).onDelete('cascade'),
  ],
);

/** Every tier change of every customer: from, to, when, why. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull(),
    schemeKey: text('scheme_key').notNull(),
    fromTier: text('from_tier'),
    toTier: text('to_tier'),
    why: jsonb('why'),
    at: tstz('at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tier_changes_customer_idx').on(t.workspaceId, t.customerId, t.at),
    index('tier_changes_scheme_idx').on(t.workspaceId, t.schemeKey, t.at),
    tenantFk(
      'tier_changes_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
  ],
);

/** A frozen picture of every customer's tiers (e.g. each quarter), for migration matrices. */
export const tierSnapshots = pgTable(
  'tier_snapshots',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    label: text('label').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'scheduled'] }).notNull(),
    customerCount: integer('customer_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tier_snapshots_as_of_idx').on(t.workspaceId, t.asOf),
    workspaceFk('tier_snapshots_workspace_fk', t.workspaceId),
  ],
);

export const tierSnapshotRows = pgTable(
  'tier_snapshot_rows',
  {
    workspaceId: uuid('workspace_id').notNull(),
    snapshotId: uuid('snapshot_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    tiers: jsonb('tiers').notNull(),
    totalSpend: money('total_spend').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.snapshotId, t.customerId] }),
    tenantFk(
      'tier_snapshot_rows_snapshot_fk',
      [t.workspaceId, t.snapshotId],
      [tierSnapshots.workspaceId, tierSnapshots.id],
    ).onDelete('cascade'),
  ],
);

/** Tag groups (行业, 地区, 规模 …): single-choice groups hold at most one of their tags per customer. */
export const tagGroups = pgTable(
  'tag_groups',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    exclusive: boolean('exclusive').notNull().default(false),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    workspaceFk('tag_groups_workspace_fk', t.workspaceId),
  ],
);

export const tags = pgTable(
  'tags',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull().default('#1677ff'),
    /** Auto-tag rule: while it matches, the customer carries the tag (applied live). */
    rule: jsonb('rule'),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('tags_name_key').on(t.workspaceId, t.groupId, t.name),
    tenantFk('tags_group_fk', [t.workspaceId, t.groupId], [tagGroups.workspaceId, tagGroups.id]).onDelete(
      'cascade',
    ),
  ],
);

export const customerTags = pgTable(
  'customer_tags',
  {
    workspaceId: uuid('workspace_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    tagId: uuid('tag_id').notNull(),
    source: text('source', { enum: ['manual', 'rule'] }).notNull(),
    taggedBy: uuid('tagged_by'),
    taggedAt: tstz('tagged_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId, t.tagId] }),
    index('customer_tags_tag_idx').on(t.workspaceId, t.tagId),
    tenantFk(
      'customer_tags_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
    tenantFk('customer_tags_tag_fk', [t.workspaceId, t.tagId], [tags.workspaceId, tags.id]).onDelete(
      'cascade',
    ),
  ],
);

/** Segments (客户分群): dynamic (a rule, membership kept live) or static (a fixed list). */
export const segments = pgTable(
  'segments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: ['dynamic', 'static'] }).notNull(),
    rule: jsonb('rule'),
    memberCount: integer('member_count').notNull().default(0),
    createdBy: uuid('created_by'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('segments_name_key').on(t.workspaceId, t.name),
    workspaceFk('segments_workspace_fk', t.workspaceId),
  ],
);

export const segmentMembers = pgTable(
  'segment_members',
  {
    workspaceId: uuid('workspace_id').notNull(),
    segmentId: uuid('segment_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    enteredAt: tstz('entered_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.segmentId, t.customerId] }),
    index('segment_members_customer_idx').on(t.workspaceId, t.customerId),
    tenantFk(
      'segment_members_segment_fk',
      [t.workspaceId, t.segmentId],
      [segments.workspaceId, segments.id],
    ).onDelete('cascade'),
    tenantFk(
      'segment_members_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
  ],
);

/** Entered / exited events, in order, for automation to consume. */
export const segmentEvents = pgTable(
  'segment_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    segmentId: uuid('segment_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: ['entered', 'exited'] }).notNull(),
    at: tstz('at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('segment_events_segment_idx').on(t.workspaceId, t.segmentId, t.id),
    index('segment_events_customer_idx').on(t.workspaceId, t.customerId),
  ],
);

/**
 * Durable background jobs (imports, recomputes, snapshots). Claimed with FOR UPDATE SKIP LOCKED, so
 * several server instances share one queue; `dedupe_key` makes a scheduled job run once per period.
 */
export const jobs = pgTable(
  'jobs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    kind: text('kind').notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    /** { done, total, phase } while running. */
    progress: jsonb('progress'),
    result: jsonb('result'),
    error: jsonb('error'),
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: tstz('run_after')
      .notNull()
      .default(sql`now()`),
    lockedUntil: tstz('locked_until'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('jobs_dedupe_key').on(t.workspaceId, t.kind, t.dedupeKey),
    index('jobs_queue_idx').on(t.status, t.runAfter),
    workspaceFk('jobs_workspace_fk', t.workspaceId),
  ],
);

/**
 * Sales pipelines (商机管道): an ordered list of stages. Open stages carry a win probability (the
 * weighted forecast); each pipeline ends in exactly one won and one lost stage.
 */
export const pipelines = pgTable(
  'pipelines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('pipelines_name_key').on(t.workspaceId, t.name),
    workspaceFk('pipelines_workspace_fk', t.workspaceId),
  ],
);

export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['open', 'won', 'lost'] }).notNull(),
    /** Win probability in percent (0–100): won is 100, lost 0. */
    probability: integer('probability').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('pipeline_stages_pipeline_idx').on(t.workspaceId, t.pipelineId, t.position),
    tenantFk(
      'pipeline_stages_pipeline_fk',
      [t.workspaceId, t.pipelineId],
      [pipelines.workspaceId, pipelines.id],
    ).onDelete('cascade'),
    check('pipeline_stages_probability_check', sql`probability BETWEEN 0 AND 100`),
  ],
);

/** Why deals are lost (价格、竞品…); a reason still referenced is archived instead of deleted. */
export const lossReasons = pgTable(
  'loss_reasons',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('loss_reasons_pipeline_idx').on(t.workspaceId, t.pipelineId),
    tenantFk(
      'loss_reasons_pipeline_fk',
      [t.workspaceId, t.pipelineId],
      [pipelines.workspaceId, pipelines.id],
    ).onDelete('cascade'),
  ],
);

/** Opportunities (商机): a possible deal with a customer, moving through a pipeline's stages. */
export const opportunities = pgTable(
  'opportunities',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** The kind of the current stage, kept with the row for filters and customer metrics. */
    status: text('status', { enum: ['open', 'won', 'lost'] })
      .notNull()
      .default('open'),
    title: text('title').notNull(),
    amount: money('amount').notNull(),
    expectedCloseOn: date('expected_close_on', { mode: 'string' }),
    ownerId: uuid('owner_id'),
    lossReasonId: uuid('loss_reason_id'),
    lossNote: text('loss_note'),
    notes: text('notes'),
    stageEnteredAt: tstz('stage_entered_at')
      .notNull()
      .default(sql`now()`),
    closedAt: tstz('closed_at'),
    createdBy: uuid('created_by'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opportunities_customer_idx').on(t.workspaceId, t.customerId),
    index('opportunities_stage_idx').on(t.workspaceId, t.pipelineId, t.stageId),
    index('opportunities_owner_idx').on(t.workspaceId, t.ownerId),
    tenantFk(
      'opportunities_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ),
    tenantFk(
      'opportunities_pipeline_fk',
      [t.workspaceId, t.pipelineId],
      [pipelines.workspaceId, pipelines.id],
    ),
    tenantFk(
      'opportunities_stage_fk',
      [t.workspaceId, t.stageId],
      [pipelineStages.workspaceId, pipelineStages.id],
    ),
    tenantFk('opportunities_owner_fk', [t.workspaceId, t.ownerId], [users.workspaceId, users.id]),
    tenantFk(
      'opportunities_loss_reason_fk',
      [t.workspaceId, t.lossReasonId],
      [lossReasons.workspaceId, lossReasons.id],
    ),
  ],
);

export const opportunityProducts = pgTable(
  'opportunity_products',
  {
    workspaceId: uuid('workspace_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    productId: uuid('product_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.opportunityId, t.productId] }),
    index('opportunity_products_product_idx').on(t.workspaceId, t.productId),
    tenantFk(
      'opportunity_products_opportunity_fk',
      [t.workspaceId, t.opportunityId],
      [opportunities.workspaceId, opportunities.id],
    ).onDelete('cascade'),
    tenantFk(
      'opportunity_products_product_fk',
      [t.workspaceId, t.productId],
      [products.workspaceId, products.id],
    ),
  ],
);

/**
 * Stage history: one row per stay in a stage (entered, left). The current stay has no `left_at`.
 * Conversion and days-in-stage are computed from it.
 */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    enteredAt: tstz('entered_at').notNull(),
    leftAt: tstz('left_at'),
    movedBy: uuid('moved_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opportunity_stage_history_opportunity_idx').on(t.workspaceId, t.opportunityId, t.enteredAt),
    index('opportunity_stage_history_stage_idx').on(t.workspaceId, t.stageId),
    tenantFk(
      'opportunity_stage_history_opportunity_fk',
      [t.workspaceId, t.opportunityId],
      [opportunities.workspaceId, opportunities.id],
    ).onDelete('cascade'),
    tenantFk(
      'opportunity_stage_history_stage_fk',
      [t.workspaceId, t.stageId],
      [pipelineStages.workspaceId, pipelineStages.id],
    ).onDelete('cascade'),
  ],
);

// ─── NPS (issue #7) ─────────────────────────────────────────────────────────────────────────────────

/**
 * NPS surveys: one single-use link per row, sent to a customer. Only the SHA-256 of the link's random
 * token is stored. Answered once (`responded_at`, `score` 0–10, `comment`); a link can be revoked or
 * expire before that. The public page finds the row by `token_hash` alone (no workspace in the link).
 */
export const npsSurveys = pgTable(
  'nps_surveys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: id(),
    customerId: uuid('customer_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** How the link is meant to reach the customer (wechat, email, sms, other), for the record only. */
    channel: text('channel'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    revokedBy: uuid('revoked_by'),
    respondedAt: tstz('responded_at'),
    score: integer('score'),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('nps_surveys_token_idx').on(t.tokenHash),
    index('nps_surveys_customer_idx').on(t.workspaceId, t.customerId, t.createdAt),
    index('nps_surveys_responded_idx').on(t.workspaceId, t.respondedAt),
    index('nps_surveys_created_idx').on(t.workspaceId, t.createdAt),
    check('nps_surveys_score_check', sql`score IS NULL OR score BETWEEN 0 AND 10`),
    check('nps_surveys_answer_check', sql`(responded_at IS NULL) = (score IS NULL)`),
    tenantFk(
      'nps_surveys_customer_fk',
      [t.workspaceId, t.customerId],
      [customers.workspaceId, customers.id],
    ).onDelete('cascade'),
    tenantFk('nps_surveys_created_by_fk', [t.workspaceId, t.createdBy], [users.workspaceId, users.id]),
    tenantFk('nps_surveys_revoked_by_fk', [t.workspaceId, t.revokedBy], [users.workspaceId, users.id]),
  ],
);
