import { sql } from 'drizzle-orm';
import type { Rule } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';

export interface TierDef {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  color: string;
  strategyZh: string;
  strategyEn: string;
  followupCadenceDays: number | null;
  poolReclaimDays: number | null;
  rule: Rule | null;
  position: number;
  version: number;
}
export interface SchemeDef {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  kind: 'rfm' | 'rules';
  config: Record<string, unknown>;
  state: Record<string, unknown>;
  position: number;
  enabled: boolean;
  version: number;
  updatedAt: string;
  tiers: TierDef[];
}
export interface TagDef {
  id: string;
  groupId: string;
  name: string;
  color: string;
  rule: Rule | null;
  position: number;
  groupZh: string;
  groupEn: string;
  exclusive: boolean;
}
export interface SegmentDef {
  id: string;
  name: string;
  kind: 'dynamic' | 'static';
  rule: Rule | null;
}
export interface Classification {
  schemes: SchemeDef[];
  tags: TagDef[];
  segments: SegmentDef[];
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** Everything a workspace classifies with, in evaluation order (schemes and tiers by position). */
export async function loadClassification(db: Db, workspaceId: string): Promise<Classification> {
  // One after the other: inside a transaction this runs on one connection.
  const schemes = await db.execute<Record<string, unknown>>(sql`
      SELECT id, key, name_zh, name_en, kind, config, state, position, enabled, version, updated_at
      FROM classification_schemes WHERE workspace_id = ${workspaceId} ORDER BY position, key`);
  const tiers = await db.execute<Record<string, unknown>>(sql`
      SELECT id, scheme_id, key, name_zh, name_en, color, strategy_zh, strategy_en, followup_cadence_days,
        pool_reclaim_days, rule, position, version
      FROM classification_tiers WHERE workspace_id = ${workspaceId} ORDER BY position, key`);
  const tags = await db.execute<Record<string, unknown>>(sql`
      SELECT t.id, t.group_id, t.name, t.color, t.rule, t.position, g.name_zh, g.name_en, g.exclusive
      FROM tags t JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.id = t.group_id
      WHERE t.workspace_id = ${workspaceId} ORDER BY g.position, g.name_zh, t.position, t.name`);
  const segments = await db.execute<Record<string, unknown>>(sql`
      SELECT id, name, kind, rule FROM segments WHERE workspace_id = ${workspaceId} ORDER BY name`);
  const tiersByScheme = new Map<string, TierDef[]>();
  for (const r of tiers.rows) {
    const list = tiersByScheme.get(String(r.scheme_id)) ?? [];
    list.push({
      id: String(r.id),
      key: String(r.key),
      nameZh: String(r.name_zh),
      nameEn: String(r.name_en),
      color: String(r.color),
      strategyZh: String(r.strategy_zh),
      strategyEn: String(r.strategy_en),
      followupCadenceDays: r.followup_cadence_days === null ? null : Number(r.followup_cadence_days),
      poolReclaimDays: r.pool_reclaim_days === null ? null : Number(r.pool_reclaim_days),
      rule: (r.rule as Rule | null) ?? null,
      position: Number(r.position),
      version: Number(r.version),
    });
    tiersByScheme.set(String(r.scheme_id), list);
  }
  return {
    schemes: schemes.rows.map((r) => ({
      id: String(r.id),
      key: String(r.key),
      nameZh: String(r.name_zh),
      nameEn: String(r.name_en),
      kind: r.kind as 'rfm' | 'rules',
      config: (r.config as Record<string, unknown>) ?? {},
      state: (r.state as Record<string, unknown>) ?? {},
      position: Number(r.position),
      enabled: Boolean(r.enabled),
      version: Number(r.version),
      updatedAt: iso(r.updated_at),
      tiers: tiersByScheme.get(String(r.id)) ?? [],
    })),
    tags: tags.rows.map((r) => ({
      id: String(r.id),
      groupId: String(r.group_id),
      name: String(r.name),
      color: String(r.color),
      rule: (r.rule as Rule | null) ?? null,
      position: Number(r.position),
      groupZh: String(r.name_zh),
      groupEn: String(r.name_en),
      exclusive: Boolean(r.exclusive),
    })),
    segments: segments.rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      kind: r.kind as 'dynamic' | 'static',
      rule: (r.rule as Rule | null) ?? null,
    })),
  };
}
