import { describe, expect, it } from 'vitest';
import { call, login, useTestApp } from '../../../test/harness.ts';
import { createOrg, PASSWORD } from '../../../test/fixtures.ts';
import { customers, orders } from '../../db/schema.ts';

describe('RFM dashboard API', () => {
  const t = useTestApp();

  it('summarises the classes over the customers the caller may see, with workspace-wide cut points', async () => {
    const org = await createOrg(t.db);
    const owners = [org.repA.id, org.repA.id, org.repB.id, null, org.repA2.id, org.repB.id];
    let n = 0;
    for (const [i, ownerId] of owners.entries()) {
      const [c] = await t.db
        .insert(customers)
        .values({ workspaceId: org.workspaceId, name: `客户${i}`, ownerId })
        .returning();
      for (let k = 0; k <= i; k++) {
        await t.db.insert(orders).values({
          workspaceId: org.workspaceId,
          customerId: c!.id,
          orderNo: `SO-${++n}`,
          orderedAt: `2026-02-${String(1 + i * 4).padStart(2, '0')}T10:00:00+08:00`,
          status: 'completed',
          amount: `${(i + 1) * 100}.00`,
        });
      }
    }
    // One customer without counted orders.
    await t.db
      .insert(customers)
      .values({ workspaceId: org.workspaceId, name: '未成交', ownerId: org.repA.id });

    const admin = await login(t.app, org.admin.email, PASSWORD);
    const all = (await call(t.app, admin, 'GET', '/api/v1/segmentation/rfm?asOf=2026-03-01')).json();
    expect(all).toMatchObject({ asOf: '2026-03-01', timeZone: 'Asia/Shanghai', scored: 6, unscored: 1 });
    expect(all.classes).toHaveLength(8);
    expect(all.classes.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(6);
    expect(all.heatmap.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(6);
    expect(all.classes.reduce((s: number, c: { revenueShare: number }) => s + c.revenueShare, 0)).toBeCloseTo(
      1,
      3,
    );
    // 100×1 + 200×2 + 300×3 + 400×4 + 500×5 + 600×6
    expect(all.revenue).toBe('9100.00');
    expect(all.classes[0]).toMatchObject({ key: 'important_value', label: '重要价值客户' });

    // A rep: own customers (100 + 400) and the pool (1600) only; the cut points stay the workspace's.
    const rep = await login(t.app, org.repA.email, PASSWORD);
    const mine = (
      await call(t.app, { ...rep, lang: 'en' }, 'GET', '/api/v1/segmentation/rfm?asOf=2026-03-01')
    ).json();
    expect(mine).toMatchObject({ scored: 3, unscored: 1, revenue: String(100 + 400 + 1600) + '.00' });
    expect(mine.cuts).toEqual(all.cuts);
    expect(mine.classes[0].label).toBe('Important value');

    expect((await call(t.app, rep, 'GET', '/api/v1/segmentation/rfm?asOf=2026-02-30')).statusCode).toBe(400);
  });
});
