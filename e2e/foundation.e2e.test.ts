import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useApp } from './support/app.ts';

/**
 * Visible text with CJK characters, ignoring the language switch (it names the other language) and
 * toast notices (a notice shown just before switching fades out in the language it was shown in).
 */
async function cjkText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[data-testid="lang-switch"], .ant-message') || !el.checkVisibility?.()) continue;
      if (/[\u3400-\u9fff]/.test(n.textContent ?? '')) out.push(n.textContent!.trim());
    }
    return out;
  });
}

describe('first sign-in, language switch, sign out', () => {
  const app = useApp();

  it('walks a new user from the one-time admin sign-up to signed out, in Chinese then English', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();

    // A fresh install shows the one-time first-admin page, in Chinese for a Chinese app.browser.
    await page.goto(app.server.url);
    await page.waitForURL('**/setup');
    await page.getByTestId('setup-workspace').fill('Acme Trading');
    await page.getByTestId('setup-name').fill('Li Lei');
    await page.getByTestId('setup-email').fill('Admin@Acme.test');
    await page.getByTestId('setup-password').fill('first-admin-pass');
    await page.getByTestId('setup-password-confirm').fill('first-admin-pass');
    await screenshot(page, 'foundation-1-setup-zh');
    await page.getByTestId('setup-submit').click();

    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('工作台');
    await expect.poll(() => page.locator('.ant-layout-sider').innerText()).toContain('用户');
    await screenshot(page, 'foundation-2-home-zh');

    // Switch to English: everything changes at once, nothing left in Chinese.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    await expect.poll(() => page.getByTestId('page-title').textContent()).not.toBe('工作台');
    await expect.poll(() => cjkText(page)).toEqual([]);
    await screenshot(page, 'foundation-3-home-en');

    await page.goto(`${app.server.url}/settings/users`);
    await expect.poll(() => page.getByTestId('users-table').innerText()).toContain('admin@acme.test');
    expect(await cjkText(page)).toEqual([]);
    await screenshot(page, 'foundation-4-users-en');

    // Sign out: back to the sign-in page, still in English; the old session is gone on the app.server.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    expect(await cjkText(page)).toEqual([]);
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status));
    expect(me).toBe(401);
    await screenshot(page, 'foundation-5-login-en');

    // The sign-up page is gone for good; signing in works.
    await page.goto(`${app.server.url}/setup`);
    await page.waitForURL('**/login');
    await page.getByTestId('login-email').fill('admin@acme.test');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').innerText())
      .toContain('Incorrect email or password');
    await page.getByTestId('login-password').fill('first-admin-pass');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Home');
    await context.close();
  });
});
