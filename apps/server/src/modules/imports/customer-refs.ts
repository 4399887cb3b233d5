// Rows of orders, contacts and follow-ups name their customer by external id: match them set-wise,
// create the missing ones when asked (owned by the importing user), and say why a reference fails.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { bulkInsert, importsRepository } from './imports.repository.ts';
import type { RowErrorCode } from './report.ts';

export type CustomerRef = { id: string } | { code: RowErrorCode };

export async function resolveCustomerRefs(
  db: Db,
  actor: Actor,
  refs: Map<string, string | null>, // external id → a name from the file (for creation)
  create: boolean,
): Promise<{ refs: Map<string, CustomerRef>; created: string[] }> {
  const out = new Map<string, CustomerRef>();
  const found = await importsRepository.customersByExternalId(db, actor, [...refs.keys()]);
  for (const c of found) {
    out.set(
      c.externalId!,
      c.deleted ? { code: 'CUSTOMER_DELETED' } : c.editable ? { id: c.id } : { code: 'NOT_YOUR_CUSTOMER' },
    );
  }
  const missing = [...refs.keys()].filter((k) => !out.has(k));
  const created: string[] = [];
  if (!create) {
    for (const k of missing) out.set(k, { code: 'CUSTOMER_NOT_FOUND' });
    return { refs: out, created };
  }
  const ids: string[] = [];
  const names: string[] = [];
  for (const k of missing) {
    const id = randomUUID();
    ids.push(id);
    names.push(refs.get(k) ?? k);
    out.set(k, { id });
  }
  if (ids.length > 0) {
    await bulkInsert(
      db,
      'customers',
      [
        { name: 'id', type: 'uuid', values: ids },
        { name: 'external_id', type: 'text', values: missing },
        { name: 'name', type: 'text', values: names },
      ],
      [
        { name: 'workspace_id', value: sql`${actor.workspaceId}::uuid` },
        { name: 'owner_id', value: sql`${actor.userId}::uuid` },
        { name: 'created_by', value: sql`${actor.userId}::uuid` },
        { name: 'source', value: sql`'import'` },
      ],
    );
    await importsRepository.ensureMetrics(db, actor.workspaceId, ids);
    created.push(...ids);
  }
  return { refs: out, created };
}
