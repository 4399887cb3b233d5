// The pipeline demo: a default sales pipeline and a few hundred opportunities on the demo customers,
// each with a believable walk through the stages (time in each stage, skipped stages, won or lost with a
// reason, or still open). Who wins is not uniform: manufacturing and wholesale companies of 50–999 staff
// that came by referral or exhibition win more often, so the won-customer portrait has a story to tell.
// Deterministic by seed; rows go straight into the tables (no services, no audit entries).
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  lossReasons,
  opportunities,
  opportunityProducts,
  opportunityStageHistory,
  pipelineStages,
  pipelines,
} from '../schema.ts';
import { placeCustomers } from '../../modules/segmentation/placement.ts';
import { todayIn, workspaceTimeZone } from '../../modules/workspaces/workspaces.repository.ts';
import { chance, createRng, deriveSeed, gamma, logNormal, sample, type Rng } from './random.ts';
import { isoAt, SECONDS_PER_DAY } from './calendar.ts';
import { resolveAsOf } from './customers-demo.ts';

export const DEMO_STAGES = [
  { name: '初步接洽', kind: 'open', probability: 10, meanDays: 10 },
  { name: '需求确认', kind: 'open', probability: 25, meanDays: 16 },
  { name: '方案报价', kind: 'open', probability: 50, meanDays: 20 },
  { name: '商务谈判', kind: 'open', probability: 75, meanDays: 14 },
  { name: '赢单', kind: 'won', probability: 100, meanDays: 0 },
  { name: '输单', kind: 'lost', probability: 0, meanDays: 0 },
] as const;
export const DEMO_LOSS_REASONS = [
  '价格过高',
  '选择了竞品',
  '预算取消',
  '需求变化',
  '联系不上决策人',
] as const;

const TITLES = [
  '年度采购',
  '设备升级',
  '二期扩产',
  '系统集成',
  '框架协议',
  '新品导入',
  '备件补货',
  '试点项目',
  '续约扩容',
];
const OPEN_COUNT = DEMO_STAGES.filter((s) => s.kind === 'open').length;

interface DemoCustomer {
  id: string;
  owner_id: string;
  industry: string | null;
  size_band: string | null;
  source: string | null;
}

/** How much likelier than average this customer is to buy (the signal the portrait should find). */
function propensity(c: DemoCustomer): number {
  let p = 1;
  if (c.industry === '制造业' || c.industry === '批发零售') p *= 1.6;
  if (c.industry === '餐饮' || c.industry === '教育培训') p *= 0.6;
  if (c.size_band === '50-199' || c.size_band === '200-999') p *= 1.4;
  if (c.size_band === '1-9') p *= 0.7;
  if (c.source === 'referral' || c.source === 'exhibition') p *= 1.3;
  if (c.source === 'advertising' || c.source === 'cold_call') p *= 0.8;
  return p;
}

const SIZE_AMOUNT: Record<string, number> = {
  '1-9': 20_000,
  '10-49': 60_000,
  '50-199': 150_000,
  '200-999': 400_000,
  '1000+': 900_000,
};

/** A UUID drawn from the seeded generator, so the same seed gives the same ids. */
function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rng.next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Stay {
  stage: number;
  enteredAt: number;
  leftAt: number | null;
}

/** One deal's walk: stages with their moments, the outcome, and its expected close day. */
function walk(rng: Rng, c: DemoCustomer, createdAt: number, asOf: number) {
  const stays: Stay[] = [];
  let stage = 0;
  let at = createdAt;
  const p = propensity(c);
  for (;;) {
    const meanDays = DEMO_STAGES[stage]!.meanDays;
    const days = gamma(rng, 2, meanDays / 2) + 0.3;
    const leave = at + Math.round(days * SECONDS_PER_DAY);
    if (leave > asOf) {
      stays.push({ stage, enteredAt: at, leftAt: null });
      return { stays, status: 'open' as const, closedAt: null };
    }
    stays.push({ stage, enteredAt: at, leftAt: leave });
    at = leave;
    // Move on, skip a stage now and then, or drop out (lost). Later stages convert better.
    const advance = Math.min(0.95, (0.55 + stage * 0.08) * Math.sqrt(p));
    if (!chance(rng, advance)) {
      stays.push({ stage: OPEN_COUNT + 1, enteredAt: at, leftAt: null });
      return { stays, status: 'lost' as const, closedAt: at };
    }
    const next = stage + (stage < OPEN_COUNT - 2 && chance(rng, 0.08) ? 2 : 1);
    if (next >= OPEN_COUNT) {
      stays.push({ stage: OPEN_COUNT, enteredAt: at, leftAt: null });
      return { stays, status: 'won' as const, closedAt: at };
    }
    stage = next;
  }
}

/**
 * Adds the default pipeline and `count` opportunities (default: one per five customers with an owner, at most 600)
 * spread over the year before `asOf`. Adds nothing if the workspace already has a pipeline.
 */
export async function loadPipelineDemo(
  db: Db,
  workspaceId: string,
  opts: { seed: number; asOf?: Date | string; count?: number },
): Promise<{ opportunities: number }> {
  const asOf = resolveAsOf(opts.asOf);
  const rng = createRng(deriveSeed(opts.seed, 7));
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`stratum:demo-pipeline:${workspaceId}`}))`);
    const { rows: existing } = await tx.execute(
      sql`SELECT 1 FROM pipelines WHERE workspace_id = ${workspaceId} LIMIT 1`,
    );
    if (existing.length) return { opportunities: 0 };

    // No customers with an owner yet: nothing to sell to; the pipeline comes with a later load.
    const { rows: candidates } = await tx.execute<DemoCustomer & Record<string, unknown>>(sql`
      SELECT id, owner_id, industry, size_band, source FROM customers
      WHERE workspace_id = ${workspaceId} AND owner_id IS NOT NULL AND deleted_at IS NULL
      ORDER BY created_at, id`);
    const { rows: productRows } = await tx.execute<{ id: string }>(
      sql`SELECT id FROM products WHERE workspace_id = ${workspaceId} AND active ORDER BY sku`,
    );
    const productIds = productRows.map((r) => r.id);
    const count = Math.min(
      opts.count ?? Math.min(600, Math.round(candidates.length / 5)),
      candidates.length * 2,
    );
    if (count === 0) return { opportunities: 0 };
    const since = isoAt(asOf - 400 * SECONDS_PER_DAY);
    const [pipeline] = await tx
      .insert(pipelines)
      .values({ workspaceId, name: '标准销售流程', isDefault: true, createdAt: since, updatedAt: since })
      .returning({ id: pipelines.id });
    const stageIds = (
      await tx
        .insert(pipelineStages)
        .values(
          DEMO_STAGES.map((s, position) => ({
            workspaceId,
            pipelineId: pipeline!.id,
            name: s.name,
            kind: s.kind,
            probability: s.probability,
            position,
            createdAt: since,
          })),
        )
        .returning({ id: pipelineStages.id, position: pipelineStages.position })
    )
      .sort((a, b) => a.position - b.position)
      .map((s) => s.id);
    const reasonIds = (
      await tx
        .insert(lossReasons)
        .values(
          DEMO_LOSS_REASONS.map((name, position) => ({
            workspaceId,
            pipelineId: pipeline!.id,
            name,
            position,
          })),
        )
        .returning({ id: lossReasons.id })
    ).map((r) => r.id);

    const opps: (typeof opportunities.$inferInsert)[] = [];
    const history: (typeof opportunityStageHistory.$inferInsert)[] = [];
    const lines: (typeof opportunityProducts.$inferInsert)[] = [];
    const touched = new Set<string>();
    for (let i = 0; i < count; i++) {
      const c = rng.pick(candidates);
      const id = uuidFrom(rng);
      // Recent months busier than old ones: the board has work in progress.
      const ageDays = Math.floor(365 * Math.pow(rng.next(), 2));
      const createdAt = asOf - ageDays * SECONDS_PER_DAY - rng.int(0, 8 * 3600);
      const w = walk(rng, c, createdAt, asOf);
      const last = w.stays[w.stays.length - 1]!;
      const base = SIZE_AMOUNT[c.size_band ?? ''] ?? 50_000;
      const amount = Math.max(2000, Math.round(logNormal(rng, Math.log(base), 0.6) / 100) * 100);
      const expected =
        w.closedAt ??
        // Open deals: expected within the next four months, a few already overdue.
        asOf + Math.round((chance(rng, 0.1) ? -rng.int(3, 30) : rng.int(5, 120)) * SECONDS_PER_DAY);
      opps.push({
        workspaceId,
        id,
        customerId: c.id,
        pipelineId: pipeline!.id,
        stageId: stageIds[last.stage]!,
        status: w.status,
        title: `${rng.pick(TITLES)}（${amount >= 100_000 ? '重点' : '常规'}）`,
        amount: amount.toFixed(2),
        expectedCloseOn: isoAt(expected).slice(0, 10),
        ownerId: c.owner_id,
        lossReasonId: w.status === 'lost' ? rng.pick(reasonIds) : null,
        stageEnteredAt: isoAt(last.enteredAt),
        closedAt: w.closedAt === null ? null : isoAt(w.closedAt),
        createdBy: c.owner_id,
        createdAt: isoAt(createdAt),
        updatedAt: isoAt(last.enteredAt),
      });
      for (const s of w.stays) {
        history.push({
          workspaceId,
          opportunityId: id,
          stageId: stageIds[s.stage]!,
          enteredAt: isoAt(s.enteredAt),
          leftAt: s.leftAt === null ? null : isoAt(s.leftAt),
          movedBy: c.owner_id,
        });
      }
      if (productIds.length) {
        for (const productId of sample(rng, productIds, rng.int(1, Math.min(3, productIds.length))))
          lines.push({ workspaceId, opportunityId: id, productId });
      }
      touched.add(c.id);
    }
    for (let i = 0; i < opps.length; i += 500) await tx.insert(opportunities).values(opps.slice(i, i + 500));
    for (let i = 0; i < history.length; i += 500)
      await tx.insert(opportunityStageHistory).values(history.slice(i, i + 500));
    for (let i = 0; i < lines.length; i += 500)
      await tx.insert(opportunityProducts).values(lines.slice(i, i + 500));
    const timeZone = await workspaceTimeZone(tx, workspaceId);
    const day =
      typeof opts.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) ? opts.asOf : todayIn(timeZone);
    await placeCustomers(tx, workspaceId, [...touched], { asOf: day });
    return { opportunities: opps.length };
  });
}
