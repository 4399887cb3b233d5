import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';
/** Pages load lazily and the 2-core CI machine is shared: give the UI time. */
const WAIT = { timeout: 15_000 };
const poll = <T>(fn: () => T | Promise<T>, options = WAIT) => expect.poll(fn, options);

/**
 * Opens the antd Select `testId` and picks the option whose text is exactly `label` (typed first, as
 * long option lists are virtual: only the visible options are in the page).
 */
async function pick(page: Page, testId: string, label: string, search = true) {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await page.keyboard.type(label);
  // The dropdown of this select (others may still be closing): the one holding its listbox.
  const listId = await select.locator('input').first().getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  await dropdown
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .click();
}

/** The `<input>` of an input whose test id sits on the input or on a wrapper. */
async function inputOf(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  return (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
}

/** How many customers the list filter selects, straight from the API (what the live count must show). */
async function listTotal(page: Page, base: string, rule: unknown): Promise<number> {
  const res = await page.request.get(
    `${base}/api/v1/customers?pageSize=1&filter=${encodeURIComponent(JSON.stringify(rule))}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

async function login(page: Page, url: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill('admin@demo.stratum.local');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('page-title').textContent()).toMatch(/^(工作台|Home)$/);
  // The language chosen last time is kept per user: start each test in Chinese.
  if ((await page.getByTestId('lang-switch').getAttribute('data-lang')) !== 'zh-CN') {
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('zh-CN');
  }
  await poll(() => page.getByTestId('page-title').textContent()).toBe('工作台');
}

describe('tags and segments', () => {
  const app = useApp({}, { customers: 300, password: PASSWORD });

  it('builds a dynamic segment with a live count, saves it, lists its members and opens it as a list', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, app.server.url);

    await page.getByTestId('nav-segments').click();
    await page.waitForURL('**/segmentation/segments');
    await poll(() => page.getByTestId('page-title').textContent()).toBe('客户分群');
    await page.getByTestId('segment-create').click();
    await page.waitForURL('**/segmentation/segments/new');

    // province = 浙江 AND lifetime spend ≥ 10000, with the live count following the rule.
    await page.getByTestId('segment-name').fill('浙江万元客户');
    await pick(page, 'filter-field-0', '省份');
    await (await inputOf(page, 'filter-value-0')).fill('浙江');
    const zhejiang = await listTotal(page, app.server.url, { field: 'province', op: 'eq', value: '浙江' });
    expect(zhejiang).toBeGreaterThan(0);
    await poll(() => page.getByTestId('rule-preview-result').getAttribute('data-count'), {
      timeout: 15_000,
    }).toBe(String(zhejiang));

    await page.getByTestId('filter-add').click();
    await pick(page, 'filter-field-1', '累计消费');
    await pick(page, 'filter-op-1', '大于等于', false);
    await (await inputOf(page, 'filter-value-1')).fill('10000');
    const rule = {
      and: [
        { field: 'province', op: 'eq', value: '浙江' },
        { field: 'total_spend', op: 'gte', value: '10000' },
      ],
    };
    const expected = await listTotal(page, app.server.url, rule);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(zhejiang);
    await poll(() => page.getByTestId('rule-preview-result').getAttribute('data-count'), {
      timeout: 15_000,
    }).toBe(String(expected));
    await poll(() => page.getByTestId('rule-preview-sample').locator('a').count()).toBeGreaterThan(0);
    await screenshot(page, 'segments-1-builder-zh');

    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segmentation\/segments\/[0-9a-f-]{36}$/);
    const segmentId = page.url().split('/').pop()!;
    await poll(() => page.getByTestId('page-title').textContent()).toBe('浙江万元客户');
    await poll(() => page.getByTestId('segment-count').getAttribute('data-count')).toBe(String(expected));
    const members = page.getByTestId('segment-members').locator('tbody tr.ant-table-row');
    await poll(() => members.count(), { timeout: 15_000 }).toBe(Math.min(expected, 20));
    await page.getByTestId('segment-tab-events').click();
    await poll(() =>
      page.getByTestId('segment-events').locator('tbody tr.ant-table-row').count(),
    ).toBeGreaterThan(0);
    await page.getByTestId('segment-tab-members').click();
    await screenshot(page, 'segments-2-segment-zh');

    // Open as list: the customer list filtered by the segment, the condition shown by the segment's name.
    await page.getByTestId('segment-open-list').click();
    await page.waitForURL('**/customers**');
    await poll(() => page.locator('.ant-pagination-total-text').textContent()).toContain(String(expected));
    await poll(() => page.getByTestId('filter-value-0').textContent()).toContain('浙江万元客户');
    await poll(() => page.getByTestId('filter-field-0').textContent()).toContain('客户分群');
    await screenshot(page, 'segments-3-as-list-zh');

    // The list view and the segment list agree.
    await page.getByTestId('nav-segments').click();
    await poll(() => page.getByTestId(`segment-count-${segmentId}`).textContent()).toBe(
      expected.toLocaleString('en-US'),
    );

    // English: the same pages, every word in English.
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await poll(() => page.getByTestId('page-title').textContent()).toBe('Segments');
    await page.getByTestId(`segment-link-${segmentId}`).click();
    await poll(() => page.getByTestId('segment-tab-members').textContent()).toContain('Members');
    await poll(() => page.getByTestId('filter-field-0').textContent()).toContain('Province');
    await screenshot(page, 'segments-4-segment-en');
    await context.close();
  }, 180_000);

  it('creates a tag with an auto-tag rule, shows its count, and tags a customer by hand from the list', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, app.server.url);

    await page.getByTestId('nav-tags').click();
    await page.waitForURL('**/segmentation/tags');
    await poll(() => page.getByTestId('page-title').textContent()).toBe('标签管理');
    const card = (name: string) =>
      page.locator('[data-testid^="tag-group-"].ant-card').filter({
        has: page.locator('.ant-card-head-title', { hasText: new RegExp(`^${name}`) }),
      });

    // An auto-tag: lifetime spend ≥ 20000 → 规模: 大额客户, with the live count while editing (a group the
    // demo leaves empty, so its one tag is ours).
    await card('规模').locator('[data-testid^="tag-create-"]').click();
    await page.getByTestId('tag-name').fill('大额客户');
    await page.getByTestId('tag-auto').click();
    await pick(page, 'filter-field-0', '累计消费');
    await pick(page, 'filter-op-0', '大于等于', false);
    await (await inputOf(page, 'filter-value-0')).fill('20000');
    const expected = await listTotal(page, app.server.url, {
      field: 'total_spend',
      op: 'gte',
      value: '20000',
    });
    expect(expected).toBeGreaterThan(0);
    await poll(() => page.getByTestId('rule-preview-result').getAttribute('data-count'), {
      timeout: 15_000,
    }).toBe(String(expected));
    await screenshot(page, 'segments-5-auto-tag-zh');
    await page.getByTestId('tag-save').click();
    const autoTag = card('规模').locator('[data-testid^="tag-count-"]');
    await poll(() => autoTag.getAttribute('data-count'), { timeout: 15_000 }).toBe(String(expected));
    await poll(() => card('规模').textContent()).toContain('累计消费 大于等于 ¥20,000.00');

    // A manual tag, then tag the first customer of the list with it.
    await card('行业').locator('[data-testid^="tag-create-"]').click();
    await page.getByTestId('tag-name').fill('重点行业');
    await page.getByTestId('tag-save').click();
    const manual = card('行业').locator('[data-testid^="tag-count-"]');
    await poll(() => manual.getAttribute('data-count')).toBe('0');
    await poll(() => page.locator('.ant-modal:visible').count()).toBe(0);
    await screenshot(page, 'segments-6-tags-zh');

    await page.getByTestId('nav-customers').click();
    await page.waitForURL('**/customers');
    const firstRow = page.getByTestId('customers-table').locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor({ timeout: 15_000 });
    await firstRow.locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-tag').click();
    await pick(page, 'bulk-tags-select', '重点行业');
    await page.keyboard.press('Escape');
    await screenshot(page, 'segments-7-bulk-tag-zh');
    await page.getByTestId('bulk-tags-ok').click();
    await poll(() => page.locator('.ant-message').textContent()).toContain('已处理 1 个客户');

    await page.goto(`${app.server.url}/segmentation/tags`);
    await poll(() => manual.getAttribute('data-count'), { timeout: 15_000 }).toBe('1');

    // Its count opens the list filtered by the tag: that one customer.
    await manual.click();
    await page.waitForURL('**/customers**');
    await poll(() => page.getByTestId('customers-table').locator('tbody tr.ant-table-row').count(), {
      timeout: 15_000,
    }).toBe(1);
    await poll(() => page.getByTestId('filter-value-0').textContent()).toContain('行业: 重点行业');

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await page.getByTestId('nav-tags').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('Tags');
    await poll(() => card('Size').textContent()).toContain('Lifetime spend');
    await screenshot(page, 'segments-8-tags-en');
    await context.close();
  }, 180_000);
});
