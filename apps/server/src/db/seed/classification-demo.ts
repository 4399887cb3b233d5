// The demo company's classification: rule tags and a hand-applied one, dynamic and static segments,
// and a quarter of history — everyone placed as of 91 days ago and frozen in a snapshot (the last
// quarterly review), then placed as of today, so the migration view, tier history and the dashboards
// have something to show.
import { sql } from 'drizzle-orm';
import type { Rule } from '@stratum/segmentation';
import type { Db } from '../client.ts';
import { segments, tags } from '../schema.ts';
import { placeCustomers, recomputeWorkspace } from '../../modules/segmentation/placement.ts';
import { quarterLabel, takeSnapshot } from '../../modules/segmentation/snapshots.service.ts';
import { workspaceTimeZone } from '../../modules/workspaces/workspaces.repository.ts';

export interface ClassificationDemoCounts {
  tags: number;
  segments: number;
  snapshots: number;
}

const c = (field: string, op: string, value?: unknown): Rule => ({ field, op, value }) as Rule;

/** Day arithmetic on YYYY-MM-DD. */
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function loadClassificationDemo(
  db: Db,
  workspaceId: string,
  opts: { asOf: string; seed: number },
): Promise<ClassificationDemoCounts> {
  return db.transaction(async (tx) => {
    const groups = await tx.execute<{ id: string; name_zh: string }>(
      sql`SELECT id, name_zh FROM tag_groups WHERE workspace_id = ${workspaceId}`,
    );
    const group = (zh: string) => groups.rows.find((g) => g.name_zh === zh)?.id;
    const tagRows: { group: string | undefined; name: string; color: string; rule: Rule | null }[] = [
      { group: group('价值'), name: '复购客户', color: '#389e0d', rule: c('order_count', 'gte', 2) },
      { group: group('价值'), name: '高客单', color: '#d48806', rule: c('avg_order_value', 'gte', 2000) },
      {
        group: group('地区'),
        name: '华东',
        color: '#1677ff',
        rule: c('province', 'in', ['上海', '浙江', '江苏', '安徽']),
      },
      { group: group('合作状态'), name: '新签约', color: '#13c2c2', rule: c('tenure_days', 'lte', 90) },
      { group: group('合作状态'), name: '长期合作', color: '#722ed1', rule: c('tenure_days', 'gt', 365) },
      { group: group('自定义'), name: '重点跟进', color: '#cf1322', rule: null },
    ];
    const made = new Map<string, string>();
    for (const [position, t] of tagRows.entries()) {
      if (!t.group) continue;
      const [row] = await tx
        .insert(tags)
        .values({ workspaceId, groupId: t.group, name: t.name, color: t.color, rule: t.rule, position })
        .onConflictDoNothing()
        .returning({ id: tags.id });
      if (row) made.set(t.name, row.id);
    }
    // A hand-applied tag on about one customer in twenty-five (the same ones for the same seed).
    const focus = made.get('重点跟进');
    if (focus)
      await tx.execute(sql`
        INSERT INTO customer_tags (workspace_id, customer_id, tag_id, source)
        SELECT workspace_id, id, ${focus}, 'manual' FROM customers
        WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND owner_id IS NOT NULL
          AND ('x' || substr(md5(id::text || ${String(opts.seed)}), 1, 6))::bit(24)::int % 25 = 0`);

    const east = made.get('华东');
    const dynamic: { name: string; description: string; rule: Rule }[] = [
      {
        name: '流失预警（高风险）',
        description: '流失风险为高的客户：负责人一周内回访',
        rule: c('tier.churn_risk', 'eq', 'high'),
      },
      {
        name: '沉睡大客户',
        description: '累计消费 2 万元以上、半年未下单',
        rule: { and: [c('total_spend', 'gte', 20000), c('recency_days', 'gt', 180)] },
      },
      ...(east
        ? [
            {
              name: '华东重要客户',
              description: '华东地区的重要价值与重要保持客户',
              rule: {
                and: [
                  c('tags', 'has_any', [east]),
                  c('tier.rfm', 'in', ['important_value', 'important_retain']),
                ],
              },
            },
          ]
        : []),
    ];
    let segmentCount = 0;
    for (const s of dynamic) {
      const [row] = await tx
        .insert(segments)
        .values({ workspaceId, name: s.name, description: s.description, kind: 'dynamic', rule: s.rule })
        .onConflictDoNothing()
        .returning({ id: segments.id });
      if (row) segmentCount++;
    }

    // The last quarterly review, 91 days ago: everyone placed as of then, and frozen.
    const past = addDays(opts.asOf, -91);
    const pastAt = `${past}T02:00:00.000Z`;
    await placeCustomers(tx, workspaceId, 'all', { asOf: past, recalibrate: true, at: pastAt });
    const snapshot = await takeSnapshot(tx, workspaceId, {
      label: `${quarterLabel(past)} 季度盘点`,
      trigger: 'scheduled',
      createdBy: null,
      asOf: past,
      at: pastAt,
    });
    // The snapshot froze today's lifetime spend; a review 91 days ago saw only the orders up to then,
    // so the migration matrix shows what each flow spent in between.
    const timeZone = await workspaceTimeZone(tx, workspaceId);
    await tx.execute(sql`
      UPDATE tier_snapshot_rows r SET total_spend = COALESCE((
        SELECT sum(o.amount) FROM orders o
        WHERE o.workspace_id = r.workspace_id AND o.customer_id = r.customer_id
          AND o.status IN ('paid', 'completed') AND o.amount > 0
          AND (o.ordered_at AT TIME ZONE ${timeZone}::text)::date <= ${past}::date), 0)
      WHERE r.workspace_id = ${workspaceId} AND r.snapshot_id = ${snapshot.id}`);
    // And today.
    await recomputeWorkspace(tx, workspaceId, { asOf: opts.asOf });

    // A hand-picked list: the 40 biggest spenders, invited to the annual customer event.
    const [invite] = await tx
      .insert(segments)
      .values({
        workspaceId,
        name: '年会邀约名单',
        description: '累计消费最高的 40 位客户',
        kind: 'static',
      })
      .onConflictDoNothing()
      .returning({ id: segments.id });
    if (invite) {
      segmentCount++;
      await tx.execute(sql`
        WITH ins AS (
          INSERT INTO segment_members (workspace_id, segment_id, customer_id)
          SELECT m.workspace_id, ${invite.id}, m.customer_id FROM customer_metrics m
          JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id AND c.deleted_at IS NULL
          WHERE m.workspace_id = ${workspaceId} ORDER BY m.total_spend DESC, m.customer_id LIMIT 40
          RETURNING customer_id
        )
        INSERT INTO segment_events (workspace_id, segment_id, customer_id, kind)
        SELECT ${workspaceId}::uuid, ${invite.id}::uuid, customer_id, 'entered' FROM ins`);
      await tx.execute(
        sql`UPDATE segments SET member_count = 40 WHERE workspace_id = ${workspaceId} AND id = ${invite.id}`,
      );
    }
    return { tags: made.size, segments: segmentCount, snapshots: 1 };
  });
}
