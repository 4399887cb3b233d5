import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';
const CHARTS = ['tier-distribution', 'pareto', 'retention', 'cohorts', 'conversion'];

/** `1,324` → 1324. */
const toInt = (text: string | null) => Number(String(text).replace(/[^\d]/g, ''));

async function chartsDrawn(page: Page) {
  for (const chart of CHARTS) {
    await expect
      .poll(() => page.getByTestId(`chart-${chart}`).locator('canvas').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
  }
}

describe('analytics dashboards', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('draws the five dashboards, filters them by team, and exports one as xlsx', async () => {
    const context = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL('**/analytics');
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 30_000 })
      .toBe('分析看板');

    // The demo has no segments: conversion by the value tiers instead.
    await page.getByTestId('dashboard-conversion-by').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '价值等级' }).click();
    await chartsDrawn(page);
    const top20 = page.getByTestId('pareto-top20').locator('.ant-statistic-content');
    await expect.poll(() => top20.textContent()).toMatch(/\d+(\.\d)?%/);
    const customers = page.getByTestId('dashboard-pareto').locator('.ant-statistic-content').nth(1);
    const all = toInt(await customers.textContent());
    expect(all).toBeGreaterThan(0);
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await screenshot(page, 'analytics-1-dashboards-zh');

    // One team: fewer customers in every figure.
    await page.getByTestId('dashboard-filter-team').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect
      .poll(async () => toInt(await customers.textContent()), { timeout: 30_000 })
      .toBeLessThan(all);
    await chartsDrawn(page);

    // The cohort table and its xlsx (built by the server with the same filters).
    await page.getByTestId('dashboard-cohorts-view').getByText('表格').click();
    await page.getByTestId('dashboard-cohorts').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('dashboard-cohorts-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dashboard-cohorts-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cohorts-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK'); // a zip: an xlsx workbook

    // PNG of a chart.
    await page.getByTestId('dashboard-pareto-export').click();
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dashboard-pareto-png').click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/^pareto-.*\.png$/);

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Analytics dashboards');
    await page.getByTestId('dashboard-cohorts-view').getByText('Chart').click();
    await chartsDrawn(page);
    await page.waitForTimeout(800);
    await screenshot(page, 'analytics-2-dashboards-en');
    await context.close();
  });
});
