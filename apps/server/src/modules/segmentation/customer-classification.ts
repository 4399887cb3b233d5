import { sql } from 'drizzle-orm';
import { fieldSql, RfmConfigSchema, type Rule } from '@stratum/segmentation';
import type { CustomerClassification, Placement } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { chunksToSql, iso, isoNotNull } from '../../db/raw.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';
import type { SchemeDef } from './classification.repository.ts';
import { isCalibration, rfmBars } from './rfm.repository.ts';
import { conditionsOf } from './rule-references.ts';
import { workspaceRules, registryFor } from './workspace-rules.ts';

type Lang = 'zh-CN' | 'en';

/**
 * Where one customer sits and why: each scheme's tier (with the RFM values and scores, or the tier's
 * rule and the customer's values of the fields it tests), its tags, its segments and its tier history.
 * The caller has checked that the customer is visible.
 */
export async function customerClassification(
  db: Db,
  workspaceId: string,
  customerId: string,
  lang: Lang,
): Promise<CustomerClassification> {
  const w = await workspaceRules(db, workspaceId);
  const registry = registryFor(w, { kind: 'segment' });
  const asOf = todayIn(w.timeZone);
  const [metrics, tags, segments, history] = await Promise.all([
    db.execute<{
      tiers: Record<string, string>;
      tier_why: Record<string, unknown>;
      tier_since: Record<string, string>;
    }>(
      sql`SELECT tiers, tier_why, tier_since FROM customer_metrics WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}`,
    ),
    db.execute<Record<string, unknown>>(sql`
      SELECT ct.tag_id, t.name, t.color, t.group_id, g.name_zh, g.name_en, ct.source, ct.tagged_at
      FROM customer_tags ct
      JOIN tags t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id
      JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.id = t.group_id
      WHERE ct.workspace_id = ${workspaceId} AND ct.customer_id = ${customerId}
      ORDER BY g.position, t.position, t.name`),
    db.execute<Record<string, unknown>>(sql`
      SELECT s.id, s.name, s.kind, sm.entered_at FROM segment_members sm
      JOIN segments s ON s.workspace_id = sm.workspace_id AND s.id = sm.segment_id
      WHERE sm.workspace_id = ${workspaceId} AND sm.customer_id = ${customerId} ORDER BY s.name`),
    db.execute<Record<string, unknown>>(sql`
      SELECT id, scheme_key, from_tier, to_tier, at FROM tier_changes
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} ORDER BY at DESC, id DESC LIMIT 100`),
  ]);
  const m = metrics.rows[0] ?? { tiers: {}, tier_why: {}, tier_since: {} };

  // The values of every field the placing rules test, in one query.
  const ruleOf = (schemeKey: string) => {
    const scheme = w.classification.schemes.find((s) => s.key === schemeKey);
    return scheme?.tiers.find((t) => t.key === m.tiers[schemeKey])?.rule ?? null;
  };
  const fields = [
    ...new Set(w.classification.schemes.flatMap((s) => conditionsOf(ruleOf(s.key)).map((c) => c.field))),
  ].filter((f) => registry.get(f));
  const values = new Map<string, unknown>();
  if (fields.length) {
    const cols = fields.map(
      (f, i) =>
        sql`${chunksToSql(fieldSql(registry.get(f)!, { asOf, timeZone: w.timeZone }))} AS ${sql.raw(`v${i}`)}`,
    );
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT ${sql.join(cols, sql`, `)} FROM customers c
      LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.id = ${customerId}`);
    fields.forEach((f, i) => {
      const v = rows[0]?.[`v${i}`];
      values.set(f, v instanceof Date ? v.toISOString() : (v ?? null));
    });
  }

  const placements: Placement[] = w.classification.schemes
    .filter((s) => s.enabled)
    .map((s) => {
      const key = m.tiers[s.key];
      const tier = s.tiers.find((t) => t.key === key);
      const rule = (tier?.rule as Rule | null) ?? null;
      const why = (m.tier_why[s.key] as Placement['why'] | undefined) ?? null;
      return {
        schemeKey: s.key,
        schemeName: lang === 'en' ? s.nameEn : s.nameZh,
        kind: s.kind,
        tier: tier
          ? {
              key: tier.key,
              name: lang === 'en' ? tier.nameEn : tier.nameZh,
              color: tier.color,
              strategy: lang === 'en' ? tier.strategyEn : tier.strategyZh,
              followupCadenceDays: tier.followupCadenceDays,
            }
          : null,
        since: m.tier_since[s.key] ?? null,
        why:
          s.kind === 'rfm'
            ? rfmWhy(why, asOf, s)
            : tier
              ? {
                  kind: 'rule' as const,
                  rule,
                  values: [...new Set(conditionsOf(rule).map((c) => c.field))]
                    .filter((f) => registry.get(f))
                    .map((f) => ({
                      field: f,
                      label: registry.get(f)!.label[lang],
                      value: values.get(f) ?? null,
                    })),
                }
              : null,
      };
    });
  return {
    placements,
    tags: tags.rows.map((r) => ({
      tagId: String(r.tag_id),
      name: String(r.name),
      color: String(r.color),
      groupId: String(r.group_id),
      groupName: String(lang === 'en' ? r.name_en : r.name_zh),
      source: r.source as 'manual' | 'rule',
      taggedAt: isoNotNull(r.tagged_at),
    })),
    segments: segments.rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      kind: r.kind as 'dynamic' | 'static',
      enteredAt: isoNotNull(r.entered_at),
    })),
    history: history.rows.map((r) => ({
      id: Number(r.id),
      schemeKey: String(r.scheme_key),
      fromTier: (r.from_tier as string | null) ?? null,
      toTier: (r.to_tier as string | null) ?? null,
      at: iso(r.at)!,
    })),
  };
}

/**
 * An RFM why as stored (the customer's figures and scores, the last order's day) as readers see it: the
 * days since that day counted to `asOf`, and the bars and cut-point day of the scheme's calibration.
 */
function rfmWhy(why: Placement['why'] | null, asOf: string, scheme: SchemeDef): Placement['why'] | null {
  const stored = why as (Record<string, unknown> & { lastOrderDay?: string }) | null;
  if (!stored?.lastOrderDay) return why;
  const { lastOrderDay, ...rest } = stored;
  const recencyDays = Math.round((Date.parse(asOf) - Date.parse(lastOrderDay)) / 86_400_000);
  const calibration = scheme.state.calibration;
  if (!isCalibration(calibration)) return null;
  const config = RfmConfigSchema.parse(scheme.config ?? {});
  return {
    ...rest,
    recencyDays,
    bars: rfmBars(config, calibration),
    cutsAsOf: calibration.asOf,
  } as Placement['why'];
}
