import { and, eq, sql } from 'drizzle-orm';
import { RfmConfigSchema, RFM_CLASSES } from '@stratum/segmentation';
import type { Scheme, TierInput, UpdateSchemeBody } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { classificationSchemes, classificationTiers } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';
import { loadClassification, type SchemeDef } from './classification.repository.ts';
import { enqueueJob, jobsRepository } from '../jobs/index.ts';
import { placeCustomers } from './placement.ts';
import { RECOMPUTE_JOB } from './segmentation.jobs.ts';
import { rulesUsing } from './rule-references.ts';
import { compileFor, loadWorkspaceRules, type WorkspaceRules } from './workspace-rules.ts';

type ParsedTier = Required<Omit<TierInput, 'rule'>> & { rule: unknown };

/** Tier counts per scheme over the customers the actor may see (one query for every scheme). */
async function tierCounts(db: Db, actor: Actor, keys: string[]) {
  if (keys.length === 0) return new Map<string, Map<string | null, number>>();
  const { rows } = await db.execute<{ scheme: string; tier: string | null; n: number }>(sql`
    SELECT s.key AS scheme, m.tiers->>s.key AS tier, count(*)::int AS n
    FROM customers c
    LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
    CROSS JOIN unnest(${sql.param(keys)}::text[]) AS s(key)
    WHERE c.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}
    GROUP BY 1, 2`);
  const out = new Map<string, Map<string | null, number>>();
  for (const r of rows) {
    const m = out.get(r.scheme) ?? new Map<string | null, number>();
    m.set(r.tier, Number(r.n));
    out.set(r.scheme, m);
  }
  return out;
}

function toScheme(s: SchemeDef, counts: Map<string | null, number> | undefined): Scheme {
  const calibration = s.state.calibration as Scheme['calibration'] | undefined;
  return {
    id: s.id,
    key: s.key,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    kind: s.kind,
    config: s.kind === 'rfm' ? RfmConfigSchema.parse(s.config ?? {}) : {},
    calibration: s.kind === 'rfm' && calibration ? calibration : null,
    enabled: s.enabled,
    position: s.position,
    tiers: s.tiers.map(({ position: _p, version: _v, ...t }) => ({ ...t, count: counts?.get(t.key) ?? 0 })),
    unplaced: counts?.get(null) ?? 0,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

/** Tier rules compile against what is placed before their scheme; keys unique; RFM keeps its eight classes. */
function checkTiers(w: WorkspaceRules, schemeKey: string, kind: 'rfm' | 'rules', tiers: ParsedTier[]) {
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (seen.has(t.key)) throw invalidField({ in: 'body', path: `tiers[${i}].key`, code: 'duplicate' });
    seen.add(t.key);
    if (kind === 'rules' && t.rule !== null)
      compileFor(w, { kind: 'tier', schemeKey }, t.rule, { path: `tiers[${i}].rule` });
  });
  if (kind === 'rfm') {
    const keys = [...seen].sort().join();
    if (keys !== [...RFM_CLASSES].sort().join())
      throw invalidField({
        in: 'body',
        path: 'tiers',
        code: 'invalid_config',
        params: { reason: 'RFM tiers are the eight classes' },
      });
  }
}

async function writeTiers(
  db: Db,
  workspaceId: string,
  schemeId: string,
  kind: 'rfm' | 'rules',
  tiers: ParsedTier[],
) {
  await db
    .delete(classificationTiers)
    .where(
      and(
        eq(classificationTiers.workspaceId, workspaceId),
        eq(classificationTiers.schemeId, schemeId),
        sql`NOT (${classificationTiers.key} = ANY(${sql.param(tiers.map((t) => t.key))}::text[]))`,
      ),
    );
  for (const [position, t] of tiers.entries()) {
    const { key, ...fields } = t;
    const values = { ...fields, rule: kind === 'rules' ? (t.rule ?? null) : null, position };
    await db
      .insert(classificationTiers)
      .values({ workspaceId, schemeId, key, ...values })
      .onConflictDoUpdate({
        target: [classificationTiers.workspaceId, classificationTiers.schemeId, classificationTiers.key],
        set: { ...values, updatedAt: sql`now()`, version: sql`${classificationTiers.version} + 1` },
      });
  }
}

async function schemeOr404(db: Db, workspaceId: string, id: string) {
  const c = await loadClassification(db, workspaceId);
  const s = c.schemes.find((x) => x.id === id);
  if (!s) throw notFound('scheme');
  return s;
}

export const schemesService = {
  async list(db: Db, actor: Actor): Promise<Scheme[]> {
    const { schemes } = await loadClassification(db, actor.workspaceId);
    const counts = await tierCounts(
      db,
      actor,
      schemes.map((s) => s.key),
    );
    return schemes.map((s) => toScheme(s, counts.get(s.key)));
  },

  async get(db: Db, actor: Actor, id: string): Promise<Scheme> {
    const s = await schemeOr404(db, actor.workspaceId, id);
    const counts = await tierCounts(db, actor, [s.key]);
    return toScheme(s, counts.get(s.key));
  },

  async create(
    db: Db,
    c: RequestContext,
    body: { key: string; nameZh: string; nameEn: string; tiers: ParsedTier[] },
  ) {
    const ws = c.actor.workspaceId;
    const w = await loadWorkspaceRules(db, ws);
    if (w.classification.schemes.some((s) => s.key === body.key))
      throw invalidField({ in: 'body', path: 'key', code: 'duplicate' });
    // A new scheme goes last: its rules may test every existing scheme.
    w.classification.schemes.push({
      id: '',
      key: body.key,
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      kind: 'rules',
      config: {},
      state: {},
      position: 0,
      enabled: true,
      version: 1,
      updatedAt: '',
      tiers: [],
    });
    checkTiers(w, body.key, 'rules', body.tiers);
    const position = w.classification.schemes.reduce((m, s) => Math.max(m, s.position), 0) + 1;
    try {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(classificationSchemes)
          .values({
            workspaceId: ws,
            key: body.key,
            nameZh: body.nameZh,
            nameEn: body.nameEn,
            kind: 'rules',
            position,
          })
          .returning({ id: classificationSchemes.id });
        await writeTiers(tx, ws, row!.id, 'rules', body.tiers);
        await placeCustomers(tx, ws, 'all', { metrics: false });
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'scheme.create',
          entityType: 'scheme',
          entityId: row!.id,
          after: body,
        });
        return row!.id;
      });
      return this.get(db, c.actor, id);
    } catch (err) {
      if (isUniqueViolation(err)) throw invalidField({ in: 'body', path: 'key', code: 'duplicate' });
      throw err;
    }
  },

  async update(db: Db, c: RequestContext, id: string, body: UpdateSchemeBody & { tiers?: ParsedTier[] }) {
    const ws = c.actor.workspaceId;
    const before = await schemeOr404(db, ws, id);
    let config: Record<string, unknown> | undefined;
    if (body.config !== undefined) {
      if (before.kind !== 'rfm')
        throw invalidField({
          in: 'body',
          path: 'config',
          code: 'invalid_config',
          params: { reason: 'rules schemes have no settings' },
        });
      const parsed = RfmConfigSchema.safeParse(body.config);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalidField({
          in: 'body',
          path: `config.${issue.path.join('.')}`,
          code: 'invalid_config',
          params: { reason: issue.message },
        });
      }
      if (parsed.data.scoring === 'thresholds' && !parsed.data.thresholds)
        throw invalidField({ in: 'body', path: 'config.thresholds', code: 'required' });
      if (parsed.data.compare === 'fixed' && !parsed.data.fixed)
        throw invalidField({ in: 'body', path: 'config.fixed', code: 'required' });
      config = parsed.data;
    }
    const w = await loadWorkspaceRules(db, ws);
    if (body.position !== undefined) {
      const me = w.classification.schemes.find((s) => s.id === id)!;
      me.position = body.position;
      w.classification.schemes.sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
    }
    if (body.tiers) checkTiers(w, before.key, before.kind, body.tiers);
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(classificationSchemes)
        .set({
          ...(body.nameZh !== undefined ? { nameZh: body.nameZh } : {}),
          ...(body.nameEn !== undefined ? { nameEn: body.nameEn } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(config ? { config } : {}),
          updatedAt: sql`now()`,
          version: sql`${classificationSchemes.version} + 1`,
        })
        .where(
          and(
            eq(classificationSchemes.workspaceId, ws),
            eq(classificationSchemes.id, id),
            eq(classificationSchemes.version, body.version),
          ),
        )
        .returning({ id: classificationSchemes.id });
      if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: toScheme(before, undefined) });
      if (body.tiers) await writeTiers(tx, ws, id, before.kind, body.tiers);
      if (body.enabled === false) await dropPlacement(tx, ws, before.key);
      // Rules, settings or order changed: everyone is placed again (fresh RFM cut points if settings changed).
      await placeCustomers(tx, ws, 'all', { recalibrate: !!config, metrics: false });
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'scheme.update',
        entityType: 'scheme',
        entityId: id,
        before: toScheme(before, undefined),
        after: body,
      });
    });
    return this.get(db, c.actor, id);
  },

  async delete(db: Db, c: RequestContext, id: string) {
    const ws = c.actor.workspaceId;
    const before = await schemeOr404(db, ws, id);
    if (before.kind === 'rfm') throw new AppError('SCHEME_BUILT_IN');
    const using = rulesUsing(await loadClassification(db, ws), { scheme: before.key });
    if (using.length) throw new AppError('RULE_REFERENCED', { by: using.join('、') });
    await db.transaction(async (tx) => {
      await tx
        .delete(classificationSchemes)
        .where(and(eq(classificationSchemes.workspaceId, ws), eq(classificationSchemes.id, id)));
      await dropPlacement(tx, ws, before.key);
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'scheme.delete',
        entityType: 'scheme',
        entityId: id,
        before: toScheme(before, undefined),
      });
    });
  },

  /**
   * Starts a recompute of the whole workspace as a background job (the nightly job's kind: progress
   * per range of customers, the figures as its result), or answers the one for the same day already
   * queued or running. At scale it takes minutes, too long for a request (docs/BENCHMARKS.md).
   */
  async recompute(db: Db, c: RequestContext, asOf?: string): Promise<{ jobId: string }> {
    const ws = c.actor.workspaceId;
    const payload = asOf ? { asOf } : {};
    return db.transaction(async (tx) => {
      const running = await jobsRepository.active(tx, ws, RECOMPUTE_JOB, payload);
      if (running) return { jobId: running };
      const jobId = (await enqueueJob(tx, {
        workspaceId: ws,
        kind: RECOMPUTE_JOB,
        payload,
        createdBy: c.actor.userId,
      }))!;
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'segmentation.recompute',
        entityType: 'workspace',
        entityId: ws,
        after: { asOf: asOf ?? null, jobId },
      });
      return { jobId };
    });
  },
};

/** A scheme gone or disabled: nobody sits in it any more. */
async function dropPlacement(db: Db, workspaceId: string, key: string) {
  await db.execute(sql`
    UPDATE customer_metrics SET tiers = tiers - ${key}::text, tier_why = tier_why - ${key}::text,
      tier_since = tier_since - ${key}::text
    WHERE workspace_id = ${workspaceId} AND tiers ? ${key}::text`);
}
