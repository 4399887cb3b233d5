import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { workspaces } from '../../db/schema.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export const workspacesRepository = {
  async first(db: Db): Promise<WorkspaceRow | undefined> {
    const [row] = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
    return row;
  },
  async byId(db: Db, workspaceId: string): Promise<WorkspaceRow | undefined> {
    const [row] = await db.select().from(workspaces).where(eq(workspaces.workspaceId, workspaceId));
    return row;
  },
  async create(db: Db, name: string): Promise<WorkspaceRow> {
    const [row] = await db
      .insert(workspaces)
      .values({ name, sessionSecret: randomBytes(32).toString('base64url') })
      .returning();
    return row!;
  },
};
