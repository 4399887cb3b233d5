import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.ts';
import { useApp } from './support/app.ts';

const EMAIL = 'admin@import.e2e.local';
/** Waits for what the page shows after a request (2 shared cores: give it time). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const PASSWORD = 'import-pass-2024';

describe('import wizard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-import-e2e-'));
  const app = useApp({ STRATUM_ADMIN_EMAIL: EMAIL, STRATUM_ADMIN_PASSWORD: PASSWORD });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a template, checks a csv with one bad row, imports it and shows the customers', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('工作台');

    await page.goto(`${app.server.url}/customers`);
    await page.getByTestId('customers-import').click();
    await page.waitForURL('**/customers/import');
    await poll(() => page.getByTestId('page-title').textContent()).toBe('导入数据');

    // The Excel template: Chinese headers, an example row and a drop-down on the status column.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('template-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('客户导入模板.xlsx');
    const templatePath = join(dir, 'template.xlsx');
    await download.saveAs(templatePath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templatePath);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['客户编号', '客户名称', '客户类型']);
    expect(sheet.getCell('I2').dataValidation?.formulae).toEqual(['"潜在,活跃,沉睡,流失"']);
    await screenshot(page, 'import-1-upload');

    // A small file as a user would save it from Excel: template headers, three good rows, one bad status.
    const csvPath = join(dir, '新客户.csv');
    writeFileSync(
      csvPath,
      '\ufeff客户编号,客户名称,电话,客户状态,城市\n' +
        'E2E-001,苏州晨光科技,13900000001,活跃,苏州\n' +
        'E2E-002,无锡远航物流,13900000002,潜在,无锡\n' +
        'E2E-003,常州青禾食品,13900000003,不知道,常州\n' +
        'E2E-004,南通海川纺织,13900000004,,南通\n',
    );
    await page.locator('input[type=file]').setInputFiles(csvPath);
    await page.getByTestId('import-mapping').waitFor();
    await poll(() => page.getByTestId('import-mapping').locator('tbody tr').count()).toBe(5);
    await poll(() => page.getByTestId('map-3').innerText()).toContain('客户状态');
    await screenshot(page, 'import-2-mapping');

    await page.getByTestId('import-validate').click();
    await page.getByTestId('check-failed').waitFor({ timeout: 30_000 });
    await poll(() => page.getByTestId('check-inserted').locator('.ant-statistic-content').innerText()).toBe(
      '3',
    );
    await poll(() => page.getByTestId('check-failed').locator('.ant-statistic-content').innerText()).toBe(
      '1',
    );
    const errors = page.getByTestId('import-errors');
    await poll(() => errors.innerText()).toContain('不知道');
    await poll(() => errors.innerText()).toContain('INVALID_STATUS');
    await page.waitForTimeout(400); // let the buttons finish their enabling transition
    await screenshot(page, 'import-3-check');

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    await poll(() => page.getByTestId('result-inserted').locator('.ant-statistic-content').innerText()).toBe(
      '3',
    );
    await poll(() => page.getByTestId('result-failed').locator('.ant-statistic-content').innerText()).toBe(
      '1',
    );
    await poll(() => page.getByTestId('result-skipped').locator('.ant-statistic-content').innerText()).toBe(
      '0',
    );

    // The error report holds the failed row as it was, plus the reason.
    await page.getByTestId('error-report').click();
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('error-report-xlsx').click(),
    ]);
    const reportPath = join(dir, 'errors.xlsx');
    await report.saveAs(reportPath);
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.readFile(reportPath);
    const rows: unknown[][] = [];
    rb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      '客户编号',
      '客户名称',
      '电话',
      '客户状态',
      '城市',
      '错误原因',
      '错误代码',
      '原文件行号',
    ]);
    expect(rows[1]).toEqual([
      'E2E-003',
      '常州青禾食品',
      '13900000003',
      '不知道',
      '常州',
      '「客户状态」不是可识别的状态：不知道',
      'INVALID_STATUS',
      4,
    ]);
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header would cover the steps
    await screenshot(page, 'import-4-result');

    await page.getByTestId('import-open-customers').click();
    await page.waitForURL('**/customers');
    for (const name of ['苏州晨光科技', '无锡远航物流', '南通海川纺织']) {
      await page.getByText(name).first().waitFor({ timeout: 15_000 });
    }
    expect(await page.getByText('常州青禾食品').count()).toBe(0);
    await screenshot(page, 'import-5-customers');

    // English, complete.
    await page.getByTestId('customers-import').click();
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('Import data');
    await poll(() => page.getByTestId('template-xlsx').innerText()).toBe('Excel template');
    // The recent imports: the check and the real run, with the report of the failed row.
    const recent = page.getByTestId('recent-imports');
    await poll(() => recent.locator('tbody tr').count()).toBe(2);
    await poll(() => recent.innerText()).toContain('新客户.csv');
    expect(await recent.innerText()).toContain('3 / 0 / 0 / 1');
    await page.getByTestId('import-kind-orders').click();
    await poll(() => page.url()).toContain('kind=orders');
    await page.waitForTimeout(400); // the segmented control slides to its new value
    await screenshot(page, 'import-6-upload-en');
    await context.close();
  });
});
