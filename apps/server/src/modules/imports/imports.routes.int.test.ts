import type { ImportJobResult, ImportPreview, ImportUpload, Job } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, useWorld } from '../../../test/customer-fixtures.ts';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import { drainJobs } from '../jobs/index.ts';
import { gb18030 } from './gb18030.test-helper.ts';
import { cleanupUploads, reportPath, uploadStore } from './uploads.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stratum-uploads-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

function upload(app: FastifyInstance, s: Session | null, body: Buffer, filename = 'file.csv') {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (s?.cookie) headers.cookie = s.cookie;
  if (s?.csrfToken) headers['x-csrf-token'] = s.csrfToken;
  if (s?.lang) headers['accept-language'] = s.lang;
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports/uploads?filename=${encodeURIComponent(filename)}`,
    headers,
    payload: body,
  });
}

async function download(app: FastifyInstance, s: Session, url: string) {
  const res = await call(app, s, 'GET', url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

async function xlsxRows(bytes: Buffer, sheet = 0) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { ws, rows };
}

const csv = (text: string) => Buffer.from(`\ufeff${text}`, 'utf8');

describe('imports over the API', () => {
  const t = useTestApp({ dataDir, uploadLimitMb: 1 });
  const w = useWorld(t);

  const uploaded = async (s: Session, body: Buffer, filename?: string) => {
    const res = await upload(t.app, s, body, filename);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportUpload;
  };
  const start = async (s: Session, body: Record<string, unknown>) => {
    const res = await call(t.app, s, 'POST', '/api/v1/imports', body);
    expect(res.statusCode, res.body).toBe(202);
    return (res.json() as { jobId: string }).jobId;
  };
  const finished = async (s: Session, jobId: string) => {
    await drainJobs(t.db);
    const res = await call(t.app, s, 'GET', `/api/v1/jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Job & { result: ImportJobResult };
  };

  it('uploads a csv, previews it with the automatic mapping, dry-runs, runs, and reports as the rep', async () => {
    const rep = await w.as('repA');
    const file = csv(
      '客户编号,客户名称,手机号,客户状态,国家\nK001,上海星辰贸易,13800000001,活跃,中国\nK002,杭州云帆,13800000002,,中国\nK003,坏状态,,不知道,中国\n',
    );
    const up = await uploaded(rep, file, '客户名单.csv');
    expect(up).toMatchObject({ filename: '客户名单.csv', size: file.length, format: 'csv' });
    expect(Date.parse(up.expiresAt) - Date.parse(up.createdAt)).toBe(24 * 3_600_000);

    const preview = await call(t.app, rep, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=customers`);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as ImportPreview;
    expect(p).toMatchObject({ sheets: [], sheet: null, headerRow: 1, missing: [] });
    expect(p.columns).toEqual([
      { index: 0, header: '客户编号', field: 'external_id' },
      { index: 1, header: '客户名称', field: 'name' },
      { index: 2, header: '手机号', field: 'phone' },
      { index: 3, header: '客户状态', field: 'status' },
      { index: 4, header: '国家', field: null },
    ]);
    expect(p.rows).toEqual([
      { row: 2, cells: ['K001', '上海星辰贸易', '13800000001', '活跃', '中国'] },
      { row: 3, cells: ['K002', '杭州云帆', '13800000002', '', '中国'] },
      { row: 4, cells: ['K003', '坏状态', '', '不知道', '中国'] },
    ]);
    expect(p.fields.find((f) => f.key === 'name')).toEqual({
      key: 'name',
      label: '客户名称',
      required: true,
      group: null,
      options: null,
    });
    expect(p.fields.find((f) => f.key === 'status')?.options).toEqual(['潜在', '活跃', '沉睡', '流失']);

    const dry = await finished(rep, await start(rep, { uploadId: up.id, kind: 'customers', dryRun: true }));
    expect(dry).toMatchObject({ kind: 'import', status: 'succeeded', createdBy: w.org.repA.id });
    expect(dry.result).toMatchObject({
      kind: 'customers',
      filename: '客户名单.csv',
      dryRun: true,
      inserted: 2,
      failed: 1,
      errorCount: 1,
      errorReport: true,
      stats: { rows: 3, unmappedColumns: ['国家'] },
    });
    expect(dry.result.errors).toEqual([
      { row: 4, field: 'status', code: 'INVALID_STATUS', message: '「客户状态」不是可识别的状态：不知道' },
    ]);
    expect(dry.progress).toMatchObject({ done: 3, total: 3 });
    const count = async () =>
      (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers`)).rows[0]!.n;
    expect(await count()).toBe(0);

    // The real run, with the status column ignored: every row goes in, owned by the rep.
    const run = await finished(
      rep,
      await start(rep, {
        uploadId: up.id,
        kind: 'customers',
        mapping: [{ header: '客户状态', field: null }],
      }),
    );
    expect(run.result).toMatchObject({ dryRun: false, inserted: 3, failed: 0, errorReport: false });
    const owners = await t.db.execute<{ owner_id: string }>(sql`SELECT DISTINCT owner_id FROM customers`);
    expect(owners.rows).toEqual([{ owner_id: w.org.repA.id }]);
    // The upload is gone once imported; the dry run's report stays.
    expectError(
      await call(t.app, rep, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=customers`),
      404,
      'NOT_FOUND',
    );
    expectError(await call(t.app, rep, 'GET', `/api/v1/imports/${run.id}/error-report`), 404, 'NOT_FOUND');
    expect((await call(t.app, rep, 'GET', `/api/v1/imports/${dry.id}/error-report`)).statusCode).toBe(200);
    const mine = await call(t.app, rep, 'GET', '/api/v1/jobs?kind=import&pageSize=8');
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as { items: Job[] }).items.map((j) => j.id)).toEqual([run.id, dry.id]);
  });

  it("keeps uploads, jobs and reports to their owner; a rep's import cannot touch other reps' customers", async () => {
    const repA = await w.as('repA');
    const repB = await w.as('repB');
    await finished(
      repA,
      await start(repA, {
        uploadId: (await uploaded(repA, csv('external_id,name\nA1,甲\n'))).id,
        kind: 'customers',
      }),
    );

    const up = await uploaded(repB, csv('external_id,name\nA1,甲（改）\nB1,乙\n'));
    expectError(
      await call(t.app, repA, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=customers`),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t.app, repA, 'POST', '/api/v1/imports', { uploadId: up.id, kind: 'customers' }),
      404,
      'NOT_FOUND',
    );
    const job = await finished(
      repB,
      await start(repB, { uploadId: up.id, kind: 'customers', onDuplicate: 'update' }),
    );
    expect(job.result).toMatchObject({ inserted: 1, updated: 0, failed: 1 });
    expect(job.result.errors[0]).toMatchObject({ row: 2, code: 'NOT_YOUR_CUSTOMER' });
    expectError(await call(t.app, repA, 'GET', `/api/v1/jobs/${job.id}`), 404, 'NOT_FOUND');
    expectError(await call(t.app, repA, 'GET', `/api/v1/imports/${job.id}/error-report`), 404, 'NOT_FOUND');
    expect(
      (await call(t.app, await w.as('admin'), 'GET', `/api/v1/imports/${job.id}/error-report`)).statusCode,
    ).toBe(200);
    const names = await t.db.execute<{ name: string; owner_id: string }>(
      sql`SELECT name, owner_id FROM customers ORDER BY external_id`,
    );
    expect(names.rows).toEqual([
      { name: '甲', owner_id: w.org.repA.id },
      { name: '乙', owner_id: w.org.repB.id },
    ]);
    expectError(await upload(t.app, null, csv('a\n1\n')), 401, 'UNAUTHENTICATED');
  });

  it('a crash right after the import commits does not import again: the job is marked done in the same transaction', async () => {
    const rep = await w.as('repA');
    await finished(
      rep,
      await start(rep, {
        uploadId: (await uploaded(rep, csv('external_id,name\nA1,甲\n'))).id,
        kind: 'customers',
      }),
    );
    const contacts = async () =>
      (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts`)).rows[0]!.n;
    // `create` inserts the contacts even when they exist: running this file twice would duplicate them.
    const up = await uploaded(
      rep,
      csv('客户编号,联系人,电话\nA1,张经理,13700000000\nA1,李助理,13700000001\nZZ,王,\n'),
    );
    const jobId = await start(rep, { uploadId: up.id, kind: 'contacts', onDuplicate: 'create' });
    // Right after the commit the job writes its error report (row 4 fails). A folder where that file goes
    // makes the write throw: the job stops there, as a process dying after the commit would.
    const report = reportPath(uploadStore(), w.org.workspaceId, jobId);
    mkdirSync(report, { recursive: true });
    try {
      await drainJobs(t.db);
      expect(await contacts()).toBe(2);
      const job = (await call(t.app, rep, 'GET', `/api/v1/jobs/${jobId}`)).json() as Job & {
        result: ImportJobResult;
      };
      // Done at the commit, with the import's result; the error after it did not requeue the job.
      expect(job).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
      expect(job.result).toMatchObject({ kind: 'contacts', inserted: 2, failed: 1, errorCount: 1 });
      expect(job.result.errors).toEqual([expect.objectContaining({ row: 4, code: 'CUSTOMER_NOT_FOUND' })]);
      // A restarted worker, long after any lease or retry delay: nothing runs, nothing is imported twice.
      await t.db.execute(sql`UPDATE jobs SET run_after = now() - interval '1 hour' WHERE id = ${jobId}`);
      expect(await drainJobs(t.db)).toBe(0);
      expect(await contacts()).toBe(2);
      expect(
        (
          await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'import' AND after->>'kind' = 'contacts'`)
        ).rows[0]!.n,
      ).toBe(1);
    } finally {
      rmSync(report, { recursive: true, force: true });
    }
  });

  it('refuses a file over the limit (413), old .xls, empty and unreadable files, and other content types', async () => {
    const admin = await w.as('admin');
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    const res = await upload(t.app, admin, big);
    expectError(res, 413, 'UPLOAD_TOO_LARGE');
    expect(res.json().error.message).toBe('文件超过了 1 MB 的上传上限');
    // Far over the limit, the upload is cut off rather than read to its end: still a 413.
    expectError(await upload(t.app, admin, Buffer.alloc(5 * 1024 * 1024 + 1, 0x61)), 413, 'UPLOAD_TOO_LARGE');
    const folder = join(dataDir, 'uploads', w.org.workspaceId);
    const left = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.data')) : []);
    const before = left().length;

    const xls = await upload(t.app, admin, XLS_MAGIC, 'old.xls');
    expectError(xls, 400, 'INVALID_FILE');
    expect(xls.json().error.details).toEqual({ reason: 'UNSUPPORTED_FORMAT' });
    expectError(await upload(t.app, admin, Buffer.alloc(0)), 400, 'INVALID_FILE');
    expect(left().length).toBe(before);

    const broken = await uploaded(
      admin,
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]),
      'x.xlsx',
    );
    expect(broken.format).toBe('xlsx');
    const preview = await call(
      t.app,
      admin,
      'GET',
      `/api/v1/imports/uploads/${broken.id}/preview?kind=customers`,
    );
    expectError(preview, 400, 'INVALID_FILE');
    expect(preview.json().error.details).toMatchObject({
      reason: 'UNREADABLE_FILE',
      message: '文件无法读取或已损坏',
    });
    expectError(
      await call(t.app, admin, 'POST', '/api/v1/imports', { uploadId: broken.id, kind: 'customers' }),
      400,
      'INVALID_FILE',
    );

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/uploads?filename=a.csv',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken!, 'content-type': 'text/csv' },
      payload: 'a,b\n1,2\n',
    });
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a wrong kind, a mapping to unknown fields, and a file lacking required columns', async () => {
    const admin = await w.as('admin');
    const up = await uploaded(admin, csv('客户编号,客户名称\nK1,甲\n'));
    expectIssue(
      await call(t.app, admin, 'POST', '/api/v1/imports', { uploadId: up.id, kind: 'products' }),
      'kind',
    );
    expectIssue(
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=leads`),
      'kind',
    );
    expectIssue(
      await call(t.app, admin, 'POST', '/api/v1/imports', {
        uploadId: up.id,
        kind: 'customers',
        mapping: [{ header: '客户名称', field: 'owner_id' }],
      }),
      'mapping.0.field',
      'unknown_field',
    );
    const orders = await call(t.app, admin, 'POST', '/api/v1/imports', { uploadId: up.id, kind: 'orders' });
    expectError(orders, 400, 'IMPORT_MAPPING_INVALID');
    expect(orders.json().error).toMatchObject({
      message: '以下必填字段没有对应的列：订单号、下单时间',
      details: { missing: ['order_no', 'ordered_at'] },
    });
    const p = (
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=orders`)
    ).json() as ImportPreview;
    expect(p.missing).toEqual(['order_no', 'ordered_at']);
    expect(p.columns.map((c) => c.field)).toEqual(['customer_external_id', 'customer_name']);
    // A group of alternatives (the customer by id, phone or email) is named as such.
    const people = await uploaded(admin, csv('联系人,电话\n王敏,13900000000\n'));
    const noCustomer = await call(t.app, admin, 'POST', '/api/v1/imports', {
      uploadId: people.id,
      kind: 'contacts',
    });
    expectError(noCustomer, 400, 'IMPORT_MAPPING_INVALID');
    expect(noCustomer.json().error).toMatchObject({
      message: '以下必填字段没有对应的列：客户编号（或 客户电话、客户邮箱）',
      details: { missing: ['customer_external_id'] },
    });
    // Mapping the columns by hand makes the same file acceptable as contacts.
    const contacts = await start(admin, {
      uploadId: up.id,
      kind: 'contacts',
      dryRun: true,
      mapping: [{ header: '客户名称', field: 'name' }],
    });
    expect((await finished(admin, contacts)).result).toMatchObject({
      failed: 1,
      errors: [{ code: 'CUSTOMER_NOT_FOUND' }],
    });
  });

  it('reads xlsx sheets, previews the chosen one, and the error report gives back the failed rows (formula-safe, zh or en)', async () => {
    const admin = await w.as('admin');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这一页不是数据']);
    const ws = wb.addWorksheet('订单');
    ws.addRow(['订单号', '客户编号', '下单时间', '金额', '备注']);
    ws.addRow(['SO-1', 'K1', new Date(Date.UTC(2024, 2, 1)), 100, '好']);
    ws.addRow(['SO-2', '', new Date(Date.UTC(2024, 2, 2, 9, 30)), 50, '=HYPERLINK("http://x")']);
    ws.addRow(['SO-3', 'K404', '2024/3/3', '¥1,234.50', null]);
    const up = await uploaded(admin, Buffer.from(await wb.xlsx.writeBuffer()), '订单.xlsx');
    await finished(
      admin,
      await start(admin, {
        uploadId: (await uploaded(admin, csv('external_id,name\nK1,甲\n'))).id,
        kind: 'customers',
      }),
    );

    const preview = (
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=orders&sheet=订单`)
    ).json() as ImportPreview;
    expect(preview.sheets).toEqual([
      { name: '说明', rows: 1 },
      { name: '订单', rows: 4 },
    ]);
    expect(preview.sheet).toBe('订单');
    expect(preview.rows[1]).toEqual({
      row: 3,
      cells: ['SO-2', null, '2024-03-02 09:30:00', 50, '=HYPERLINK("http://x")'],
    });
    expect(preview.missing).toEqual([]);
    expectIssue(
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=orders&sheet=Nope`),
      'sheet',
      'not_found',
    );
    const first = (
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=orders`)
    ).json() as ImportPreview;
    expect(first).toMatchObject({ sheet: '说明', missing: ['order_no', 'ordered_at'] });

    const job = await finished(admin, await start(admin, { uploadId: up.id, kind: 'orders', sheet: '订单' }));
    expect(job.result).toMatchObject({ inserted: 1, failed: 2, errorReport: true });

    const zh = await download(t.app, admin, `/api/v1/imports/${job.id}/error-report?format=xlsx`);
    expect(zh.headers['content-type']).toContain('spreadsheetml');
    expect(zh.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('导入错误报告')}`,
    );
    const { rows } = await xlsxRows(zh.rawPayload);
    expect(rows).toEqual([
      ['订单号', '客户编号', '下单时间', '金额', '备注', '错误原因', '错误代码', '原文件行号'],
      [
        'SO-2',
        undefined,
        '2024-03-02 09:30:00',
        50,
        `'=HYPERLINK("http://x")`,
        '该行没有客户（客户编号为空），未导入',
        'NO_CUSTOMER',
        3,
      ],
      [
        'SO-3',
        'K404',
        '2024/3/3',
        '¥1,234.50',
        undefined,
        expect.stringContaining('K404'),
        'CUSTOMER_NOT_FOUND',
        4,
      ],
    ]);
    const en = await download(
      t.app,
      { ...admin, lang: 'en' },
      `/api/v1/imports/${job.id}/error-report?format=csv`,
    );
    expect(en.headers['content-type']).toBe('text/csv; charset=utf-8');
    const parsed = Papa.parse<string[]>(en.body.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([
      '订单号',
      '客户编号',
      '下单时间',
      '金额',
      '备注',
      'Error',
      'Error code',
      'Row in file',
    ]);
    expect(parsed[1]![4]).toBe(`'=HYPERLINK("http://x")`);
    expect(parsed).toHaveLength(3);
  });

  it('serves templates in both languages with drop-downs that import back without an error', async () => {
    const admin = await w.as('admin');
    const zh = await download(t.app, admin, '/api/v1/imports/templates/customers?lang=zh-CN');
    expect(zh.headers['content-disposition']).toContain(encodeURIComponent('客户导入模板.xlsx'));
    const { ws, rows } = await xlsxRows(zh.rawPayload);
    expect(rows[0]).toEqual([
      '客户编号',
      '客户名称',
      '客户类型',
      '行业',
      '省份',
      '城市',
      '规模',
      '来源',
      '客户状态',
      '电话',
      '邮箱',
      '微信',
      '地址',
      '网站',
      '备注',
    ]);
    expect(rows).toHaveLength(2);
    expect(ws.getCell('I2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"潜在,活跃,沉睡,流失"'],
    });
    expect(ws.getCell('C500').dataValidation).toMatchObject({ type: 'list', formulae: ['"企业,个人"'] });
    expect(ws.getCell('G3').dataValidation.formulae).toEqual(['"1-9,10-49,50-199,200-999,1000+"']);
    expect(ws.getCell('B2').dataValidation).toBeUndefined();

    const en = await download(t.app, admin, '/api/v1/imports/templates/followups?lang=en');
    const fu = await xlsxRows(en.rawPayload);
    expect(fu.rows[0]).toEqual([
      'Customer external ID',
      'Type',
      'Content',
      'Occurred at',
      'Next followup on',
    ]);
    expect(fu.ws.getCell('B2').dataValidation.formulae).toEqual(['"call,visit,wechat,email,meeting,note"']);

    const csvTemplate = await download(
      t.app,
      { ...admin, lang: 'en' },
      '/api/v1/imports/templates/contacts?format=csv',
    );
    expect(csvTemplate.body.startsWith('\ufeffCustomer external ID,Name,Title,')).toBe(true);
    expectIssue(await call(t.app, admin, 'GET', '/api/v1/imports/templates/products'), 'kind');

    // Each template, filled in only with its example row, imports cleanly (customers first: the others refer to C0001).
    for (const [kind, lang] of [
      ['customers', 'zh-CN'],
      ['contacts', 'en'],
      ['orders', 'zh-CN'],
      ['followups', 'en'],
    ] as const) {
      const file = await download(t.app, admin, `/api/v1/imports/templates/${kind}?lang=${lang}`);
      const up = await uploaded(admin, file.rawPayload, `${kind}.xlsx`);
      const job = await finished(admin, await start(admin, { uploadId: up.id, kind }));
      expect(job.result, `${kind} ${JSON.stringify(job.result?.errors)}`).toMatchObject({
        inserted: 1,
        failed: 0,
      });
    }
    const { rows: orderRows } = await t.db.execute<{ amount: string; status: string }>(
      sql`SELECT amount, status FROM orders`,
    );
    expect(orderRows).toEqual([{ amount: '1000.00', status: 'completed' }]);
  });

  it('deletes uploads once they expire, and keeps error reports for the retention period', async () => {
    const admin = await w.as('admin');
    const up = await uploaded(admin, csv('客户名称,状态\n甲,坏\n'));
    const job = await finished(
      admin,
      await start(admin, { uploadId: up.id, kind: 'customers', dryRun: true }),
    );
    expect(job.result.errorReport).toBe(true);
    const store = uploadStore();
    await cleanupUploads(store, new Date(), 30);
    const preview = `/api/v1/imports/uploads/${up.id}/preview?kind=customers`;
    expect((await call(t.app, admin, 'GET', preview)).statusCode).toBe(200);
    // (Other tests' uploads in this data folder go too.)
    expect(await cleanupUploads(store, new Date(Date.now() + 25 * 3_600_000), 30)).toBeGreaterThanOrEqual(1);
    expectError(await call(t.app, admin, 'GET', preview), 404, 'NOT_FOUND');
    expect(
      readdirSync(join(dataDir, 'uploads', w.org.workspaceId)).filter((f) => f.startsWith(up.id)),
    ).toEqual([]);
    const report = `/api/v1/imports/${job.id}/error-report`;
    expect((await call(t.app, admin, 'GET', report)).statusCode).toBe(200);
    expect(await cleanupUploads(store, new Date(Date.now() + 31 * 86_400_000), 30)).toBeGreaterThanOrEqual(1);
    expectError(await call(t.app, admin, 'GET', report), 404, 'NOT_FOUND');
  });

  it('reads GB18030 csv files through the same path', async () => {
    const admin = await w.as('admin');
    const up = await uploaded(admin, gb18030('客户名称,城市\n北京华夏,北京\n'));
    const p = (
      await call(t.app, admin, 'GET', `/api/v1/imports/uploads/${up.id}/preview?kind=customers`)
    ).json() as ImportPreview;
    expect(p.rows).toEqual([{ row: 2, cells: ['北京华夏', '北京'] }]);
  });
});
