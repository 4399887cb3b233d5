// Customers: one row per customer. Natural key: external_id, else phone, else email (lower-cased).
// Each row is converted and checked as it is read and staged (stage.ts); duplicates in the file, matching,
// the duplicates policy, the data scope and the writes are set-wise SQL (customers-stage.repository.ts).
import { placeCustomers } from '../segmentation/placement.ts';
import { isEmail, parseCustomerKind, parseCustomerStatus, text, type Converted } from './convert.ts';
import {
  CUSTOMER_ROWS,
  CUSTOMER_TEXT_FIELDS as TEXT_FIELDS,
  customersStage,
  PLACE_BY_ID_LIMIT,
} from './customers-stage.repository.ts';
import type { ImportContext, ImportOptions, Report, RowErrorCode } from './report.ts';
import { createStage, reportStagedErrors, stagedOutcomes, stageWriter, type Phase } from './stage.ts';
import type { DataRow } from './source.ts';

type Field = 'external_id' | (typeof TEXT_FIELDS)[number] | 'kind' | 'status';

interface CustomerRow {
  row: number;
  values: Record<Field, string | null>;
  key: { field: 'external_id' | 'phone' | 'email'; value: string } | null;
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
  if (values.email && !isEmail(values.email)) {
    report.fail(r.row, 'email', 'INVALID_VALUE', { value: values.email });
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
  const stage = customersStage(ctx.actor, opts.onDuplicate ?? 'skip');
  return {
    async read(rows, db) {
      await createStage(db, CUSTOMER_ROWS);
      const out = stageWriter(db, CUSTOMER_ROWS);
      for await (const r of rows) {
        if ((r.row & 1023) === 0) opts.onProgress?.({ phase: 'read', rows: r.row });
        const rec = convert(r, report);
        if (!rec) continue;
        const v = rec.values;
        // In the order of CUSTOMER_ROWS.columns.
        await out.add(r.row, [
          rec.key?.field,
          rec.key?.value,
          v.external_id,
          ...TEXT_FIELDS.map((f) => v[f]),
          v.kind,
          v.status,
        ]);
      }
      await out.close();
    },

    async write(db) {
      const { workspaceId } = ctx.actor;
      await stage.match(db);
      await stage.decide(db);
      await opts.beforeStage?.(db, 'customers');
      opts.onProgress?.({ phase: 'write', rows: 0, step: 'customers' });
      const inserted = await stage.insert(db);
      await stage.update(db);
      const counts = await stagedOutcomes(db, CUSTOMER_ROWS.table);
      // New and changed customers get their metrics, tiers, rule tags and segments, like any write; past
      // PLACE_BY_ID_LIMIT of them, the whole workspace is placed set-wise (as an orders import does).
      opts.onProgress?.({ phase: 'write', rows: 0, step: 'metrics' });
      const ids = await stage.changedIds(db, PLACE_BY_ID_LIMIT);
      await placeCustomers(db, workspaceId, ids ?? 'all');
      report.inserted += counts.insert;
      report.updated += counts.update;
      report.skipped += counts.skip;
      await reportStagedErrors(db, CUSTOMER_ROWS.table, report);
      return { customersCreated: inserted };
    },
  };
}
