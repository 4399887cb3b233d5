import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { workspaces } from '../../db/schema.ts';
import { ensureClassificationDefaults } from '../segmentation/defaults.ts';

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
    await ensureClassificationDefaults(db, row!.workspaceId);
    return row!;
  },
};

/** Time zones change rarely and are read on every rule with relative dates: cached briefly per process. */
const zoneCache = new Map<string, { zone: string; at: number }>();
export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const hit = zoneCache.get(workspaceId);
  if (hit && Date.now() - hit.at < 60_000) return hit.zone;
  const zone = (await workspacesRepository.byId(db, workspaceId))?.timeZone ?? 'Asia/Shanghai';
  zoneCache.set(workspaceId, { zone, at: Date.now() });
  return zone;
}

/** Today's calendar day (YYYY-MM-DD) in a time zone. */
export const todayIn = (timeZone: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
