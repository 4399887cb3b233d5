import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customFields } from '../../db/schema.ts';

export type CustomFieldRow = typeof customFields.$inferSelect;

export const customFieldsRepository = {
  async list(db: Db, workspaceId: string): Promise<CustomFieldRow[]> {
    return db
      .select()
      .from(customFields)
      .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.entity, 'customer')))
      .orderBy(asc(customFields.position), asc(customFields.createdAt));
  },
  async byId(db: Db, workspaceId: string, id: string): Promise<CustomFieldRow | undefined> {
    const [row] = await db
      .select()
      .from(customFields)
      .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)));
    return row;
  },
  async insert(db: Db, values: typeof customFields.$inferInsert): Promise<CustomFieldRow> {
    const [row] = await db.insert(customFields).values(values).returning();
    return row!;
  },
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    changes: Partial<typeof customFields.$inferInsert>,
  ) {
    const [row] = await db
      .update(customFields)
      .set({ ...changes, updatedAt: sql`now()`, version: sql`${customFields.version} + 1` })
      .where(
        and(
          eq(customFields.workspaceId, workspaceId),
          eq(customFields.id, id),
          eq(customFields.version, version),
        ),
      )
      .returning();
    return row;
  },
  async delete(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .delete(customFields)
      .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)));
  },
  /** Removes a deleted field's values from every customer, so no orphan data lingers. */
  async dropValues(db: Db, workspaceId: string, key: string): Promise<void> {
    await db.execute(
      sql`UPDATE customers SET custom_fields = custom_fields - ${key} WHERE workspace_id = ${workspaceId} AND custom_fields ? ${key}`,
    );
  },
};
