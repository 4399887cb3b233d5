import type { Product } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  auditOf,
  expectError,
  expectIssue,
  list,
  NO_SUCH_ID,
  useWorld,
} from '../../../test/customer-fixtures.ts';

const PRODUCTS = '/api/v1/products';

describe('products', () => {
  const t = useTestApp();
  const w = useWorld(t);
  const create = (s: Session, body: Record<string, unknown>) => call(t.app, s, 'POST', PRODUCTS, body);

  it('admins and managers add and edit products; everyone reads the catalogue; reps may not write', async () => {
    const admin = await w.as('admin');
    const manager = await w.as('managerB');
    const res = await create(admin, {
      sku: 'SKU-001',
      name: '螺丝 M6',
      category: '紧固件',
      unitPrice: '0.5',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Product;
    expect(p).toMatchObject({ sku: 'SKU-001', name: '螺丝 M6', unitPrice: '0.50', active: true, version: 1 });
    expect(p.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const byManager = await create(manager, { sku: 'SKU-002', name: '扳手' });
    expect(byManager.statusCode, byManager.body).toBe(201);
    expect(byManager.json()).toMatchObject({ unitPrice: null, category: null });

    for (const who of ['repA', 'repB', 'loneRep'] as const) {
      const rep = await w.as(who);
      const page = await list<Product>(t.app, rep, `${PRODUCTS}?sort=sku`);
      expect(page.items.map((x) => x.sku)).toEqual(['SKU-001', 'SKU-002']);
      expect((await call(t.app, rep, 'GET', `${PRODUCTS}/${p.id}`)).json()).toEqual(p);
      expectError(await create(rep, { sku: 'SKU-R', name: 'x' }), 403, 'FORBIDDEN');
      expectError(
        await call(t.app, rep, 'PATCH', `${PRODUCTS}/${p.id}`, { version: 1, unitPrice: '0.01' }),
        403,
        'FORBIDDEN',
      );
    }
    expectError(await call(t.app, null, 'GET', PRODUCTS), 401, 'UNAUTHENTICATED');
    expectError(await call(t.app, admin, 'GET', `${PRODUCTS}/${NO_SUCH_ID}`), 404, 'NOT_FOUND');

    const edit = await call(t.app, manager, 'PATCH', `${PRODUCTS}/${p.id}`, {
      version: 1,
      unitPrice: '0.55',
      active: false,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ unitPrice: '0.55', active: false, version: 2 });
    expect((await list<Product>(t.app, admin, `${PRODUCTS}?active=true`)).items.map((x) => x.sku)).toEqual([
      'SKU-002',
    ]);
    expect((await list<Product>(t.app, admin, `${PRODUCTS}?active=false`)).items.map((x) => x.sku)).toEqual([
      'SKU-001',
    ]);
    expect((await list<Product>(t.app, admin, `${PRODUCTS}?q=${encodeURIComponent('扳')}`)).total).toBe(1);

    const audit = await auditOf(t.app, admin, 'product', p.id);
    expect(audit.map((a) => a.action)).toEqual(['product.update', 'product.create']);
    expect(audit[0]).toMatchObject({
      actorId: w.org.managerB.id,
      before: { unitPrice: '0.50' },
      after: { unitPrice: '0.55' },
    });
  });

  it('refuses a duplicate SKU, invalid and unknown fields, and a stale version', async () => {
    const admin = await w.as('admin');
    const p = (await create(admin, { sku: 'SKU-1', name: '甲' })).json() as Product;
    expectIssue(await create(admin, { sku: 'SKU-1', name: '乙' }), 'sku', 'duplicate');
    for (const [body, path] of [
      [{ name: '丙' }, 'sku'],
      [{ sku: 'S', name: '' }, 'name'],
      [{ sku: 'S', name: '丙', unitPrice: '1.999' }, 'unitPrice'],
      [{ sku: 'S', name: '丙', active: 'yes' }, 'active'],
      [{ sku: 'S', name: '丙', workspaceId: NO_SUCH_ID }, 'workspaceId'],
      [{ sku: 'S', name: '丙', version: 2 }, 'version'],
    ] as const) {
      expectIssue(await create(admin, body), path);
    }
    const q = await create(admin, { sku: 'SKU-2', name: '丁' });
    expectIssue(
      await call(t.app, admin, 'PATCH', `${PRODUCTS}/${q.json().id}`, { version: 1, sku: 'SKU-1' }),
      'sku',
      'duplicate',
    );
    expect(
      (await call(t.app, admin, 'PATCH', `${PRODUCTS}/${p.id}`, { version: 1, name: '甲2' })).statusCode,
    ).toBe(200);
    const stale = await call(t.app, admin, 'PATCH', `${PRODUCTS}/${p.id}`, { version: 1, name: '甲3' });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ name: '甲2', version: 2 });
    expectIssue(await call(t.app, admin, 'GET', `${PRODUCTS}?sort=cost`), 'sort', 'invalid_sort');
    expect((await list(t.app, admin, PRODUCTS)).total).toBe(2);
  });
});
