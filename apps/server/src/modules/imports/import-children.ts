// Contacts and follow-ups: rows attached to a customer named by external id, else by the customer's phone,
// else by the customer's email (the first of these the row has decides; an unknown external id is not
// retried by phone). Phones match exactly, emails case-insensitively, among live customers, the oldest
// first when several share one. Only an external id can create a customer (--create-customers).
// Contacts' natural key: (customer, phone), else (customer, email). Follow-ups' natural key:
// (customer, occurred_at, type, content), so re-running a file adds nothing.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeCustomers } from '../segmentation/placement.ts';
import { type Cell, parseBoolean, parseDate, parseDateTime, parseFollowupType, text } from './convert.ts';
import { resolveCustomerRefs, type CustomerRef } from './customer-refs.ts';
import { bulkInsert, importsRepository } from './imports.repository.ts';
import type { Phase } from './import-customers.ts';
import type { ImportContext, ImportOptions, Report } from './report.ts';

type RefField = 'customer_external_id' | 'customer_phone' | 'customer_email';

interface Child {
  row: number;
  /** The customer key the row names: its field and value (emails lower-cased). */
  ref: { field: RefField; value: string };
  values: Record<string, string | boolean | null>;
}

/** The customer key of a row, in precedence order: external id, phone, email. */
function customerKey(get: (f: string) => Cell): Child['ref'] | null {
  const ext = text(get('customer_external_id'));
  if (ext) return { field: 'customer_external_id', value: ext };
  const phone = text(get('customer_phone'));
  if (phone) return { field: 'customer_phone', value: phone };
  const email = text(get('customer_email'));
  if (email) return { field: 'customer_email', value: email.toLowerCase() };
  return null;
}

function childImport(
  ctx: ImportContext,
  opts: ImportOptions,
  report: Report,
  convert: (get: (f: string) => Cell, row: number) => Child['values'] | null,
  write: (db: Db, accepted: (Child & { customerId: string })[]) => Promise<void>,
): Phase {
  const records: Child[] = [];
  return {
    async read(rows) {
      for await (const r of rows) {
        opts.onProgress?.({ phase: 'read', rows: r.row });
        const ref = customerKey((f) => r.get(f));
        if (!ref) {
          report.fail(r.row, 'customer_external_id', 'NO_CUSTOMER');
          continue;
        }
        const values = convert((f) => r.get(f), r.row);
        if (values) records.push({ row: r.row, ref, values });
      }
    },
    async write(db) {
      const byExternalId = new Map<string, string | null>();
      const phones = new Set<string>();
      const emails = new Set<string>();
      for (const r of records) {
        if (r.ref.field === 'customer_external_id') byExternalId.set(r.ref.value, null);
        else (r.ref.field === 'customer_phone' ? phones : emails).add(r.ref.value);
      }
      const { refs, created } = await resolveCustomerRefs(
        db,
        ctx.actor,
        byExternalId,
        opts.createCustomers ?? false,
      );
      // Phones and emails: the oldest live customer with it.
      const byPhone = new Map<string, CustomerRef>();
      const byEmail = new Map<string, CustomerRef>();
      for (const m of await importsRepository.customersByPhoneOrEmail(
        db,
        ctx.actor,
        [...phones],
        [...emails],
      )) {
        const ref: CustomerRef = m.editable ? { id: m.id } : { code: 'NOT_YOUR_CUSTOMER' };
        if (m.phone && phones.has(m.phone) && !byPhone.has(m.phone)) byPhone.set(m.phone, ref);
        const email = m.email?.toLowerCase();
        if (email && emails.has(email) && !byEmail.has(email)) byEmail.set(email, ref);
      }
      const accepted: (Child & { customerId: string })[] = [];
      for (const r of records) {
        const { field, value } = r.ref;
        const ref: CustomerRef = (field === 'customer_external_id'
          ? refs.get(value)
          : (field === 'customer_phone' ? byPhone : byEmail).get(value)) ?? { code: 'CUSTOMER_NOT_MATCHED' };
        if ('id' in ref) accepted.push({ ...r, customerId: ref.id });
        else report.fail(r.row, field, ref.code, { value });
      }
      await opts.beforeStage?.(db, 'children');
      await write(db, accepted);
      return { customersCreated: created };
    },
  };
}

export function contactsImport(ctx: ImportContext, opts: ImportOptions, report: Report): Phase {
  const policy = opts.onDuplicate ?? 'skip';
  const fields = ['name', 'title', 'phone', 'email', 'wechat', 'notes'] as const;
  return childImport(
    ctx,
    opts,
    report,
    (get, row) => {
      const v: Child['values'] = {};
      for (const f of fields) v[f] = text(get(f));
      if (typeof v.email === 'string') v.email = v.email.toLowerCase();
      const dm = parseBoolean(get('is_decision_maker'));
      if (!dm.ok) {
        report.fail(row, 'is_decision_maker', 'INVALID_VALUE', {
          value: text(get('is_decision_maker')) ?? '',
        });
        return null;
      }
      v.is_decision_maker = dm.value;
      if (!v.name) {
        report.fail(row, 'name', 'REQUIRED');
        return null;
      }
      return v;
    },
    async (db, accepted) => {
      const existing = await importsRepository.contactsOf(db, ctx.actor.workspaceId, [
        ...new Set(accepted.map((a) => a.customerId)),
      ]);
      const byKey = new Map<string, string>();
      for (const c of existing) {
        if (c.phone) byKey.set(`${c.customerId}|p|${c.phone}`, c.id);
        if (c.email) byKey.set(`${c.customerId}|e|${c.email}`, c.id);
      }
      const inserts: typeof accepted = [];
      const updates: { id: string; c: (typeof accepted)[number] }[] = [];
      const inFile = new Map<string, number>();
      for (const c of accepted) {
        const key = c.values.phone
          ? `${c.customerId}|p|${String(c.values.phone)}`
          : c.values.email
            ? `${c.customerId}|e|${String(c.values.email)}`
            : null;
        if (key) {
          const other = inFile.get(key);
          if (other !== undefined) {
            report.fail(c.row, c.values.phone ? 'phone' : 'email', 'DUPLICATE_IN_FILE', {
              other,
              value: String(c.values.phone ?? c.values.email),
            });
            continue;
          }
          inFile.set(key, c.row);
        }
        const match = key ? byKey.get(key) : undefined;
        if (!match || policy === 'create') inserts.push(c);
        else if (policy === 'skip') report.skipped++;
        else updates.push({ id: match, c });
      }
      if (inserts.length > 0) {
        await bulkInsert(
          db,
          'contacts',
          [
            { name: 'customer_id', type: 'uuid', values: inserts.map((c) => c.customerId) },
            ...fields.map((f) => ({ name: f, type: 'text', values: inserts.map((c) => c.values[f]) })),
            {
              name: 'is_decision_maker',
              type: 'boolean',
              values: inserts.map((c) => c.values.is_decision_maker ?? false),
            },
          ],
          [{ name: 'workspace_id', value: sql`${ctx.actor.workspaceId}::uuid` }],
        );
      }
      if (updates.length > 0) {
        await importsRepository.updateContacts(db, ctx.actor.workspaceId, [
          { name: 'id', type: 'uuid', values: updates.map((u) => u.id) },
          ...fields.map((f) => ({ name: f, type: 'text', values: updates.map((u) => u.c.values[f]) })),
          {
            name: 'is_decision_maker',
            type: 'boolean',
            values: updates.map((u) => u.c.values.is_decision_maker),
          },
        ]);
      }
      report.inserted += inserts.length;
      report.updated += updates.length;
    },
  );
}

export function followupsImport(
  ctx: ImportContext,
  opts: ImportOptions,
  report: Report,
  timeZone: string,
): Phase {
  return childImport(
    ctx,
    opts,
    report,
    (get, row) => {
      const type = parseFollowupType(get('type'));
      if (!type.ok) {
        report.fail(row, 'type', 'INVALID_VALUE', { value: text(get('type')) ?? '' });
        return null;
      }
      const at = parseDateTime(get('occurred_at'), timeZone);
      if (!at.ok) {
        report.fail(row, 'occurred_at', 'INVALID_DATE', { value: text(get('occurred_at')) ?? '' });
        return null;
      }
      const next = parseDate(get('next_followup_on'));
      if (!next.ok) {
        report.fail(row, 'next_followup_on', 'INVALID_DATE', { value: text(get('next_followup_on')) ?? '' });
        return null;
      }
      const content = text(get('content'));
      for (const [f, v] of [
        ['type', type.value],
        ['content', content],
        ['occurred_at', at.value],
      ] as const) {
        if (!v) {
          report.fail(row, f, 'REQUIRED');
          return null;
        }
      }
      return { type: type.value, content, occurred_at: at.value, next_followup_on: next.value };
    },
    async (db, accepted) => {
      const known = await importsRepository.followupKeys(db, ctx.actor.workspaceId, [
        ...new Set(accepted.map((a) => a.customerId)),
      ]);
      const inserts = accepted.filter((c) => {
        const k = `${c.customerId}|${String(c.values.occurred_at)}|${String(c.values.type)}|${String(c.values.content)}`;
        if (known.has(k) && (opts.onDuplicate ?? 'skip') !== 'create') {
          report.skipped++;
          return false;
        }
        known.add(k);
        return true;
      });
      if (inserts.length === 0) return;
      await bulkInsert(
        db,
        'followups',
        [
          { name: 'customer_id', type: 'uuid', values: inserts.map((c) => c.customerId) },
          { name: 'type', type: 'text', values: inserts.map((c) => c.values.type) },
          { name: 'content', type: 'text', values: inserts.map((c) => c.values.content) },
          { name: 'occurred_at', type: 'timestamptz', values: inserts.map((c) => c.values.occurred_at) },
          { name: 'next_followup_on', type: 'date', values: inserts.map((c) => c.values.next_followup_on) },
        ],
        [
          { name: 'workspace_id', value: sql`${ctx.actor.workspaceId}::uuid` },
          { name: 'user_id', value: sql`${ctx.actor.userId}::uuid` },
        ],
      );
      report.inserted += inserts.length;
      await placeCustomers(db, ctx.actor.workspaceId, 'all');
    },
  );
}
