import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';

describe('customer 360', () => {
  const app = useApp({}, { customers: 120, password: PASSWORD });

  it('creates a customer, logs a follow-up in two clicks and sees it on the timeline', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    // The list, with the demo's customers.
    await page.getByTestId('nav-customers').click();
    await page.waitForURL('**/customers');
    await expect
      .poll(() => page.getByTestId('customers-table').locator('tbody tr').count())
      .toBeGreaterThan(5);
    await screenshot(page, 'customer360-1-list-zh');

    // A new customer through the form.
    await page.getByTestId('customer-create').click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('customer-name').fill('杭州西溪数码科技有限公司');
    await form.getByTestId('customer-phone').fill('0571-88990011');
    await page.getByTestId('customer-form-submit').click();
    await expect.poll(() => form.isVisible()).toBe(false);

    await page.getByTestId('customers-search').fill('西溪数码');
    await page.getByTestId('customers-search').press('Enter');
    const link = page.getByTestId('customers-table').getByRole('link', { name: '杭州西溪数码科技有限公司' });
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await expect
      .poll(() => page.getByTestId('customer-header').getByTestId('customer-name').textContent())
      .toContain('杭州西溪数码科技有限公司');

    // Two clicks: open the follow-up form, save it.
    await page.getByTestId('customer-add-followup').click();
    await page.getByTestId('followup-content').fill('电话沟通了下季度的采购计划，客户对新款扫码枪感兴趣');
    await page.getByTestId('followup-next-nextWeek').click();
    await page.getByTestId('followup-form-submit').click();

    const timeline = page.getByTestId('customer-timeline');
    await expect.poll(() => timeline.innerText()).toContain('电话沟通了下季度的采购计划');
    await expect.poll(() => page.getByTestId('figure-last-followup').innerText()).not.toMatch(/^[\s—-]*$/);
    await screenshot(page, 'customer360-2-detail-zh');

    // Every record section renders its table (empty for a new customer) with its add button.
    for (const [tab, tables] of [
      ['订单', ['orders-table']],
      ['合同与回款', ['contracts-table', 'payments-table', 'invoices-table']],
      ['服务工单', ['tickets-table']],
      ['联系人', ['contacts-table']],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      for (const table of tables) await expect.poll(() => page.getByTestId(table).isVisible()).toBe(true);
    }
    await expect.poll(() => page.getByTestId('order-create').isVisible()).toBe(false); // on another tab now
    await page.getByRole('tab', { name: '动态' }).click();

    // The same pages in English.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await expect.poll(() => page.getByTestId('customer-timeline').innerText()).toMatch(/Call|call/);
    await screenshot(page, 'customer360-3-detail-en');
    await page.getByTestId('nav-customers').click();
    await page.waitForURL('**/customers');
    await expect
      .poll(() => page.getByTestId('customers-table').locator('tbody tr').count())
      .toBeGreaterThan(5);
    await screenshot(page, 'customer360-4-list-en');
    await context.close();
  });
});
