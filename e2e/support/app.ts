import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startAppServer, type AppServer } from './server.ts';

/**
 * The app server (started with `startAppServer(env, demo)`) and a browser for the tests of the
 * calling `describe`: started together before them, closed after them. Read `server` and `browser`
 * inside the tests (they throw before the start).
 */
export function useApp(...args: Parameters<typeof startAppServer>): {
  readonly server: AppServer;
  readonly browser: Browser;
} {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(...args), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the app server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
  };
}
