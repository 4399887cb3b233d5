import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useApp } from './support/app.ts';

const PASSWORD = 'demo-pass-2024';
const CUSTOMER = '苏州金鸡湖精密仪器有限公司';

describe('NPS survey', () => {
  const app = useApp({}, { customers: 150, password: PASSWORD });

  it('creates a link on a customer, answers it signed out on a phone, and sees the score on the customer', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin@demo.stratum.local', PASSWORD);

    // A fresh customer (through the API, with the session's CSRF token), then its 360 page.
    const me = (await (await page.request.get(`${app.server.url}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const created = await page.request.post(`${app.server.url}/api/v1/customers`, {
      data: { name: CUSTOMER },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(created.status()).toBe(201);
    const customerId = ((await created.json()) as { id: string }).id;
    await page.goto(`${app.server.url}/customers/${customerId}`);
    const card = page.getByTestId('customer-nps');
    await card.getByTestId('nps-none').waitFor();

    // Create a link and copy it.
    await card.getByTestId('nps-create').click();
    await page.getByTestId('nps-expiry').waitFor();
    await page.getByTestId('nps-create-ok').click();
    const linkInput = page.getByTestId('nps-link');
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`^${app.server.url}/s/[A-Za-z0-9_-]{43}$`));
    await page.getByTestId('nps-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, 'nps-1-link-zh');
    await page.getByTestId('nps-done').click();
    await card.getByTestId('nps-status-open').waitFor();

    // The customer opens it on a phone, signed out, in English (the browser's language).
    const phone = await app.browser.newContext({
      locale: 'en-US',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const survey = await phone.newPage();
    await survey.goto(link);
    await expect
      .poll(() => survey.getByTestId('survey-customer').textContent())
      .toBe(`Customer: ${CUSTOMER}`);
    expect(await survey.getByTestId('survey-from').textContent()).toContain('星河商贸有限公司');
    // Submitting without a score asks for one.
    await survey.getByTestId('survey-submit').click();
    await survey.getByTestId('survey-pick-score').waitFor();
    await survey.getByTestId('survey-score-9').click();
    await survey.getByTestId('survey-comment').fill('Fast delivery, helpful sales rep.');
    await screenshot(survey, 'nps-2-survey-mobile-en');
    await survey.getByTestId('survey-submit').click();
    await survey.getByTestId('survey-thanks').waitFor();
    await screenshot(survey, 'nps-3-thanks-mobile-en');
    // The link is single-use: opening it again says so.
    await survey.reload();
    await survey.getByTestId('survey-used').waitFor();
    expect(await survey.getByTestId('survey-used').textContent()).toContain('already been answered');
    await phone.close();

    // Back on the customer: the score and the comment.
    await page.reload();
    const latest = page.getByTestId('customer-nps').getByTestId('nps-latest');
    await expect.poll(() => latest.textContent(), { timeout: 30_000 }).toContain('9 · 推荐者');
    const history = page.getByTestId('nps-history');
    await expect.poll(() => history.textContent()).toContain('Fast delivery, helpful sales rep.');
    await history.getByTestId('nps-status-answered').waitFor();
    await screenshot(page, 'nps-4-customer-zh');

    // The NPS page: the demo's answers plus this one, charts drawn.
    await page.getByTestId('nav-nps').click();
    await page.waitForURL('**/analytics/nps');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('NPS 分析');
    for (const chart of ['chart-nps-distribution', 'chart-nps-tiers']) {
      await expect
        .poll(() => page.getByTestId(chart).locator('canvas').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    }
    expect(await page.getByTestId('nps-kpi-score').textContent()).toMatch(/[+−]?\d/);
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await screenshot(page, 'nps-5-page-zh');
    await context.close();
  });
});
