import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, type Org, type OrgUser } from '../../../test/fixtures.ts';
import { useTestApp } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { gb18030 } from './gb18030.test-helper.ts';
import { importActor } from './imports.repository.ts';
import { importsService } from './imports.service.ts';
import type { ImportOptions } from './report.ts';

const dir = mkdtempSync(join(tmpdir(), 'stratum-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const csv = (text: string, encoding: 'utf8-bom' | 'gb18030' = 'utf8-bom') => {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, encoding === 'gb18030' ? gb18030(text) : Buffer.from(`\ufeff${text}`, 'utf8'));
  return p;
};
const xlsx = async (rows: unknown[][]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const r of rows) ws.addRow(r);
  const p = join(dir, `w${n++}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
};

describe('imports', () => {
  const t = useTestApp();
  let org: Org;
  const actors = new Map<string, Actor>();
  beforeEach(async () => {
    org = await createOrg(t.db);
    actors.clear();
  });
  const as = async (u: OrgUser) => {
    let a = actors.get(u.id);
    if (!a) {
      a = (await importActor(t.db, u.email))!;
      actors.set(u.id, a);
    }
    return a;
  };
  const run = async (u: OrgUser, opts: Omit<ImportOptions, 'lang'> & { lang?: 'zh' | 'en' }) =>
    importsService.run(t.db, { actor: await as(u), ip: null }, { lang: 'en', ...opts });
  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await t.db.execute<T>(query)).rows;

  it('imports customers from an xlsx with Chinese headers, owned by the importer, with one audit entry', async () => {
    const file = await xlsx([
      ['客户编号', '客户名称', '手机号', '省份', '客户状态', '备注'],
      ['K001', '上海星辰贸易', '13800000001', '上海', '活跃', null],
      ['K002', '杭州云帆', '13800000002', '浙江', null, '老客户'],
      [null, null, '13800000003', null, null, null], // no name
      ['K003', '坏状态', null, null, '不知道', null],
    ]);
    const r = await run(org.repA, { kind: 'customers', file });
    expect(r).toMatchObject({ inserted: 2, updated: 0, skipped: 0, failed: 2 });
    expect(r.errors).toEqual([
      { row: 4, field: 'name', code: 'REQUIRED', message: 'The required field "Name" is empty' },
      { row: 5, field: 'status', code: 'INVALID_STATUS', message: '"Status" is not a known status: 不知道' },
    ]);
    const rows = await q<{ external_id: string; owner_id: string; status: string; created_by: string }>(
      sql`SELECT external_id, owner_id, status, created_by FROM customers ORDER BY external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'K001', owner_id: org.repA.id, status: 'active', created_by: org.repA.id },
      { external_id: 'K002', owner_id: org.repA.id, status: 'potential', created_by: org.repA.id },
    ]);
    expect(await q(sql`SELECT count(*)::int AS n FROM customer_metrics`)).toEqual([{ n: 2 }]);
    // Imported customers are placed like any other: tiers in every scheme.
    expect(
      await q(sql`SELECT DISTINCT tiers->>'value' AS v, tiers->>'lifecycle' AS l FROM customer_metrics`),
    ).toEqual([{ v: 'C', l: 'prospect' }]);
    const audit = await q<{ entity_type: string; after: Record<string, unknown> }>(
      sql`SELECT entity_type, after FROM audit_log WHERE action = 'import'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ kind: 'customers', inserted: 2, failed: 2, rows: 4 });
  });

  it('reports an email the customer and contact APIs would refuse, row by row', async () => {
    const customers = await run(org.repA, {
      kind: 'customers',
      file: csv('external_id,name,email\nE1,甲公司,OK@x.cn\nE2,乙公司,bad-email\n'),
    });
    expect(customers).toMatchObject({ inserted: 1, failed: 1 });
    expect(customers.errors).toMatchObject([{ row: 3, field: 'email', code: 'INVALID_VALUE' }]);
    const contacts = await run(org.repA, {
      kind: 'contacts',
      file: csv('customer_external_id,name,email\nE1,王经理,wang@x.cn\nE1,李经理,li@\n'),
    });
    expect(contacts).toMatchObject({ inserted: 1, failed: 1 });
    expect(contacts.errors).toMatchObject([{ row: 3, field: 'email', code: 'INVALID_VALUE' }]);
  });

  it('applies skip, update and create to duplicates by external id, phone and email', async () => {
    const first = csv('external_id,name,phone,email\nK1,甲公司,,\n,乙公司,13900000000,\n,丙公司,,c@x.cn\n');
    expect(await run(org.admin, { kind: 'customers', file: first })).toMatchObject({
      inserted: 3,
      failed: 0,
    });

    const again = csv(
      '客户编号,客户名称,电话,邮箱,城市\nK1,甲公司（新）,,,北京\n,乙公司（新）,13900000000,,\n,丙公司（新）,,C@X.CN,\nK9,新公司,,,\nK9,重复,,,\n',
    );
    const skip = await run(org.admin, { kind: 'customers', file: again });
    expect(skip).toMatchObject({ inserted: 1, updated: 0, skipped: 3, failed: 1 });
    expect(skip.errors[0]).toMatchObject({ row: 6, field: 'external_id', code: 'DUPLICATE_IN_FILE' });

    const update = await run(org.admin, { kind: 'customers', file: again, onDuplicate: 'update' });
    expect(update).toMatchObject({ inserted: 0, updated: 4, skipped: 0, failed: 1 });
    const names = await q<{ name: string; city: string | null; version: number }>(
      sql`SELECT name, city, version FROM customers ORDER BY name`,
    );
    expect(names).toEqual([
      { name: '丙公司（新）', city: null, version: 2 },
      { name: '乙公司（新）', city: null, version: 2 },
      { name: '新公司', city: null, version: 2 },
      { name: '甲公司（新）', city: '北京', version: 2 },
    ]);

    const create = await run(org.admin, { kind: 'customers', file: again, onDuplicate: 'create' });
    // K1 and K9 exist (external ids are unique); phone and email matches are created again.
    expect(create).toMatchObject({ inserted: 2, updated: 0, skipped: 0, failed: 3 });
    expect(create.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'DUPLICATE'],
      [5, 'DUPLICATE'],
      [6, 'DUPLICATE_IN_FILE'],
    ]);
    expect(await q(sql`SELECT count(*)::int AS n FROM customers`)).toEqual([{ n: 6 }]);
  });

  it("respects data scope: a rep cannot update or add orders to another rep's customers", async () => {
    await run(org.repA, { kind: 'customers', file: csv('external_id,name\nA1,甲\n') });
    const r = await run(org.repB, {
      kind: 'customers',
      file: csv('external_id,name\nA1,改名\nB1,乙\n'),
      onDuplicate: 'update',
    });
    expect(r).toMatchObject({ inserted: 1, updated: 0, failed: 1 });
    expect(r.errors[0]).toMatchObject({ row: 2, code: 'NOT_YOUR_CUSTOMER', field: 'external_id' });
    const owners = await q<{ external_id: string; name: string; owner_id: string }>(
      sql`SELECT external_id, name, owner_id FROM customers ORDER BY external_id`,
    );
    expect(owners).toEqual([
      { external_id: 'A1', name: '甲', owner_id: org.repA.id },
      { external_id: 'B1', name: '乙', owner_id: org.repB.id },
    ]);
    const orders = await run(org.repB, {
      kind: 'orders',
      file: csv(
        'order_no,customer_external_id,ordered_at,amount\nO1,A1,2024-03-01,10\nO2,B1,2024-03-01,20\n',
      ),
    });
    expect(orders).toMatchObject({ inserted: 1, failed: 1 });
    expect(orders.errors[0]).toMatchObject({ row: 2, code: 'NOT_YOUR_CUSTOMER' });
    // The admin may.
    expect(
      await run(org.admin, {
        kind: 'orders',
        file: csv('order_no,customer_external_id,ordered_at,amount\nO1,A1,2024-03-01,10\n'),
      }),
    ).toMatchObject({ inserted: 1 });
  });

  const linesFile = () =>
    csv(
      [
        '订单号,客户编号,下单时间,商品名称,数量,单价,订单状态',
        '1001,C1,2024/3/1 14:05,茶叶,2,"￥1,234.50",',
        '1001,C1,2024/3/1 14:05,茶具,3,0.335,',
        '1002,C2,2024年3月2日,茶叶,1,100,',
        'C1003,C1,2024-03-03,茶叶,-1,"1,234.50",',
        '1004,,2024-03-04,茶叶,5,10,', // a guest line
        '1005,C2,2024-03-05,茶叶,1,50,已退款',
        '1006,C2,2024-03-06,茶叶,1,50,已付款',
        '1006,C2,2024-03-06,茶叶,坏,50,', // a bad line fails the whole order
      ].join('\r\n') + '\r\n',
      'gb18030',
    );

  it('imports orders at line level from a GB18030 CSV: lines grouped, cancellations, guests reported', async () => {
    const r = await run(org.admin, {
      kind: 'orders',
      file: linesFile(),
      createCustomers: true,
      cancelPrefix: 'C',
      lang: 'zh',
    });
    expect(r).toMatchObject({ inserted: 5, updated: 0, skipped: 0, failed: 3 });
    expect(r.stats.orders).toEqual({ inserted: 4, updated: 0, skipped: 0, failed: 2, lines: 5 });
    expect(r.stats.customersCreated).toBe(2);
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [6, 'customer_external_id', 'NO_CUSTOMER'],
      [8, 'order_no', 'ORDER_INCOMPLETE'],
      [9, 'quantity', 'INVALID_QUANTITY'],
    ]);
    expect(r.errors[0]!.message).toBe('该行没有客户（客户编号为空），未导入');

    const orders = await q<{
      order_no: string;
      status: string;
      amount: string;
      ordered_at: string;
      lines: number;
    }>(sql`
      SELECT o.order_no, o.status, o.amount::text AS amount, to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS ordered_at,
        (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines
      FROM orders o ORDER BY o.order_no`);
    expect(orders).toEqual([
      // 2 × 1234.50 + round(3 × 0.34) = 2469.00 + 1.02 (0.335 is rounded to the cent first)
      { order_no: '1001', status: 'completed', amount: '2470.02', ordered_at: '2024-03-01 06:05', lines: 2 },
      { order_no: '1002', status: 'completed', amount: '100.00', ordered_at: '2024-03-01 16:00', lines: 1 },
      { order_no: '1005', status: 'refunded', amount: '50.00', ordered_at: '2024-03-04 16:00', lines: 1 },
      {
        order_no: 'C1003',
        status: 'cancelled',
        amount: '-1234.50',
        ordered_at: '2024-03-02 16:00',
        lines: 1,
      },
    ]);
    const [mismatch] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders o
      WHERE o.amount <> (SELECT sum(amount) FROM order_lines l WHERE l.order_id = o.id)`);
    expect(mismatch!.n).toBe(0);
    const metrics = await q<{ external_id: string; order_count: number; total_spend: string }>(sql`
      SELECT c.external_id, m.order_count, m.total_spend::text AS total_spend
      FROM customer_metrics m JOIN customers c ON c.id = m.customer_id ORDER BY c.external_id`);
    expect(metrics).toEqual([
      { external_id: 'C1', order_count: 1, total_spend: '2470.02' },
      { external_id: 'C2', order_count: 1, total_spend: '100.00' },
    ]);

    // Re-running the same file changes nothing.
    const again = await run(org.admin, {
      kind: 'orders',
      file: linesFile(),
      createCustomers: true,
      cancelPrefix: 'C',
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: 5, failed: 3 });
    expect(await q(sql`SELECT count(*)::int AS n FROM order_lines`)).toEqual([{ n: 5 }]);
    expect(await q(sql`SELECT count(*)::int AS n FROM customers`)).toEqual([{ n: 2 }]);

    // update replaces the lines.
    const upd = await run(org.admin, {
      kind: 'orders',
      file: csv('order_no,customer_external_id,ordered_at,quantity,unit_price\n1001,C1,2024-03-01,1,9.99\n'),
      onDuplicate: 'update',
    });
    expect(upd).toMatchObject({ updated: 1, failed: 0 });
    expect(await q(sql`SELECT amount::text AS a, version FROM orders WHERE order_no = '1001'`)).toEqual([
      { a: '9.99', version: 2 },
    ]);
    expect(await q(sql`SELECT count(*)::int AS n FROM order_lines`)).toEqual([{ n: 4 }]);
  });

  it('reports unknown customers unless asked to create them', async () => {
    const r = await run(org.admin, {
      kind: 'orders',
      file: csv('order_no,customer_external_id,ordered_at,amount\nX1,NOPE,45352,"1,000"\n'),
    });
    expect(r).toMatchObject({ inserted: 0, failed: 1 });
    expect(r.errors[0]).toMatchObject({ row: 2, code: 'CUSTOMER_NOT_FOUND', field: 'customer_external_id' });
    expect(await q(sql`SELECT count(*)::int AS n FROM customers`)).toEqual([{ n: 0 }]);
  });

  it('rolls everything back when the database refuses a write mid-import', async () => {
    await run(org.admin, { kind: 'customers', file: csv('external_id,name\nOLD,旧客户\n') });
    const before = await q(sql`SELECT count(*)::int AS n FROM audit_log`);
    const file = csv(
      'order_no,customer_external_id,ordered_at,quantity,unit_price\nN1,NEW1,2024-01-01,1,5\nN2,NEW2,2024-01-01,1,5\n',
    );
    await expect(
      run(org.admin, {
        kind: 'orders',
        file,
        createCustomers: true,
        // After the customers are created, another writer takes order number N2: the insert violates
        // orders_order_no_key.
        beforeStage: async (db, stage) => {
          if (stage !== 'orders') return;
          await db.execute(sql`INSERT INTO orders (workspace_id, customer_id, order_no, ordered_at, status, amount)
            SELECT workspace_id, id, 'N2', now(), 'paid', 1 FROM customers WHERE external_id = 'OLD'`);
        },
      }),
    ).rejects.toThrow();
    expect(await q(sql`SELECT external_id FROM customers`)).toEqual([{ external_id: 'OLD' }]);
    expect(await q(sql`SELECT count(*)::int AS n FROM orders`)).toEqual([{ n: 0 }]);
    expect(await q(sql`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
  });

  it('a file that turns out unreadable after thousands of staged rows writes nothing', async () => {
    const lines = Array.from({ length: 6_000 }, (_, i) => `N${i},K${i % 50},2024-01-01,1,5`);
    const file = csv(
      `order_no,customer_external_id,ordered_at,quantity,unit_price\n${lines.join('\n')}\nBAD,K1,2024-01-01,1,${'9'.repeat(40_000)}\n`,
    );
    await expect(run(org.admin, { kind: 'orders', file, createCustomers: true })).rejects.toMatchObject({
      code: 'CELL_TOO_LARGE',
      params: { row: 6_002, column: 5 },
    });
    for (const table of ['customers', 'orders', 'order_lines', 'audit_log']) {
      expect(await q(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)).toEqual([{ n: 0 }]);
    }
    // The staging tables went with the rolled-back transaction: the next import on the same connection works.
    const ok = await run(org.admin, {
      kind: 'orders',
      file: csv('order_no,customer_external_id,ordered_at,quantity,unit_price\nN1,K1,2024-01-01,2,5\n'),
      createCustomers: true,
    });
    expect(ok).toMatchObject({ inserted: 1, failed: 0, stats: { orders: { inserted: 1, lines: 1 } } });
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const r = await run(org.admin, {
      kind: 'orders',
      file: linesFile(),
      createCustomers: true,
      cancelPrefix: 'C',
      dryRun: true,
    });
    expect(r).toMatchObject({ inserted: 5, failed: 3, stats: { dryRun: true, customersCreated: 2 } });
    for (const table of ['customers', 'orders', 'order_lines', 'audit_log']) {
      expect(await q(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)).toEqual([{ n: 0 }]);
    }
  });

  it('imports contacts and follow-ups, skipping them on a re-run', async () => {
    await run(org.repA, { kind: 'customers', file: csv('external_id,name\nA1,甲\n') });
    const contacts = csv(
      '客户编号,联系人,手机,职位,决策人\nA1,张经理,13700000000,采购经理,是\nA1,李助理,,助理,否\nZZ,王,,,\n',
    );
    expect(await run(org.repA, { kind: 'contacts', file: contacts })).toMatchObject({
      inserted: 2,
      failed: 1,
    });
    expect(await run(org.repA, { kind: 'contacts', file: contacts })).toMatchObject({
      inserted: 1,
      skipped: 1,
      failed: 1,
    });
    const followups = csv(
      '客户编号,跟进方式,跟进内容,跟进时间,下次跟进\nA1,电话,聊了新品,2024-03-01 10:00,2024/3/8\nA1,传真,?,2024-03-01,\n',
    );
    expect(await run(org.repA, { kind: 'followups', file: followups })).toMatchObject({
      inserted: 1,
      failed: 1,
    });
    expect(await run(org.repA, { kind: 'followups', file: followups })).toMatchObject({
      inserted: 0,
      skipped: 1,
      failed: 1,
    });
    expect(
      await q(sql`SELECT last_followup_type AS t, next_followup_on::text AS d FROM customer_metrics`),
    ).toEqual([{ t: 'call', d: '2024-03-08' }]);
  });

  it('matches contacts and follow-ups to their customer by external id, else phone, else email', async () => {
    await run(org.repA, {
      kind: 'customers',
      file: csv('external_id,name,phone,email\nA1,甲,13800000001,jia@x.cn\n,乙,13800000002,YI@X.CN\n'),
    });
    await run(org.repB, { kind: 'customers', file: csv('name,phone\n丙,13800000003\n') });
    const contacts = csv(
      [
        '客户编号,客户电话,客户邮箱,联系人,电话',
        'A1,13800000002,,张（编号优先）,13900000001', // the external id wins over the phone
        ',13800000002,,李（电话）,13900000002',
        ',,Yi@X.cn,王（邮箱，不分大小写）,13900000003',
        ',13899999999,jia@x.cn,赵（电话不中，不再试邮箱）,13900000004',
        ',13800000003,,钱（别人的客户）,13900000005',
        ',,,孙（没有客户）,13900000006',
      ].join('\n') + '\n',
    );
    const r = await run(org.repA, { kind: 'contacts', file: contacts });
    expect(r).toMatchObject({ inserted: 3, failed: 3 });
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [5, 'customer_phone', 'CUSTOMER_NOT_MATCHED'],
      [6, 'customer_phone', 'NOT_YOUR_CUSTOMER'],
      [7, 'customer_external_id', 'NO_CUSTOMER'],
    ]);
    expect(r.errors[0]!.message).toBe('No customer with "Customer phone" = 13899999999');
    const rows = await q<{ customer: string; contact: string }>(sql`
      SELECT c.name AS customer, t.name AS contact FROM contacts t JOIN customers c ON c.id = t.customer_id
      ORDER BY t.phone`);
    expect(rows).toEqual([
      { customer: '甲', contact: '张（编号优先）' },
      { customer: '乙', contact: '李（电话）' },
      { customer: '乙', contact: '王（邮箱，不分大小写）' },
    ]);

    const followups = csv(
      '客户邮箱,跟进方式,跟进内容,跟进时间\nJIA@x.cn,电话,按邮箱找到客户,2024-03-01 10:00\nnobody@x.cn,电话,?,2024-03-01\n',
    );
    const f = await run(org.repA, { kind: 'followups', file: followups, lang: 'zh' });
    expect(f).toMatchObject({ inserted: 1, failed: 1 });
    expect(f.errors[0]).toMatchObject({
      row: 3,
      field: 'customer_email',
      code: 'CUSTOMER_NOT_MATCHED',
      message: '找不到「客户邮箱」为 nobody@x.cn 的客户',
    });
    expect(await q(sql`SELECT c.name FROM followups f JOIN customers c ON c.id = f.customer_id`)).toEqual([
      { name: '甲' },
    ]);
    expect(await run(org.repA, { kind: 'followups', file: followups })).toMatchObject({
      inserted: 0,
      skipped: 1,
    });
  });

  // More rows than a staging batch (stage.ts: 5,000), so every check below spans batches.
  const BIG = 6_200;

  it('streams a customers file through its staging table: duplicates across batches, errors in row order, policies, scope', async () => {
    // Past 10,000 new customers the import places the whole workspace in one pass (PLACE_BY_ID_LIMIT);
    // the later update of two places those two by id: both paths are checked.
    const N = 10_200;
    const lines = ['客户编号,客户名称,手机,邮箱,客户状态'];
    for (let i = 0; i < N; i++) {
      const row = i + 2;
      if (row === 3_000) lines.push(',按手机,13600000001,,');
      else if (row === 3_001) lines.push(',按邮箱,,Mail@X.cn,');
      else if (row === 4_000)
        lines.push(',,13600000002,,'); // no name
      else if (row === 5_500)
        lines.push('K00010,又是K10,,,'); // the key of row 12, one batch later
      else if (row === 6_100)
        lines.push(',又按手机,13600000001,,'); // the phone of row 3,000
      else if (row === 6_150) lines.push('K06150,坏状态,,,不知道');
      else lines.push(`K${String(i).padStart(5, '0')},客户${i},,,`);
    }
    const file = csv(lines.join('\n') + '\n');
    const first = await run(org.repA, { kind: 'customers', file });
    const failedRows = [4_000, 5_500, 6_100, 6_150];
    expect(first).toMatchObject({ inserted: N - 4, updated: 0, skipped: 0, failed: 4 });
    expect(first.stats.customersCreated).toBe(N - 4);
    expect(first.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4_000, 'name', 'REQUIRED'],
      [5_500, 'external_id', 'DUPLICATE_IN_FILE'],
      [6_100, 'phone', 'DUPLICATE_IN_FILE'],
      [6_150, 'status', 'INVALID_STATUS'],
    ]);
    expect(first.errors[1]!.message).toBe('Duplicates row 12 of the file (External ID = K00010)');
    const count = async (where = sql`true`) =>
      (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers WHERE ${where}`))[0]!.n;
    expect(await count()).toBe(N - 4);
    expect(await count(sql`owner_id = ${org.repA.id} AND created_by = ${org.repA.id}`)).toBe(N - 4);
    expect(await q(sql`SELECT email FROM customers WHERE name = '按邮箱'`)).toEqual([{ email: 'mail@x.cn' }]);
    // Placed like any other write: a metrics row and tiers for each.
    expect(
      await q(sql`SELECT count(*)::int AS n FROM customer_metrics WHERE tiers->>'lifecycle' = 'prospect'`),
    ).toEqual([{ n: N - 4 }]);

    // Re-running skips every accepted row and writes nothing.
    const again = await run(org.repA, { kind: 'customers', file });
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: N - 4, failed: 4 });
    expect(again.errors.map((e) => e.row)).toEqual(failedRows);
    expect(await count()).toBe(N - 4);

    // Another rep may not update repA's customers: every matched row fails, on its key's column.
    const other = await run(org.repB, { kind: 'customers', file, onDuplicate: 'update' });
    expect(other).toMatchObject({ inserted: 0, updated: 0, skipped: 0, failed: N });
    expect(other.errors.filter((e) => e.code === 'NOT_YOUR_CUSTOMER')).toHaveLength(N - 4);
    expect(other.errors.find((e) => e.row === 3_001)).toMatchObject({
      field: 'email',
      code: 'NOT_YOUR_CUSTOMER',
    });
    expect(await count(sql`version > 1`)).toBe(0);

    // Their owner may; empty cells keep the stored value.
    const update = await run(org.repA, {
      kind: 'customers',
      file: csv('客户编号,客户名称,城市\nK00001,改名,\nK06199,,杭州\nK00002,新城,北京\n'),
      onDuplicate: 'update',
    });
    expect(update).toMatchObject({ inserted: 0, updated: 2, failed: 1 });
    expect(update.errors[0]).toMatchObject({ row: 3, code: 'REQUIRED' });
    expect(
      await q(
        sql`SELECT external_id, name, city, version FROM customers WHERE version > 1 ORDER BY external_id`,
      ),
    ).toEqual([
      { external_id: 'K00001', name: '改名', city: null, version: 2 },
      { external_id: 'K00002', name: '新城', city: '北京', version: 2 },
    ]);

    // A dry run reports exactly what `create` would do and writes nothing.
    const dry = await run(org.repA, { kind: 'customers', file, onDuplicate: 'create', dryRun: true });
    // External ids are unique (DUPLICATE); the phone and email rows are created again.
    expect(dry).toMatchObject({ inserted: 2, updated: 0, skipped: 0, failed: N - 2 });
    expect(dry.errors.filter((e) => e.code === 'DUPLICATE')).toHaveLength(N - 6);
    expect(await count()).toBe(N - 4);
  });

  it('streams contacts and follow-ups: customers created once, keys and policies across batches, idempotent re-runs', async () => {
    await run(org.repA, {
      kind: 'customers',
      file: csv('external_id,name,phone,email\nA1,甲,13800000001,jia@x.cn\n'),
    });
    await run(org.repB, { kind: 'customers', file: csv('external_id,name\nB1,乙\n') });
    const lines = ['客户编号,客户电话,客户邮箱,联系人,电话,邮箱,决策人'];
    for (let i = 0; i < BIG; i++) {
      const row = i + 2;
      if (row === 2) lines.push(',13800000001,,按电话,13900000000,,是');
      else if (row === 3) lines.push(',,JIA@x.cn,按邮箱,,zhang@x.cn,');
      else if (row === 4) lines.push('B1,,,别人的客户,13900000001,,');
      else if (row === 5) lines.push(',13899999999,,电话不中,13900000002,,');
      else if (row === 6) lines.push(',,,没有客户,13900000003,,');
      else if (row === 7) lines.push('A1,,,坏决策人,13900000004,,也许');
      else if (row === 5_600)
        lines.push('A1,,,重复电话,13900000000,,'); // the phone of row 2, same customer
      else if (row === 5_601) lines.push('A1,,,重复邮箱,,ZHANG@x.cn,');
      else lines.push(`N${i % 1_000},,,联系人${i},1${String(i).padStart(10, '0')},,`);
    }
    const file = csv(lines.join('\n') + '\n');
    const r = await run(org.repA, { kind: 'contacts', file, createCustomers: true });
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, 'customer_external_id', 'NOT_YOUR_CUSTOMER'],
      [5, 'customer_phone', 'CUSTOMER_NOT_MATCHED'],
      [6, 'customer_external_id', 'NO_CUSTOMER'],
      [7, 'is_decision_maker', 'INVALID_VALUE'],
      [5_600, 'phone', 'DUPLICATE_IN_FILE'],
      [5_601, 'email', 'DUPLICATE_IN_FILE'],
    ]);
    expect(r.errors[4]!.message).toBe('Duplicates row 2 of the file (Phone = 13900000000)');
    expect(r).toMatchObject({ inserted: BIG - 6, updated: 0, skipped: 0, failed: 6 });
    // N0 … N999: created once each, owned by the importer, with a metrics row.
    expect(r.stats.customersCreated).toBe(1_000);
    expect(
      await q(sql`SELECT count(*)::int AS n FROM customers c JOIN customer_metrics m ON m.customer_id = c.id
        WHERE c.external_id LIKE 'N%' AND c.owner_id = ${org.repA.id} AND c.source = 'import'`),
    ).toEqual([{ n: 1_000 }]);
    expect(
      await q(sql`SELECT t.name, t.is_decision_maker AS dm FROM contacts t JOIN customers c ON c.id = t.customer_id
        WHERE c.external_id = 'A1' ORDER BY t.name`),
    ).toEqual([
      { name: '按电话', dm: true },
      { name: '按邮箱', dm: false },
    ]);

    const again = await run(org.repA, { kind: 'contacts', file, createCustomers: true });
    expect(again).toMatchObject({ inserted: 0, skipped: BIG - 6, failed: 6, stats: { customersCreated: 0 } });
    const update = await run(org.repA, {
      kind: 'contacts',
      file: csv(
        '客户编号,联系人,电话,邮箱,职位\nA1,张总,13900000000,,总经理\nA1,,,zhang@x.cn,助理\nA1,新人,13900000009,,\n',
      ),
      onDuplicate: 'update',
    });
    expect(update).toMatchObject({ inserted: 1, updated: 1, failed: 1 });
    expect(await q(sql`SELECT name, title FROM contacts WHERE phone = '13900000000'`)).toEqual([
      { name: '张总', title: '总经理' },
    ]);
    const create = await run(org.repA, {
      kind: 'contacts',
      file: csv('客户编号,联系人,电话\nA1,张总,13900000000\n'),
      onDuplicate: 'create',
    });
    expect(create).toMatchObject({ inserted: 1, failed: 0 });
    expect(await q(sql`SELECT count(*)::int AS n FROM contacts`)).toEqual([{ n: BIG - 6 + 2 }]);

    // Follow-ups: the same key twice in the file, or already stored, is skipped (unless `create`).
    const f = ['客户编号,跟进方式,跟进内容,跟进时间'];
    for (let i = 0; i < BIG; i++) f.push(`N${i % 1_000},电话,第${i % 3_000}次,2024-03-01 10:00`);
    const followups = csv(f.join('\n') + '\n');
    const fr = await run(org.repA, { kind: 'followups', file: followups });
    // Rows 3,002… repeat rows 2… (same customer, time, type, content) — except where i % 1,000 differs.
    const distinct = new Set(Array.from({ length: BIG }, (_, i) => `${i % 1_000}|${i % 3_000}`)).size;
    expect(fr).toMatchObject({ inserted: distinct, skipped: BIG - distinct, failed: 0 });
    expect(await run(org.repA, { kind: 'followups', file: followups })).toMatchObject({
      inserted: 0,
      skipped: BIG,
    });
    expect(
      await run(org.repA, {
        kind: 'followups',
        file: csv('客户编号,跟进方式,跟进内容,跟进时间\nN1,电话,第1次,2024-03-01 10:00\n'),
        onDuplicate: 'create',
      }),
    ).toMatchObject({ inserted: 1, skipped: 0 });
    expect(await q(sql`SELECT count(*)::int AS n FROM followups`)).toEqual([{ n: distinct + 1 }]);
    expect(
      await q(sql`SELECT count(*)::int AS n FROM customer_metrics WHERE last_followup_type = 'call'`),
    ).toEqual([{ n: 1_000 }]);
  });

  for (const kind of ['customers', 'contacts', 'followups'] as const) {
    it(`${kind}: a database error at the write rolls back the whole import, created customers included`, async () => {
      await run(org.admin, { kind: 'customers', file: csv('external_id,name\nOLD,旧客户\n') });
      const before = await q(sql`SELECT
        (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM contacts) AS contacts,
        (SELECT count(*)::int FROM followups) AS followups, (SELECT count(*)::int FROM audit_log) AS audit`);
      const rows = Array.from({ length: BIG }, (_, i) =>
        kind === 'customers'
          ? `NEW${i},新客户${i}`
          : kind === 'contacts'
            ? `NEW${i % 100},联系人${i},1${String(i).padStart(10, '0')}`
            : `NEW${i % 100},电话,第${i}次,2024-03-01`,
      );
      const header = {
        customers: '客户编号,客户名称',
        contacts: '客户编号,联系人,电话',
        followups: '客户编号,跟进方式,跟进内容,跟进时间',
      }[kind];
      await expect(
        run(org.admin, {
          kind,
          file: csv(`${header}\n${rows.join('\n')}\n`),
          createCustomers: true,
          // Another writer takes the external id of a row about to be inserted (customers), or the
          // database refuses the write (contacts, follow-ups: a statement that fails).
          beforeStage: async (db) => {
            if (kind === 'customers')
              await db.execute(sql`INSERT INTO customers (workspace_id, external_id, name)
                VALUES (${org.workspaceId}, 'NEW17', '抢先')`);
            else await db.execute(sql`SELECT 1 / 0`);
          },
        }),
      ).rejects.toThrow();
      const after = await q(sql`SELECT
        (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM contacts) AS contacts,
        (SELECT count(*)::int FROM followups) AS followups, (SELECT count(*)::int FROM audit_log) AS audit`);
      expect(after).toEqual(before);
      // The staging tables went with the transaction: the same import runs on the same connection.
      const ok = await run(org.admin, {
        kind,
        file: csv(`${header}\n${rows.slice(0, 3).join('\n')}\n`),
        createCustomers: true,
      });
      expect(ok).toMatchObject({ inserted: 3, failed: 0 });
    });
  }

  it('refuses a file without the required columns before writing anything', async () => {
    await expect(run(org.admin, { kind: 'orders', file: csv('客户编号,金额\nA,1\n') })).rejects.toThrow(
      /order_no, ordered_at/,
    );
  });
});
