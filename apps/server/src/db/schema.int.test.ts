import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../test/harness.ts';

/**
 * Multi-tenancy is structural: every table carries workspace_id and every primary key, unique
 * constraint and unique index leads with it (so a workspace is isolated and tables can be
 * distributed by it on Citus). Read from the live catalogue, so new tables are held to it too.
 */
describe('schema catalogue', () => {
  const t = useTestApp();

  it('every table has a workspace_id column', async () => {
    const { rows } = await t.db.execute<{ table_name: string }>(sql`
      SELECT t.table_name FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
                        WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'workspace_id')`);
    expect(rows.map((r) => r.table_name)).toEqual([]);
    const { rows: all } = await t.db.execute(
      sql`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  it('every primary key, unique constraint and unique index leads with workspace_id', async () => {
    const { rows } = await t.db.execute<{ index_name: string; first_column: string }>(sql`
      SELECT ic.relname AS index_name, a.attname AS first_column
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class tc ON tc.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = tc.relnamespace
      JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = i.indkey[0]
      WHERE n.nspname = 'public' AND (i.indisunique OR i.indisprimary)`);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(rows.filter((r) => r.first_column !== 'workspace_id')).toEqual([]);
  });

  it('every foreign key includes workspace_id (no reference crosses tenants)', async () => {
    const { rows } = await t.db.execute<{ conname: string }>(sql`
      SELECT c.conname FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype = 'f'
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1] AND a.attname = 'workspace_id')`);
    expect(rows).toEqual([]);
  });
});
