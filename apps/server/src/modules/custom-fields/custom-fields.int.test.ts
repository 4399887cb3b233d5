import type { CustomField } from '@stratum/contracts';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import {
  auditOf,
  createCustomer,
  CUSTOMERS,
  expectError,
  expectIssue,
  getCustomer,
  list,
  useWorld,
} from '../../../test/customer-fixtures.ts';

const FIELDS = '/api/v1/custom-fields';

describe('custom fields', () => {
  const t = useTestApp();
  const w = useWorld(t);

  it('only admins define, change and delete them; everyone reads them', async () => {
    const admin = await w.as('admin');
    const body = {
      key: 'level',
      type: 'single_select',
      labelZh: '客户等级',
      labelEn: 'Level',
      options: ['A', 'B'],
    };
    for (const who of ['managerA', 'repA'] as const) {
      expectError(await call(t.app, await w.as(who), 'POST', FIELDS, body), 403, 'FORBIDDEN');
    }
    const res = await call(t.app, admin, 'POST', FIELDS, body);
    expect(res.statusCode, res.body).toBe(201);
    const field = res.json() as CustomField;
    expect(field).toMatchObject({ ...body, required: false, position: 0, version: 1 });
    for (const who of ['managerA', 'repA'] as const) {
      const s = await w.as(who);
      expect((await call(t.app, s, 'GET', FIELDS)).json().items).toEqual([field]);
      expectError(
        await call(t.app, s, 'PATCH', `${FIELDS}/${field.id}`, { version: 1, labelZh: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectError(await call(t.app, s, 'DELETE', `${FIELDS}/${field.id}`), 403, 'FORBIDDEN');
    }
    const fields = (await call(t.app, await w.as('repA'), 'GET', `${CUSTOMERS}/fields`)).json().items;
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'cf.level', group: 'custom', label: '客户等级', options: ['A', 'B'] }),
      ]),
    );

    const edit = await call(t.app, admin, 'PATCH', `${FIELDS}/${field.id}`, {
      version: 1,
      labelEn: 'Tier',
      options: ['A', 'B', 'C'],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ labelEn: 'Tier', options: ['A', 'B', 'C'], version: 2 });
    const stale = await call(t.app, admin, 'PATCH', `${FIELDS}/${field.id}`, { version: 1, labelEn: 'Old' });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ labelEn: 'Tier', version: 2 });
    expectIssue(
      await call(t.app, admin, 'PATCH', `${FIELDS}/${field.id}`, { version: 2, type: 'text' }),
      'type',
    );
    expectIssue(
      await call(t.app, admin, 'PATCH', `${FIELDS}/${field.id}`, { version: 2, key: 'tier' }),
      'key',
    );

    const audit = await auditOf(t.app, admin, 'custom_field', field.id);
    expect(audit.map((a) => a.action)).toEqual(['custom_field.update', 'custom_field.create']);
  });

  it('checks keys, types and options; select types need options', async () => {
    const admin = await w.as('admin');
    const post = (body: Record<string, unknown>) =>
      call(t.app, admin, 'POST', FIELDS, { labelZh: '字段', labelEn: 'Field', ...body });
    for (const type of ['single_select', 'multi_select']) {
      expectIssue(await post({ key: 'sel', type }), 'options', 'required');
      expectIssue(await post({ key: 'sel', type, options: [] }), 'options', 'required');
    }
    expectIssue(await post({ key: 'Level', type: 'text' }), 'key');
    expectIssue(await post({ key: '1st', type: 'text' }), 'key');
    expectIssue(await post({ key: 'ok', type: 'boolean' }), 'type');
    expectIssue(await post({ key: 'ok', type: 'text', entity: 'order' }), 'entity');
    expectIssue(await post({ key: 'ok', type: 'text', labelEn: '' }), 'labelEn');
    const text = await post({ key: 'memo', type: 'text', options: ['ignored'] });
    expect(text.statusCode, text.body).toBe(201);
    expect(text.json().options).toEqual([]);
    expectIssue(await post({ key: 'memo', type: 'number' }), 'key', 'duplicate');
    const sel = (await post({ key: 'tier', type: 'single_select', options: ['A'] })).json();
    expectIssue(
      await call(t.app, admin, 'PATCH', `${FIELDS}/${sel.id}`, { version: 1, options: [] }),
      'options',
      'required',
    );
    expect(
      (await call(t.app, admin, 'GET', FIELDS))
        .json()
        .items.map((f: CustomField) => f.key)
        .sort(),
    ).toEqual(['memo', 'tier']);
  });

  it('deleting a field removes its values from every customer, the recycle bin included', async () => {
    const admin = await w.as('admin');
    const post = async (body: Record<string, unknown>) => {
      const res = await call(t.app, admin, 'POST', FIELDS, { labelZh: '字段', labelEn: 'Field', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as CustomField;
    };
    const level = await post({ key: 'level', type: 'single_select', options: ['A', 'B'] });
    await post({ key: 'staff', type: 'number' });
    const a = await createCustomer(t.app, admin, { name: '甲', customFields: { level: 'A', staff: 10 } });
    const b = await createCustomer(t.app, admin, { name: '乙', customFields: { level: 'B' } });
    expect((await call(t.app, admin, 'DELETE', `${CUSTOMERS}/${b.id}`)).statusCode).toBe(204);

    const del = await call(t.app, admin, 'DELETE', `${FIELDS}/${level.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expectError(await call(t.app, admin, 'DELETE', `${FIELDS}/${level.id}`), 404, 'NOT_FOUND');
    expect((await getCustomer(t.app, admin, a.id)).customFields).toEqual({ staff: 10 });
    expect((await call(t.app, admin, 'POST', `${CUSTOMERS}/${b.id}/restore`)).json().customFields).toEqual(
      {},
    );
    // The key is free again and is unknown until defined anew.
    expectIssue(
      await call(t.app, admin, 'PATCH', `${CUSTOMERS}/${a.id}`, {
        version: a.version,
        customFields: { level: 'A' },
      }),
      'customFields.level',
      'unknown_field',
    );
    const filter = encodeURIComponent(JSON.stringify({ field: 'cf.level', op: 'eq', value: 'A' }));
    expectIssue(
      await call(t.app, admin, 'GET', `${CUSTOMERS}?filter=${filter}`),
      'filter.field',
      'invalid_rule',
    );
    expect((await list(t.app, admin, CUSTOMERS)).total).toBe(2);
    const audit = await auditOf(t.app, admin, 'custom_field', level.id);
    expect(audit[0]).toMatchObject({ action: 'custom_field.delete', before: { key: 'level' }, after: null });
  });
});
