// The NPS demo (issue #7): survey links sent over the last year to about a quarter of the buying
// customers, most of them answered. Scores are not uniform: recent buyers score higher, customers who
// complained lower, so NPS by tier and by segment has a story. The tokens are random and unknown (the
// demo links cannot be opened); each customer's latest answer is on its metrics row like a live answer.
// Deterministic by seed; rows go straight into the tables (no services, no audit entries).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { npsSurveys } from '../schema.ts';
import { isoAt, SECONDS_PER_DAY } from './calendar.ts';
import { resolveAsOf } from './customers-demo.ts';
import { chance, createRng, deriveSeed, normal, type Rng } from './random.ts';

const CHANNELS = ['wechat', 'wechat', 'wechat', 'email', 'sms', 'other'] as const;
const PRAISE = [
  '交货很及时',
  '业务员很专业，响应快',
  '产品质量稳定',
  '售后处理得很好',
  '价格合理，会继续合作',
];
const COMPLAINTS = ['交期经常延误', '售后响应太慢', '价格偏高', '上次的质量问题还没解决', '联系人变动太频繁'];
const NEUTRAL = ['整体还可以', '希望能多一些优惠', '对账流程可以再简化'];

/** A score 0–10 for a customer: around 8, higher for recent buyers, lower after complaints. */
export function demoScore(rng: Rng, recentBuyer: boolean, complaints: number): number {
  const mean = 7.9 + (recentBuyer ? 0.9 : -0.7) - Math.min(complaints, 3) * 1.4;
  return Math.max(0, Math.min(10, Math.round(mean + normal(rng) * 1.7)));
}

function commentFor(rng: Rng, score: number): string | null {
  if (!chance(rng, 0.45)) return null;
  return rng.pick(score >= 9 ? PRAISE : score <= 6 ? COMPLAINTS : NEUTRAL);
}

export async function loadNpsDemo(
  db: Db,
  workspaceId: string,
  opts: { seed: number; asOf?: Date | string },
): Promise<{ npsSurveys: number }> {
  const asOf = resolveAsOf(opts.asOf);
  const rng = createRng(deriveSeed(opts.seed, 11));
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`stratum:demo-nps:${workspaceId}`}))`);
    const { rows: existing } = await tx.execute(
      sql`SELECT 1 FROM nps_surveys WHERE workspace_id = ${workspaceId} LIMIT 1`,
    );
    if (existing.length) return { npsSurveys: 0 };
    const { rows: buyers } = await tx.execute<{
      id: string;
      owner_id: string | null;
      orders_180d: number;
      complaints: number;
    }>(sql`
      SELECT c.id, c.owner_id, m.orders_180d, m.complaints
      FROM customers c JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND m.order_count > 0
      ORDER BY c.id`);

    const rows: (typeof npsSurveys.$inferInsert)[] = [];
    const latest = new Map<string, { score: number; at: string }>();
    for (const b of buyers) {
      if (!chance(rng, 0.25)) continue;
      const links = chance(rng, 0.3) ? 2 : 1;
      for (let i = 0; i < links; i++) {
        // Sent 5–360 days ago; answered within a few days, or never (expired or still open).
        const sentAt = asOf - rng.int(5, 360) * SECONDS_PER_DAY - rng.int(0, 8 * 3600);
        const answered = chance(rng, 0.68);
        const respondedAt = answered ? sentAt + rng.int(600, 4 * SECONDS_PER_DAY) : null;
        const score = answered ? demoScore(rng, Number(b.orders_180d) > 0, Number(b.complaints)) : null;
        const token = createHash('sha256').update(`${opts.seed}:${b.id}:${i}:${rng.next()}`).digest('hex');
        rows.push({
          workspaceId,
          customerId: b.id,
          tokenHash: createHash('sha256').update(token).digest('hex'),
          channel: rng.pick(CHANNELS),
          createdBy: b.owner_id,
          createdAt: isoAt(sentAt),
          expiresAt: isoAt(sentAt + 14 * SECONDS_PER_DAY),
          respondedAt: respondedAt === null ? null : isoAt(respondedAt),
          score,
          comment: score === null ? null : commentFor(rng, score),
        });
        if (score !== null && respondedAt !== null) {
          const at = isoAt(respondedAt);
          const prev = latest.get(b.id);
          if (!prev || prev.at < at) latest.set(b.id, { score, at });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 500) await tx.insert(npsSurveys).values(rows.slice(i, i + 500));
    const answers = [...latest];
    for (let i = 0; i < answers.length; i += 500) {
      const chunk = answers.slice(i, i + 500);
      await tx.execute(sql`
        UPDATE customer_metrics m SET nps_score = v.score, nps_at = v.at
        FROM (VALUES ${sql.join(
          chunk.map(([id, a]) => sql`(${id}::uuid, ${a.score}::int, ${a.at}::timestamptz)`),
          sql`, `,
        )}) AS v(id, score, at)
        WHERE m.workspace_id = ${workspaceId} AND m.customer_id = v.id`);
    }
    return { npsSurveys: rows.length };
  });
}
