import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';

/** `1,324` → 1324. */
const toInt = (text: string | null) => Number(String(text).replace(/[^\d]/g, ''));

describe('customer clustering (智能分群)', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('clusters the demo customers, saves a cluster as a segment, and shows the empty state', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    await page.getByTestId('nav-clusters').click();
    await page.waitForURL('**/analytics/clusters');
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('智能分群');
    await page.getByTestId('clusters-intro').waitFor();

    // Automatic k: as many table rows as the k shown, both charts drawn.
    await page.getByTestId('clusters-run').click();
    const rows = page.getByTestId('clusters-table').locator('.ant-table-row');
    await rows.first().waitFor({ timeout: 60_000 });
    const k = toInt(await page.getByTestId('clusters-kpi-k').locator('.ant-statistic-content').textContent());
    expect(k).toBeGreaterThanOrEqual(2);
    expect(await rows.count()).toBe(k);
    for (const chart of ['clusters-silhouette-chart', 'clusters-compare-chart'])
      await expect
        .poll(() => page.getByTestId(chart).locator('canvas').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    const customers = toInt(
      await page.getByTestId('clusters-kpi-customers').locator('.ant-statistic-content').textContent(),
    );
    expect(customers).toBeGreaterThan(10);
    // The first cluster's size (the "size (share)" cell).
    const sizeCell = await rows.first().locator('td').nth(2).textContent();
    const size = toInt(String(sizeCell).split('(')[0]!);
    expect(size).toBeGreaterThan(0);
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await screenshot(page, 'clusters-1-auto-zh');

    // Save the first cluster as a static segment and open it: the same number of members.
    await page.getByTestId('clusters-save-0').click();
    const name = page.getByTestId('clusters-save-name');
    await expect.poll(() => name.inputValue()).toMatch(/智能分群 \d{4}-\d{2}-\d{2}/);
    await name.fill('E2E 智能分群 第一群');
    await page.getByTestId('clusters-save-ok').click();
    const link = page.getByTestId('clusters-segment-0');
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.waitForURL(/\/segmentation\/segments\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByTestId('segment-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(size));

    // Back: k set by hand.
    await page.goBack();
    await page.waitForURL('**/analytics/clusters');
    await page.getByTestId('clusters-k').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '3 群' })
      .click();
    await page.getByTestId('clusters-run').click();
    await expect
      .poll(() => page.getByTestId('clusters-table').locator('.ant-table-row').count(), { timeout: 60_000 })
      .toBe(3);
    await expect.poll(() => page.getByTestId('clusters-kpi-k').textContent()).toContain('手动指定');

    // The admin owns no customers: too few to cluster.
    await page.getByTestId('clusters-owner').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '我负责的' })
      .click();
    await page.getByTestId('clusters-run').click();
    await page.getByTestId('clusters-empty').waitFor({ timeout: 30_000 });
    await screenshot(page, 'clusters-2-empty-zh');
    await context.close();
  });
});
