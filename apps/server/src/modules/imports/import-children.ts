// Contacts and follow-ups: rows attached to a customer named by external id, else by the customer's phone,
// else by the customer's email (the first of these the row has decides; an unknown external id is not
// retried by phone). Phones match exactly, emails case-insensitively, among live customers, the oldest
// first when several share one. Only an external id can create a customer (--create-customers).
// Contacts' natural key: (customer, phone), else (customer, email). Follow-ups' natural key:
// (customer, occurred_at, type, content), so re-running a file adds nothing.
// Each row is converted and checked as it is read and staged (stage.ts); customers, keys, the duplicates
// policy and the writes are set-wise SQL (children-stage.repository.ts).
import type { Db } from '../../db/client.ts';
import { placeCustomers } from '../segmentation/placement.ts';
import {
  CONTACT_FIELDS,
  CONTACT_ROWS,
  contactsStage,
  FOLLOWUP_ROWS,
  followupsStage,
} from './children-stage.repository.ts';
import {
  type Cell,
  isEmail,
  parseBoolean,
  parseDate,
  parseDateTime,
  parseFollowupType,
  text,
} from './convert.ts';
import type { RefField } from './customer-refs.ts';
import type { ImportContext, ImportOptions, Report } from './report.ts';
import {
  createStage,
  reportStagedErrors,
  stagedOutcomes,
  stageWriter,
  type Phase,
  type StageSpec,
} from './stage.ts';

type Values = Record<string, string | boolean | null>;

/** The customer key of a row, in precedence order: external id, phone, email (lower-cased). */
function customerKey(get: (f: string) => Cell): { field: RefField; value: string } | null {
  const ext = text(get('customer_external_id'));
  if (ext) return { field: 'customer_external_id', value: ext };
  const phone = text(get('customer_phone'));
  if (phone) return { field: 'customer_phone', value: phone };
  const email = text(get('customer_email'));
  if (email) return { field: 'customer_email', value: email.toLowerCase() };
  return null;
}

interface ChildStage {
  attachCustomers(db: Db): Promise<number>;
  decide(db: Db): Promise<void>;
  write(db: Db): Promise<void>;
}

function childImport(
  opts: ImportOptions,
  report: Report,
  spec: StageSpec,
  stage: ChildStage,
  /** The row's values, or null after reporting why it fails. */
  convert: (get: (f: string) => Cell, row: number) => Values | null,
  afterWrite: (db: Db, inserted: number) => Promise<void>,
): Phase {
  // The staged columns after ref_field and ref_value, in order.
  const fields = spec.columns.slice(2).map((c) => c.name);
  return {
    async read(rows, db) {
      await createStage(db, spec);
      const out = stageWriter(db, spec);
      for await (const r of rows) {
        if ((r.row & 1023) === 0) opts.onProgress?.({ phase: 'read', rows: r.row });
        const get = (f: string) => r.get(f);
        const ref = customerKey(get);
        if (!ref) {
          report.fail(r.row, 'customer_external_id', 'NO_CUSTOMER');
          continue;
        }
        const values = convert(get, r.row);
        if (values) await out.add(r.row, [ref.field, ref.value, ...fields.map((f) => values[f])]);
      }
      await out.close();
    },
    async write(db) {
      const created = await stage.attachCustomers(db);
      await stage.decide(db);
      await opts.beforeStage?.(db, 'children');
      opts.onProgress?.({ phase: 'write', rows: 0, step: spec === CONTACT_ROWS ? 'contacts' : 'followups' });
      await stage.write(db);
      const counts = await stagedOutcomes(db, spec.table);
      report.inserted += counts.insert;
      report.updated += counts.update;
      report.skipped += counts.skip;
      await afterWrite(db, counts.insert);
      await reportStagedErrors(db, spec.table, report);
      return { customersCreated: created };
    },
  };
}

export function contactsImport(ctx: ImportContext, opts: ImportOptions, report: Report): Phase {
  return childImport(
    opts,
    report,
    CONTACT_ROWS,
    contactsStage(ctx.actor, opts.onDuplicate ?? 'skip', opts.createCustomers ?? false),
    (get, row) => {
      const v: Values = {};
      for (const f of CONTACT_FIELDS) v[f] = text(get(f));
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
      if (typeof v.email === 'string' && !isEmail(v.email)) {
        report.fail(row, 'email', 'INVALID_VALUE', { value: v.email });
        return null;
      }
      return v;
    },
    async () => {},
  );
}

export function followupsImport(
  ctx: ImportContext,
  opts: ImportOptions,
  report: Report,
  timeZone: string,
): Phase {
  return childImport(
    opts,
    report,
    FOLLOWUP_ROWS,
    followupsStage(ctx.actor, opts.onDuplicate ?? 'skip', opts.createCustomers ?? false),
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
    async (db, inserted) => {
      // New follow-ups move the customers' last/next follow-up metrics and what depends on them.
      if (inserted > 0) {
        opts.onProgress?.({ phase: 'write', rows: 0, step: 'metrics' });
        await placeCustomers(db, ctx.actor.workspaceId, 'all');
      }
    },
  );
}
