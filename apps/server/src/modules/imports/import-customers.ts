// Customers: one row per customer. Natural key: external_id, else phone, else email.
import { randomUUID } from 'node:crypto';
import { placeCustomers } from '../segmentation/placement.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { parseCustomerKind, parseCustomerStatus, text, type Converted } from './convert.ts';
import { bulkInsert, importsRepository, type Column, type CustomerMatch } from './imports.repository.ts';
import type { ImportContext, ImportOptions, Report, RowErrorCode } from './report.ts';
import type { DataRow } from './source.ts';

const TEXT_FIELDS = [
  'name',
  'industry',
  'province',
  'city',
  'size_band',
  'source',
  'phone',
  'email',
  'wechat',
  'address',
  'website',
  'notes',
] as const;
type Field = 'external_id' | (typeof TEXT_FIELDS)[number] | 'kind' | 'status';

interface CustomerRow {
  row: number;
  values: Record<Field, string | null>;
  key: { field: 'external_id' | 'phone' | 'email'; value: string } | null;
}

export interface Phase {
  /** Reads the file's rows inside the import's transaction `db` (a phase may stage them there). */
  read(rows: AsyncIterable<DataRow>, db: Db): Promise<void>;
  write(db: Db): Promise<{ customersCreated: string[] }>;
}

function convert(r: DataRow, report: Report): CustomerRow | null {
  const values = {} as Record<Field, string | null>;
  values.external_id = text(r.get('external_id'));
  for (const f of TEXT_FIELDS) values[f] = text(r.get(f));
  if (values.email) values.email = values.email.toLowerCase();
  const enumField = (field: 'kind' | 'status', conv: Converted<string | null>, code: RowErrorCode) => {
    if (conv.ok) values[field] = conv.value;
    else report.fail(r.row, field, code, { value: text(r.get(field)) ?? '' });
    return conv.ok;
  };
  if (!enumField('kind', parseCustomerKind(r.get('kind')), 'INVALID_VALUE')) return null;
  if (!enumField('status', parseCustomerStatus(r.get('status')), 'INVALID_STATUS')) return null;
  if (!values.name) {
    report.fail(r.row, 'name', 'REQUIRED');
    return null;
  }
  const key = values.external_id
    ? ({ field: 'external_id', value: values.external_id } as const)
    : values.phone
      ? ({ field: 'phone', value: values.phone } as const)
      : values.email
        ? ({ field: 'email', value: values.email } as const)
        : null;
  return { row: r.row, values, key };
}

export function customersImport(ctx: ImportContext, opts: ImportOptions, report: Report): Phase {
  const policy = opts.onDuplicate ?? 'skip';
  const records: CustomerRow[] = [];
  const firstRowOfKey = new Map<string, number>();

  return {
    async read(rows) {
      for await (const r of rows) {
        opts.onProgress?.({ phase: 'read', rows: r.row });
        const rec = convert(r, report);
        if (!rec) continue;
        if (rec.key) {
          const k = `${rec.key.field}:${rec.key.value}`;
          const other = firstRowOfKey.get(k);
          if (other !== undefined) {
            report.fail(rec.row, rec.key.field, 'DUPLICATE_IN_FILE', { other, value: rec.key.value });
            continue;
          }
          firstRowOfKey.set(k, rec.row);
        }
        records.push(rec);
      }
    },

    async write(db) {
      const { actor } = ctx;
      const byExt = new Map<string, CustomerMatch>();
      for (const m of await importsRepository.customersByExternalId(
        db,
        actor,
        records.flatMap((r) => (r.key?.field === 'external_id' ? [r.key.value] : [])),
      )) {
        byExt.set(m.externalId!, m);
      }
      const phones = records.flatMap((r) => (r.key?.field === 'phone' ? [r.key.value] : []));
      const emails = records.flatMap((r) => (r.key?.field === 'email' ? [r.key.value] : []));
      const byPhone = new Map<string, CustomerMatch>();
      const byEmail = new Map<string, CustomerMatch>();
      for (const m of await importsRepository.customersByPhoneOrEmail(db, actor, phones, emails)) {
        if (m.phone && !byPhone.has(m.phone)) byPhone.set(m.phone, m);
        if (m.email && !byEmail.has(m.email.toLowerCase())) byEmail.set(m.email.toLowerCase(), m);
      }

      const inserts: CustomerRow[] = [];
      const updates: { id: string; rec: CustomerRow }[] = [];
      for (const rec of records) {
        const k = rec.key;
        const match = !k
          ? undefined
          : k.field === 'external_id'
            ? byExt.get(k.value)
            : k.field === 'phone'
              ? byPhone.get(k.value)
              : byEmail.get(k.value);
        if (!match) {
          inserts.push(rec);
          continue;
        }
        if (policy === 'skip') report.skipped++;
        else if (policy === 'create') {
          if (k!.field === 'external_id')
            report.fail(rec.row, 'external_id', 'DUPLICATE', { value: k!.value });
          else inserts.push(rec);
        } else if (match.deleted) report.fail(rec.row, k!.field, 'CUSTOMER_DELETED', { value: k!.value });
        else if (!match.editable) report.fail(rec.row, k!.field, 'NOT_YOUR_CUSTOMER', { value: k!.value });
        else updates.push({ id: match.id, rec });
      }

      await opts.beforeStage?.(db, 'customers');
      const ids = inserts.map(() => randomUUID());
      if (inserts.length > 0) {
        const col = (f: Field, type = 'text', fallback: string | null = null): Column => ({
          name: f,
          type,
          values: inserts.map((r) => r.values[f] ?? fallback),
        });
        await bulkInsert(
          db,
          'customers',
          [
            { name: 'id', type: 'uuid', values: ids },
            col('external_id'),
            ...TEXT_FIELDS.map((f) => col(f)),
            col('kind', 'text', 'company'),
            col('status', 'text', 'potential'),
          ],
          [
            { name: 'workspace_id', value: sql`${actor.workspaceId}::uuid` },
            { name: 'owner_id', value: sql`${actor.userId}::uuid` },
            { name: 'created_by', value: sql`${actor.userId}::uuid` },
          ],
        );
      }
      if (updates.length > 0) {
        const fields = [...TEXT_FIELDS, 'kind', 'status'] as const;
        await importsRepository.updateCustomers(db, actor.workspaceId, [
          { name: 'id', type: 'uuid', values: updates.map((u) => u.id) },
          ...fields.map((f) => ({ name: f, type: 'text', values: updates.map((u) => u.rec.values[f]) })),
        ]);
      }
      // New and changed customers get their metrics, tiers, rule tags and segments, like any write.
      await placeCustomers(db, actor.workspaceId, [...ids, ...updates.map((u) => u.id)]);
      report.inserted += inserts.length;
      report.updated += updates.length;
      return { customersCreated: ids };
    },
  };
}
