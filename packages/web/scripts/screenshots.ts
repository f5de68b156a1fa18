/**
 * The screenshots in docs/screenshots/, taken from a running `pnpm start`
 * (demo data): `pnpm exec tsx packages/web/scripts/screenshots.ts [base-url]`.
 * Each page as the person who uses it, at 1366×768 (and the inbox on a
 * phone), Thai unless the name says English.
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser, signInThroughPage } from '../test/support/browser';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = new URL('../../../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

interface Shot {
  file: string;
  user: string;
  /** a path, or a function finding it through the API as that user */
  path: string | ((get: (url: string) => Promise<unknown>) => Promise<string>);
  lang?: 'th' | 'en';
  viewport?: { width: number; height: number };
  full?: boolean;
}

const firstCase = (workflowId: string) => async (get: (url: string) => Promise<unknown>) => {
  const { items } = (await get(`/api/cases?workflowId=${workflowId}&status=active&limit=1`)) as { items: { id: string }[] };
  return `/cases/${items[0]?.id}`;
};
const firstCycle = (workflowId: string) => async (get: (url: string) => Promise<unknown>) => {
  const { items } = (await get('/api/cycles')) as { items: { id: string; workflowId: string }[] };
  return `/cycles/${items.find((c) => c.workflowId === workflowId)?.id}`;
};

const shots: Shot[] = [
  { file: 'inbox.png', user: 'hr', path: '/' },
  { file: 'inbox-en.png', user: 'hr', path: '/', lang: 'en' },
  { file: 'inbox-phone.png', user: 'hr', path: '/', viewport: { width: 390, height: 844 } },
  { file: 'case.png', user: 'hr', path: firstCase('transfer-request'), full: true },
  { file: 'file-request.png', user: 'teacher', path: '/requests/new' },
  { file: 'committees.png', user: 'hr', path: '/committees' },
  { file: 'dashboard.png', user: 'group', path: '/dashboard', full: true },
  { file: 'cycle-salary.png', user: 'hr', path: firstCycle('salary-round'), full: true },
  { file: 'admin-holidays.png', user: 'admin', path: '/admin/holidays' },
  { file: 'admin-users.png', user: 'admin', path: '/admin/users' },
  { file: 'admin-import.png', user: 'admin', path: '/admin/import' },
  { file: 'mailbox.png', user: 'hr', path: '/mailbox' },
];

const browser = await launchBrowser();
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: shot.viewport ?? { width: 1366, height: 768 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
      baseURL: base,
    });
    await context.addInitScript(
      (lang) => (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('esa-flow.lang', lang),
      shot.lang ?? 'th',
    );
    const page = await context.newPage();
    await page.goto('/');
    await signInThroughPage(page, shot.user, 'demo1234');
    const path = typeof shot.path === 'string' ? shot.path : await shot.path(async (url) => (await page.request.get(url)).json());
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}${shot.file}`, fullPage: shot.full ?? false });
    console.log(`${shot.file} ← ${shot.user} ${path}`);
    await context.close();
  }
} finally {
  await browser.close();
}
