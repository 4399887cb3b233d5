import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';
const CLASS_KEYS = [
  'important_value',
  'important_retain',
  'important_develop',
  'important_winback',
  'general_value',
  'general_retain',
  'general_develop',
  'general_winback',
];

/** `1,324` → 1324. */
const toInt = (text: string | null) => Number(String(text).replace(/[^\d]/g, ''));

describe('RFM dashboard', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('shows the eight classes, their counts adding up to the scored customers, and the R×F heatmap', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    await page.getByTestId('nav-rfm').click();
    await page.waitForURL('**/segmentation/rfm');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('RFM 分析');
    await page.getByTestId('rfm-class-important_value').waitFor({ timeout: 30_000 });

    const cards = page.locator('[data-testid^="rfm-class-"][data-count]');
    await expect.poll(() => cards.count()).toBe(8);
    const testIds = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(testIds).toEqual(CLASS_KEYS.map((k) => `rfm-class-${k}`));

    const counts = await Promise.all(
      CLASS_KEYS.map(async (k) =>
        toInt(await page.getByTestId(`rfm-class-${k}`).getByTestId('rfm-class-count').textContent()),
      ),
    );
    const scored = toInt(
      await page.getByTestId('rfm-kpi-scored').locator('.ant-statistic-content').textContent(),
    );
    expect(scored).toBeGreaterThan(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(scored);

    await expect.poll(() => page.getByTestId('rfm-heatmap').locator('canvas').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('rfm-chart-classes').locator('canvas').count())
      .toBeGreaterThan(0);
    await page.waitForTimeout(600); // let the charts finish their entry animation
    await screenshot(page, 'rfm-1-dashboard-zh');

    // Labels and strategies come from the server in the UI language.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await expect
      .poll(() => page.getByTestId('rfm-class-important_value').innerText(), { timeout: 30_000 })
      .toContain('Important value');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('RFM analysis');
    await context.close();
  });
});
