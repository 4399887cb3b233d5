import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';

/** `12 个` → 12. */
const toInt = (text: string | null) => Number(String(text).replace(/[^\d]/g, ''));

async function funnelFigures(page: Page) {
  const chart = page.getByTestId('pipeline-funnel-chart');
  await chart.waitFor({ timeout: 30_000 });
  const reached = String(await chart.getAttribute('data-reached'))
    .split(',')
    .map(Number);
  const current = toInt(await page.getByTestId('funnel-current-1').textContent());
  return { reached, current };
}

describe('opportunity pipeline', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('drags a card to the next stage on the board, and the funnel counts it there', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    // The funnel before.
    await page.getByTestId('nav-pipeline-funnel').click();
    await page.waitForURL('**/pipeline/funnel');
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('销售漏斗');
    const before = await funnelFigures(page);
    expect(before.reached[0]).toBeGreaterThan(0);

    // The board: move a card from the first stage to the second.
    await page.getByTestId('nav-pipeline').click();
    await page.waitForURL('**/pipeline');
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('商机看板');
    const from = page.getByTestId('pipeline-column-0');
    const to = page.getByTestId('pipeline-column-1');
    await from.getByTestId('pipeline-card').first().waitFor({ timeout: 30_000 });
    const fromCount = Number(await from.getAttribute('data-count'));
    const toCount = Number(await to.getAttribute('data-count'));
    await page.waitForTimeout(300);
    await screenshot(page, 'pipeline-1-board-zh');

    const card = from.getByTestId('pipeline-card').first();
    const title = await card.locator('.pipeline-card-title').textContent();
    const a = (await card.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + 140, { steps: 20 });
    await page.mouse.up();

    await expect.poll(() => to.getAttribute('data-count'), { timeout: 15_000 }).toBe(String(toCount + 1));
    await expect.poll(() => from.getAttribute('data-count')).toBe(String(fromCount - 1));
    await expect
      .poll(() => to.getByTestId('pipeline-card').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(String(title))]));
    // The server kept it: after a reload the card is still in the second column, its history shows the move.
    await page.reload();
    await expect.poll(() => to.getAttribute('data-count'), { timeout: 30_000 }).toBe(String(toCount + 1));
    await to
      .getByTestId('pipeline-card')
      .filter({ hasText: String(title) })
      .first()
      .click();
    const drawer = page.getByTestId('opportunity-drawer');
    await expect
      .poll(() => drawer.getByTestId('opportunity-history').innerText(), { timeout: 30_000 })
      .toContain('需求确认');
    await screenshot(page, 'pipeline-5-drawer-zh');

    // The funnel after: one more deal now in the second stage, and one more that reached it.
    await page.goto(`${app.server.url}/pipeline/funnel`);
    await expect
      .poll(async () => (await funnelFigures(page)).current, { timeout: 30_000 })
      .toBe(before.current + 1);
    const after = await funnelFigures(page);
    expect(after.reached[0]).toBe(before.reached[0]);
    expect(after.reached[1]).toBeGreaterThanOrEqual(before.reached[1]!);
    await page.waitForTimeout(800); // the charts' entry animation
    await screenshot(page, 'pipeline-2-funnel-zh');
    await page.getByTestId('pipeline-portrait').scrollIntoViewIfNeeded();
    await screenshot(page, 'pipeline-3-portrait-zh');

    // The 靶心客户 profile (when the demo's won customers share one) opens the customer list filtered by it.
    const bullseye = page.getByTestId('pipeline-bullseye');
    if (await bullseye.isVisible()) {
      const conditions = await bullseye.getByTestId('pipeline-bullseye-condition').count();
      await page.getByTestId('pipeline-bullseye-customers').click();
      await page.waitForURL((url) => url.pathname === '/customers');
      await page.getByTestId('filter-builder').waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.locator('[data-testid^="filter-row-"]').count(), { timeout: 30_000 })
        .toBe(conditions);
    }

    // English throughout.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await page.goto(`${app.server.url}/pipeline`);
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('Opportunities');
    await page.getByTestId('pipeline-card').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'pipeline-4-board-en');

    // Pipeline settings: the stages in order, ready to drag.
    await page.getByTestId('nav-pipelines').click();
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('Pipelines');
    await expect.poll(() => page.getByTestId('pipeline-stage-row').count(), { timeout: 30_000 }).toBe(4);
    await screenshot(page, 'pipeline-6-settings-en');
    await context.close();
  });
});
