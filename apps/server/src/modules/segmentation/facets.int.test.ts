import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { compileRule, FACETED_ATTRIBUTES, withoutFacets, type FieldRegistry } from '@stratum/segmentation';
import { call, useTestApp } from '../../../test/harness.ts';
import { createWorld, CUSTOMERS } from '../../../test/customer-fixtures.ts';
import { chunksToSql } from '../../db/raw.ts';
import { loadDemo } from '../../db/seed/demo.ts';
import { registryFor, workspaceRules } from './workspace-rules.ts';

/**
 * customer_facets serves every equality test on a customer's categorical fields, tiers and tags from
 * one GIN index. It is a copy kept by triggers (on customers for the fields, on customer_metrics for
 * tiers and tags), so each faceted condition must select exactly what the same condition on the field
 * itself selects.
 */
describe('facets', () => {
  const t = useTestApp();

  const facetsOf = async (customerId: string) => {
    const { rows } = await t.db.execute<{ attrs: string[]; placed: string[] }>(sql`
      SELECT attrs, placed FROM customer_facets WHERE customer_id = ${customerId}`);
    return rows[0];
  };

  it('follow the customer from its insert through every edit, in one statement or many', async () => {
    const w = await createWorld(t);
    const admin = await w.as('admin');
    const made = await call(t.app, admin, 'POST', CUSTOMERS, {
      name: '杭州青禾',
      kind: 'company',
      industry: '零售',
      province: '浙江',
      city: '杭州',
      sizeBand: '10-49',
      source: 'wechat',
      status: 'active',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    expect((await facetsOf(id))!.attrs).toEqual([
      'kind:company',
      'industry:零售',
      'province:浙江',
      'city:杭州',
      'size_band:10-49',
      'source:wechat',
      'status:active',
    ]);

    const moved = await call(t.app, admin, 'PATCH', `${CUSTOMERS}/${id}`, {
      version: made.json().version,
      province: '江苏',
      city: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await facetsOf(id))!;
    expect(after.attrs.filter((f) => /^(province|city):/.test(f))).toEqual(['province:江苏']);

    // Tags (and tiers) reach `placed` through the customer's metrics row.
    const groups = (await call(t.app, admin, 'GET', '/api/v1/tag-groups')).json().items as { id: string }[];
    const made2 = await call(t.app, admin, 'POST', '/api/v1/tags', { groupId: groups[0]!.id, name: '重点' });
    expect(made2.statusCode, made2.body).toBe(201);
    const tag = made2.json().id as string;
    const tagged = await call(t.app, admin, 'POST', '/api/v1/customers/tags', {
      customerIds: [id],
      add: [tag],
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect((await facetsOf(id))!.placed).toContain(tag);
    await call(t.app, admin, 'POST', '/api/v1/customers/tags', { customerIds: [id], remove: [tag] });
    expect((await facetsOf(id))!.placed).not.toContain(tag);

    // A statement over many customers (as an import's update or a bulk edit) keeps each one's facets.
    const second = await call(t.app, admin, 'POST', CUSTOMERS, { name: '宁波海港', province: '浙江' });
    await t.db.execute(sql`UPDATE customers SET industry = 'industry ' || name
      WHERE workspace_id = ${w.org.workspaceId}`);
    expect((await facetsOf(id))!.attrs).toContain('industry:industry 杭州青禾');
    expect((await facetsOf(second.json().id))!.attrs).toContain('industry:industry 宁波海港');
  });

  it('select what the fields themselves select, for every faceted field and operator', async () => {
    const demo = await loadDemo(t.db, {
      seed: 3,
      password: 'demo-pass-1',
      customers: 400,
      asOf: '2026-03-15',
    });
    const ws = demo.workspaceId;
    const rules = await workspaceRules(t.db, ws);
    const registry = registryFor(rules, { kind: 'segment' });
    const faceted = registry.list().filter((f) => f.facet);
    expect(faceted.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        ...FACETED_ATTRIBUTES,
        'tags',
        'tier.rfm',
        'tier.value',
        'tier.lifecycle',
        'tier.churn_risk',
      ]),
    );
    const plain = withoutFacets(registry);
    // Every customer's row holds what its fields, tiers and tags say (the demo was placed set-wise).
    const { rows: off } = await t.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM customers c
      LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      LEFT JOIN customer_facets f ON f.workspace_id = c.workspace_id AND f.customer_id = c.id
      WHERE c.workspace_id = ${ws} AND (f.customer_id IS NULL
        OR f.attrs IS DISTINCT FROM stratum_customer_facets(c.kind, c.industry, c.province, c.city,
          c.size_band, c.source, c.status)
        OR f.placed IS DISTINCT FROM COALESCE(stratum_placed_facets(m.tiers, m.tag_ids), '{}'))`);
    expect(off[0]!.n).toBe(0);

    const matches = async (reg: FieldRegistry, rule: unknown) => {
      const where = chunksToSql(
        compileRule(rule, { registry: reg, asOf: '2026-03-15', timeZone: 'Asia/Shanghai' }),
      );
      const { rows } = await t.db.execute<{ id: string }>(sql`
        SELECT c.id FROM customers c
        LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
        WHERE c.workspace_id = ${ws} AND ${where} ORDER BY c.id`);
      return rows.map((r) => String(r.id));
    };

    let compared = 0;
    for (const field of faceted) {
      // The values the demo customers hold (or the field's options), most frequent first.
      const { rows } = await t.db.execute<{ v: string; n: number }>(sql`
        SELECT v, count(*)::int AS n FROM customers c
        LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id,
        LATERAL unnest(${sql.raw(field.type === 'multi_enum' ? field.sql : `ARRAY[${field.sql}]`)}::text[]) v
        WHERE c.workspace_id = ${ws} AND v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT 3`);
      const held = rows.map((r) => String(r.v));
      expect(held.length, `${field.key} has values in the demo`).toBeGreaterThan(0);
      const ops = field.type === 'multi_enum' ? ['has_all', 'has_any'] : ['eq', 'in'];
      for (const op of ops) {
        for (const value of op === 'eq' ? held : [held, held.slice(0, 1), held.slice(1, 3)]) {
          for (const rule of [{ field: field.key, op, value }, { not: { field: field.key, op, value } }]) {
            const want = await matches(plain, rule);
            expect(await matches(registry, rule), JSON.stringify(rule)).toEqual(want);
            compared++;
          }
        }
      }
      // The comparisons are not all of empty sets: the most frequent value selects someone.
      const first = { field: field.key, op: ops[0], value: ops[0] === 'eq' ? held[0] : held.slice(0, 1) };
      expect(await matches(registry, first), field.key).not.toHaveLength(0);
    }
    expect(compared).toBeGreaterThan(60);
  });
});
