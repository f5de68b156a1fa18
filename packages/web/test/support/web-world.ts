/**
 * An end-to-end world: the API and the built web application on a real
 * port (this test file's own database, a clock the test moves), and headless
 * Chromium. `as(who)` opens a fresh browser context (its own cookies) and
 * signs in through the sign-in page, the way a person does. Sessions expire
 * when the clock moves days ahead, so a test signs in again after moving it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WorkflowDefinition } from '@esa-flow/engine';
import { PASSWORD, startServerWorld, type ServerWorld } from '../../../server/test/support/server-world';
import { launchBrowser, signInThroughPage } from './browser';

export interface WebWorld extends ServerWorld {
  baseUrl: string;
  browser: Browser;
  /** a signed-in page for `a.teacher`, `a.hr`, … in a new browser context */
  /** an API call as a fixture user, signing in afresh (the clock may have moved past an earlier session) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, read field by field in tests
  api(who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<any>;
  /** `timezoneId`: the browser's time zone (Asia/Bangkok unless a test asks otherwise: the app must not depend on it) */
  as(who: string, options?: { lang?: 'th' | 'en'; viewport?: { width: number; height: number }; timezoneId?: string }): Promise<Page>;
  usernameOf(who: string): Promise<string>;
  /** uncaught errors in any page: a test expects none */
  pageErrors: string[];
}

/** `env`: server configuration on top of the test defaults (e.g. `ESA_FLOW_DEMO: '1'`). */
export async function startWebWorld(workflows?: readonly WorkflowDefinition[], env: Record<string, string> = {}): Promise<WebWorld> {
  const w = await startServerWorld(env, workflows);
  await w.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // localhost (not 127.0.0.1): the origin browsers treat as secure, as in production behind TLS
  const baseUrl = `http://localhost:${port}`;
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const usernameOf = async (who: string) => {
    const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
    const fixture = office === 'a' ? w.a : w.b;
    const row = await w.tdb.db.selectFrom('users').select('username').where('id', '=', fixture.users[key].userId).executeTakeFirstOrThrow();
    return row.username;
  };

  const world: WebWorld = {
    ...w,
    baseUrl,
    browser,
    usernameOf,
    pageErrors,
    async api(who, method, url, body) {
      const signIn = await w.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: await usernameOf(who), password: PASSWORD },
      });
      if (signIn.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${signIn.statusCode} ${signIn.body}`);
      const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
      const res = await w.app.inject({
        method,
        url,
        headers: { cookie },
        ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
      });
      if (res.statusCode >= 300) throw new Error(`${who} ${method} ${url} → ${res.statusCode} ${res.body}`);
      return res.statusCode === 204 ? null : res.json();
    },
    async as(who, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1366, height: 768 },
        locale: 'th-TH',
        timezoneId: options.timezoneId ?? 'Asia/Bangkok',
        baseURL: baseUrl,
      });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      if (options.lang)
        await context.addInitScript(
          (lang) =>
            (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
              'esa-flow.lang',
              lang,
            ),
          options.lang,
        );
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
      await page.goto('/');
      await signInThroughPage(page, await usernameOf(who), PASSWORD);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await w.close();
    },
  };
  return world;
}
