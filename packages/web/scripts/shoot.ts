/**
 * A screenshot of one page as a signed-in user, for looking at a page while
 * building it: `pnpm exec tsx packages/web/scripts/shoot.ts <base-url> <user> <path> <out.png> [width] [height] [lang]`.
 * The demo's password (demo1234) unless SHOOT_PASSWORD is set.
 */
import { launchBrowser, signInThroughPage } from '../test/support/browser';

const [base = 'http://localhost:3000', user = 'hr', path = '/', out = '/tmp/shot.png', width = '1366', height = '768', lang = 'th'] =
  process.argv.slice(2);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: Number(height) },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  await context.addInitScript((l) => localStorage.setItem('esa-flow.lang', l), lang);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('console:', m.text());
  });
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`${base}/`);
  await signInThroughPage(page, user, process.env.SHOOT_PASSWORD ?? 'demo1234');
  if (path !== '/') await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: process.env.SHOOT_FULL === '1' });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
