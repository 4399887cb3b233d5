import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';
const VALUE_TIERS = ['A', 'B', 'C'];

/** `1,324` → 1324. */
const toInt = (text: string | null) => Number(String(text).replace(/[^\d]/g, ''));

const tierCounts = async (page: Page) =>
  Promise.all(
    VALUE_TIERS.map(async (k) => toInt(await page.getByTestId(`tier-count-value-${k}`).textContent())),
  );

describe('classification schemes, tier badges and migration', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('edits the value tiers through the rule builder, shows badges with the why, and a migration Sankey', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    // Migration: the demo comes with last quarter's review; take a picture now, before the edit below.
    await page.getByTestId('nav-migration').click();
    await page.waitForURL('**/segmentation/migration');
    await page.getByTestId('snapshot-take').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('snapshot-take').first().click();
    await page.getByTestId('snapshot-label').fill('季度复盘');
    await page.getByTestId('snapshot-confirm').click();
    await page.getByTestId('migration-matrix').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('snapshots-table').innerText()).toContain('季度复盘');
    // The dashboards' owner/team bar and the Sankey's PNG + xlsx export.
    await page.getByTestId('migration-filter-owner').waitFor();
    await page.getByTestId('migration-sankey-export').click();
    await page.getByTestId('migration-sankey-xlsx').waitFor();
    await page.keyboard.press('Escape');

    // The schemes page: the value tiers with their counts, adding up to every customer.
    await page.getByTestId('nav-schemes').click();
    await page.waitForURL('**/segmentation/schemes');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('分类体系');
    await page.getByTestId('scheme-tab-value').click();
    await page.getByTestId('tier-count-value-A').waitFor({ timeout: 30_000 });
    const before = await tierCounts(page);
    expect(before.reduce((a, b) => a + b, 0)).toBe(300);
    expect(before[0]).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('scheme-tier-rule-A').textContent())
      .toContain('近12个月消费 大于等于 ¥10,000.00');
    await screenshot(page, 'schemes-1-value-zh');

    // Raise A's bar in the rule builder: the live count follows, saving places everyone again.
    await page.getByTestId('scheme-edit-value').click();
    const tierA = page.getByTestId('tier-editor-0');
    await tierA.waitFor();
    await expect
      .poll(async () =>
        Number(await tierA.getByTestId('tier-rule-count').locator('[data-count]').getAttribute('data-count')),
      )
      .toBe(before[0]);
    const value = tierA.getByTestId('filter-value-0');
    await value.fill('50000');
    await value.blur();
    await expect
      .poll(
        async () =>
          Number(
            await tierA.getByTestId('tier-rule-count').locator('[data-count]').getAttribute('data-count'),
          ),
        {
          timeout: 15_000,
        },
      )
      .toBeLessThan(before[0]!);
    await screenshot(page, 'schemes-2-editor-zh');
    await page.getByTestId('scheme-save').click();
    await page.getByTestId('scheme-editor').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await tierCounts(page))[0], { timeout: 30_000 }).toBeLessThan(before[0]!);
    const after = await tierCounts(page);
    expect(after.reduce((a, b) => a + b, 0)).toBe(300);
    expect(after[1]).toBeGreaterThan(before[1]!);
    await expect.poll(() => page.getByTestId('scheme-tier-rule-A').textContent()).toContain('¥50,000.00');

    // Recompute now: the spinner, then what changed (nothing: placement is already current).
    await page.getByTestId('schemes-recompute').click();
    await page.getByTestId('recompute-result').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('recompute-result').innerText()).toContain('层级变动 0 次');
    await screenshot(page, 'schemes-2b-recomputed-zh');

    // The customer list carries the badges; a customer's 360 page says why.
    await page.getByTestId('nav-customers').click();
    await page.waitForURL('**/customers');
    const badge = page.locator('[data-testid^="tier-badge-rfm-"]').first();
    await badge.waitFor({ timeout: 30_000 });
    const customerId = String(await badge.getAttribute('data-testid')).replace('tier-badge-rfm-', '');
    await page.getByTestId(`customer-link-${customerId}`).click();
    await page.waitForURL(`**/customers/${customerId}`);
    const card = page.getByTestId('classification-card');
    await card.getByTestId('classification-tier-value').waitFor({ timeout: 30_000 });
    await expect.poll(() => card.getByTestId('classification-value').innerText()).toMatch(/[ABC] 类客户/);
    await expect.poll(() => card.getByTestId('classification-why-rule').first().count()).toBeGreaterThan(0);
    // RFM: the values, the 1–5 scores and the mean each one beats (or not).
    await card.getByTestId('classification-why-rfm').waitFor();
    await expect.poll(() => card.getByTestId('classification-rfm-r').innerText()).toMatch(/[1-5]\/5/);
    await expect.poll(() => card.getByTestId('classification-history').count()).toBe(1);
    await screenshot(page, 'schemes-3-customer-zh');

    // Migration after the edit: the value scheme's customers moved from A to B.
    await page.getByTestId('nav-migration').click();
    await page.waitForURL('**/segmentation/migration');
    await page.getByTestId('migration-scheme').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '价值等级' }).click();
    await page.getByTestId('migration-matrix').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => Number(await page.getByTestId('migration-cell-A-B').getAttribute('data-count')), {
        timeout: 15_000,
      })
      .toBe(before[0]! - after[0]!);
    await expect
      .poll(() => page.getByTestId('migration-sankey').locator('canvas').count())
      .toBeGreaterThan(0);
    expect(Number(await page.getByTestId('migration-grand-total').getAttribute('data-count'))).toBe(300);
    await page.waitForTimeout(800); // let the chart finish its entry animation
    await screenshot(page, 'schemes-4-migration-zh');

    // English throughout.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Tier migration');
    await expect
      .poll(() => page.getByTestId('migration-matrix').innerText(), { timeout: 15_000 })
      .toContain('A customers');
    await page.waitForTimeout(600);
    await screenshot(page, 'schemes-5-migration-en');
    await page.getByTestId('nav-schemes').click();
    await page.getByTestId('scheme-tab-value').click();
    await expect.poll(() => page.getByTestId('scheme-tier-rule-A').textContent()).toContain('at least');
    await screenshot(page, 'schemes-6-value-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
