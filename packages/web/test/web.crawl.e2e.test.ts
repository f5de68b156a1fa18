/**
 * The crawler guard (issue 19): every kind of demo user, in Thai and in
 * English, signs in to the demo data (`pnpm start`'s: every procedure, a
 * transfer round and a salary round under way) and walks every page reachable
 * from the menu and from the links on each page — each route pattern once
 * (ids collapse to `:id`; a case page counts once per procedure — for the
 * HR officer, once per procedure and step for the transfer rounds, the
 * transfer requests and academic standing, whose demo data has a round in
 * every phase and cases at many steps — so every one of them gets its case
 * page read, and each action form it offers is opened and read). On every page:
 *
 * - no visible text looks like a code name (snake_case, camelCase, a UUID,
 *   an ISO date or instant, an `@` system event, an UPPER_SNAKE error code),
 *   in the page's text, placeholders, option labels and titles — except
 *   what ALLOWED says on purpose and the reviewed KNOWN_LEAKS still to fix;
 * - no sideways scroll at 1366×768 nor on a 390×844 phone;
 * - axe-core finds no serious or critical accessibility violation.
 *
 * New pages are guarded by being linked: nothing here lists pages.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { engineOn } from '@esa-flow/engine/testing';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { createRegistry } from '@esa-flow/workflows';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../app/src/demo/seed-demo';
import { signInThroughPage } from './support/browser';
import { startWebWorld, type WebWorld } from './support/web-world';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const NOW = '2026-11-20T03:00:00Z'; // a Friday, 10:00 in Bangkok: the demo's rounds are under way
/** pages read per person and language at most: a bound, well above what the app has */
const MAX_PAGES = 90;
/** procedures whose case (and round) pages count once per step, not once per procedure: the demo has them at many steps */
const BY_STEP = new Set(['transfer-round', 'transfer-request', 'academic-standing']);
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** on a phone the header leaves the screen to the page: at most this many pixels of 844 */
const MAX_PHONE_HEADER = 150;

/**
 * Text shown on purpose that looks like code. Each entry says why a person
 * should read it. Removed from the text before the code-name patterns run.
 */
const ALLOWED: readonly { pattern: RegExp; page?: RegExp; why: string }[] = [
  { pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, why: 'e-mail addresses (people, mail senders) are read as written' },
  { pattern: /https?:\/\/[^\s)]+/g, why: 'links shown on purpose (the mail preview, the server address) are read as written' },
  { pattern: /\besa-flow\b/g, why: 'the product name' },
  {
    pattern: /\b(?:citizen_id|title_th|first_name_th|last_name_th|first_name_en|last_name_en|school_code)\b/g,
    page: /^\/admin\/import$/,
    why: "the import page lists each column's key beside its Thai and English names: a spreadsheet's header row may use any of them",
  },
];

/**
 * Leaks found by this crawler that are not fixed yet: each names what it is
 * and what the fix is. `token` (no `g` flag) is matched against the offending
 * text; `page` (a route pattern, optional) narrows where it is tolerated.
 * Shrink this list.
 */
const KNOWN_LEAKS: readonly { token: RegExp; page?: RegExp; what: string; fix: string }[] = [];

type Lang = 'th' | 'en';
interface Finding {
  who: string;
  lang: Lang;
  url: string;
  what: string;
}

const CODE_NAMES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'UUID', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  { kind: 'short id', pattern: /\b[0-9a-f]{8}…/g },
  { kind: 'ISO date', pattern: /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/g },
  { kind: 'error code', pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g },
  { kind: 'snake_case', pattern: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g },
  { kind: 'camelCase', pattern: /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g },
  { kind: '@event', pattern: /(?<![\w.])@[A-Za-z][\w.-]*/g },
];

let w: WebWorld;
/** the procedure of each case (with its step, for BY_STEP), to count a case page once per procedure (or step) */
const workflowOf = new Map<string, string>();
/** route patterns axe has read already */
const axed = new Set<string>();
/** one case of each procedure (and step, for BY_STEP), read by the HR officer even if no list links it */
const oneCasePerWorkflow: string[] = [];

beforeAll(async () => {
  const registry = createRegistry();
  w = await startWebWorld(registry.list(), { ESA_FLOW_DEMO: '1' });
  w.clock.set(NOW);
  const seeded = await seedDemo(engineOn(w.tdb.db, registry), registry, new Date(NOW));
  expect(seeded.skipped).toEqual([]);
  const cases = await w.tdb.db.selectFrom('cases').select(['id', 'workflow_id', 'state']).orderBy('created_at').execute();
  for (const c of cases) {
    const key = BY_STEP.has(c.workflow_id) ? `${c.workflow_id}:${c.state}` : c.workflow_id;
    if (!Array.from(workflowOf.values()).includes(key)) oneCasePerWorkflow.push(`/cases/${c.id}`);
    workflowOf.set(c.id, key);
  }
});
afterAll(() => w?.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * `/cases/<uuid>` → `/cases/:id(sop-grants)`; with `byStep` (the HR officer's walk) a BY_STEP procedure's
 * also names the step, `/cases/:id(transfer-round:scoring)`; other ids → `:id`; query values dropped.
 */
function patternOfUrl(url: URL, byStep: boolean): string {
  const key = (id: string) => (byStep ? workflowOf.get(id)! : workflowOf.get(id)!.split(':')[0]!);
  const path = url.pathname
    .split('/')
    .map((part) => (UUID.test(part) ? `:id${workflowOf.has(part) ? `(${key(part)})` : ''}` : part))
    .join('/');
  const keys = [...url.searchParams.keys()].sort();
  return keys.length > 0 ? `${path}?${keys.join('&')}` : path;
}

/** Counts the page's fetches in flight, so "settled" can mean "no request pending". */
const COUNT_FETCHES = `(() => {
  const original = window.fetch.bind(window);
  window.__pending = 0;
  window.fetch = (...args) => { window.__pending++; return original(...args).finally(() => { window.__pending--; }); };
})()`;

/** The little of the page's globals the wait reads (this file has no DOM types). */
interface PageGlobals {
  __pending: number;
  __calm?: number;
  document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> };
}

/**
 * Settled: a heading in <main>, no fetch pending and no "loading" line, for
 * three frames in a row. A function, not a string: the app's CSP refuses eval.
 */
function settled(): boolean {
  const g = globalThis as unknown as PageGlobals;
  const busy =
    g.__pending > 0 ||
    !g.document.querySelector('main h1, main h2') ||
    [...g.document.querySelectorAll('[role=status]')].some((e) => /กำลังโหลด|Loading/.test(e.textContent ?? ''));
  g.__calm = busy ? 0 : (g.__calm ?? 0) + 1;
  return g.__calm >= 3;
}

/** What a person reads: the text (SVG's too), placeholders, option labels, titles and accessible names given as attributes. */
const VISIBLE_TEXT = `(() => {
  const parts = [document.body.innerText];
  for (const e of document.querySelectorAll('[placeholder]')) parts.push(e.getAttribute('placeholder'));
  for (const e of document.querySelectorAll('option')) parts.push(e.label || e.textContent);
  for (const e of document.querySelectorAll('[title]')) parts.push(e.getAttribute('title'));
  for (const e of document.querySelectorAll('[aria-label]')) parts.push(e.getAttribute('aria-label'));
  // innerText leaves out SVG (the state diagram, charts): their text and titles are read too
  document.querySelectorAll('title, svg text').forEach((t) => parts.push(t.textContent));
  return parts.filter(Boolean).join('\\n');
})()`;

/** Same-origin links on the page (the menu included), without their hash. */
const LINKS = `[...document.querySelectorAll('a[href]')].map((a) => a.href)`;

const OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;

/** The outermost elements that stick out on the right (not inside a scroller of their own): what to fix when a page scrolls sideways. */
const STICKING_OUT = `(() => {
  const width = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const clipped = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
  const out = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > width + 1 && !clipped(e));
  return out.filter((e) => !out.includes(e.parentElement)).slice(0, 3).map((e) => name(e) + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
})()`;

function codeNamesIn(text: string, pattern: string): string[] {
  let cleaned = text;
  for (const a of ALLOWED) if (!a.page || a.page.test(pattern)) cleaned = cleaned.replace(a.pattern, ' ');
  const found: string[] = [];
  for (const { kind, pattern: p } of CODE_NAMES) {
    for (const m of cleaned.matchAll(p)) {
      const token = m[0];
      if (KNOWN_LEAKS.some((k) => k.token.test(token) && (!k.page || k.page.test(pattern)))) continue;
      const at = m.index ?? 0;
      const context = cleaned.slice(Math.max(0, at - 30), at + token.length + 30).replace(/\s+/g, ' ');
      found.push(`${kind} "${token}" in "…${context}…"`);
    }
  }
  return [...new Set(found)];
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(settled, undefined, { polling: 'raf' });
}

/** Reads one page: code names, sideways scroll at both sizes, axe. */
async function check(page: Page, who: string, lang: Lang, url: string, pattern: string, runAxe: boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (what: string) => findings.push({ who, lang, url: `${pattern} (${url})`, what });
  for (const found of codeNamesIn(await page.evaluate<string>(VISIBLE_TEXT), pattern)) add(found);
  const wide = await page.evaluate<number>(OVERFLOW);
  if (wide > 1) add(`scrolls sideways by ${wide}px at 1366×768: ${(await page.evaluate<string[]>(STICKING_OUT)).join(', ')}`);
  await page.setViewportSize(PHONE);
  await page.waitForFunction((width) => (globalThis as unknown as { innerWidth: number }).innerWidth <= width, PHONE.width);
  const narrow = await page.evaluate<number>(OVERFLOW);
  const header = await page.evaluate<number>(`document.querySelector('header')?.getBoundingClientRect().height ?? 0`);
  if (header > MAX_PHONE_HEADER) add(`the header takes ${Math.round(header)}px of 844 on a phone (at most ${MAX_PHONE_HEADER})`);
  if (narrow > 1) add(`scrolls sideways by ${narrow}px at 390×844: ${(await page.evaluate<string[]>(STICKING_OUT)).join(', ')}`);
  await page.setViewportSize(DESKTOP);
  if (runAxe) {
    if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(axeSource);
    const violations = await page.evaluate<{ id: string; impact: string; help: string; nodes: { target: string[]; html: string }[] }[]>(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) })))`,
    );
    for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      add(
        `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}; the first: ${v.nodes[0]?.html.slice(0, 300) ?? ''}`,
      );
    }
  }
  return findings;
}

/** One person in one language: signs in, then reads each route pattern once, breadth first. */
async function crawl(
  browser: Browser,
  username: string,
  lang: Lang,
  seeds: readonly string[],
  byStep: boolean,
): Promise<{ findings: Finding[]; patterns: string[] }> {
  const patternOf = (url: URL) => patternOfUrl(url, byStep);
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'th-TH', timezoneId: 'Asia/Bangkok', baseURL: w.baseUrl });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(
    (l) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('esa-flow.lang', l),
    lang,
  );
  await context.addInitScript(COUNT_FETCHES);
  const page = await context.newPage();
  page.on('pageerror', (error) => w.pageErrors.push(`${username}/${lang}: ${error.message}`));
  const findings: Finding[] = [];
  try {
    await page.goto('/');
    await signInThroughPage(page, username, DEMO_PASSWORD);
    const queue = ['/', ...seeds].map((s) => new URL(s, w.baseUrl));
    const seen = new Set<string>();
    const patterns: string[] = [];
    while (queue.length > 0 && patterns.length < MAX_PAGES) {
      const url = queue.shift()!;
      const pattern = patternOf(url);
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      patterns.push(pattern);
      await page.goto(url.href);
      await settle(page).catch((error: unknown) => {
        throw new Error(
          `${username}/${lang} ${url.pathname}: the page did not settle (${String(error)}); page errors: ${w.pageErrors.join('; ')}`,
        );
      });
      // axe reads each route pattern once, whoever reaches it first (the markup is the same in either language)
      const runAxe = !axed.has(pattern);
      axed.add(pattern);
      findings.push(...(await check(page, username, lang, url.pathname + url.search, pattern, runAxe)));
      // the action forms a case page opens with a button are pages too: open each, read its words
      const actions = page.getByRole('group', { name: /^(การดำเนินการ|Actions)$/ }).getByRole('button');
      for (let n = 0; n < (await actions.count()); n++) {
        const button = actions.nth(n);
        await button.click();
        await page
          .locator(`#${await button.getAttribute('aria-controls')} form`)
          .first()
          .waitFor();
        const action = `${pattern} [${(await button.textContent()) ?? ''}]`;
        for (const found of codeNamesIn(await page.evaluate<string>(VISIBLE_TEXT), pattern))
          findings.push({ who: username, lang, url: `${action} (${url.pathname})`, what: found });
      }
      for (const href of await page.evaluate<string[]>(LINKS)) {
        const next = new URL(href);
        next.hash = '';
        if (next.origin !== new URL(w.baseUrl).origin || next.pathname.startsWith('/api/')) continue;
        if (!seen.has(patternOf(next))) queue.push(next);
      }
    }
    // a bound reached is a finding, not a silent stop: pages left unread would go unguarded
    const unread = [...new Set(queue.map((u) => patternOf(u)).filter((p) => !seen.has(p)))];
    if (unread.length > 0)
      findings.push({ who: username, lang, url: '-', what: `more than ${MAX_PAGES} pages: ${unread.slice(0, 5).join(', ')} left unread` });
    return { findings, patterns };
  } finally {
    await context.close();
  }
}

/** Runs the jobs two at a time: this machine's cores, the server sharing them. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const n = next++;
      results[n] = await jobs[n]!();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe('the crawler guard', () => {
  it('calls the leaks of issue 19 code names, and leaves e-mail addresses, links and Thai dates alone', () => {
    const leaks = [
      'kind: normal · reason: home_district',
      'salarySatang: 2225000',
      'currentLevelSince: 2020-10-01',
      'at 2025-04-21T09:30:00Z',
      'run: ea11dc7d…',
      'ถัดไป @cycle.opened',
      'SIGN_IN_FAILED',
      'รหัสบุคคลในทะเบียน 0b8f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    ];
    for (const text of leaks) expect([text, codeNamesIn(text, '/').length > 0]).toEqual([text, true]);
    const fine = [
      'ครูกิตติ hr@demo.esa-flow.invalid',
      'ดูที่ https://esa.example.go.th/cases',
      '1 ต.ค. 2563 13.30 น.',
      'ย้ายกรณีปกติ · ภูมิลำเนา',
      'Teacher transfer request',
    ];
    for (const text of fine) expect([text, codeNamesIn(text, '/')]).toEqual([text, []]);
  });

  // CRAWL_ONLY=hr:th,teacher:en narrows the walk while fixing a leak; the tests never pass narrowed (the assertion at the end)
  const only = process.env.CRAWL_ONLY?.split(',').filter(Boolean) ?? [];
  const walk = async (roles: readonly string[]) => {
    const hr = roles.includes('hr_officer');
    const runs = DEMO_USERS.filter((u) => roles.includes(u.role))
      .flatMap((u) => (['th', 'en'] as const).map((lang) => ({ u, lang })))
      .filter(({ u, lang }) => only.length === 0 || only.includes(`${u.username}:${lang}`));
    // the HR officer reads one case of every procedure (and step): the others read case pages once per procedure
    const results = await inPairs(
      runs.map(
        ({ u, lang }) =>
          () =>
            crawl(w.browser, u.username, lang, hr ? oneCasePerWorkflow : [], hr),
      ),
    );
    return {
      report: results.flatMap((r) => r.findings).map((f) => `${f.who}/${f.lang} ${f.url}: ${f.what}`),
      read: new Set(results.flatMap((r) => r.patterns)),
    };
  };

  // three tests, each within the ten minutes a test has: the HR officer's walk (the longest), the office's other people's, the schools' people's
  it('finds no code name, no sideways scroll and no serious accessibility violation on any page the HR officer reaches — a round in every phase, every procedure and step — in Thai or English', async () => {
    const { report, read } = await walk(['hr_officer']);
    // every procedure with demo cases had a case page read (a round in every phase, requests and academic-standing cases at every step they are at)
    const procedures = [...new Set(workflowOf.values())].sort();
    expect(procedures.filter((p) => p.startsWith('transfer-round:'))).toEqual(
      ['approval', 'closed', 'orders', 'requestsOpen', 'scoring', 'screening'].map((s) => `transfer-round:${s}`),
    );
    const caseProcedures = procedures.filter((p) => [...read].some((r) => r.includes(`(${p})`)));
    expect({ procedures: caseProcedures }).toEqual({ procedures: read.size === 0 ? [] : procedures });
    expect(report).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });

  it('finds no code name, no sideways scroll and no serious accessibility violation on any page the group director, the area director, the auditor or the admin reaches, in Thai or English', async () => {
    const { report } = await walk(['group_director', 'area_director', 'auditor', 'admin']);
    expect(report).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });

  it('finds no code name, no sideways scroll and no serious accessibility violation on any page a school director or a teacher reaches, in Thai or English', async () => {
    const { report } = await walk(['school_director', 'teacher']);
    expect(report).toEqual([]);
    // every demo user is in one of the three walks
    const walked = ['hr_officer', 'group_director', 'area_director', 'auditor', 'admin', 'school_director', 'teacher'];
    expect(DEMO_USERS.filter((u) => !walked.includes(u.role)).map((u) => u.username)).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect({ narrowed: only }).toEqual({ narrowed: [] });
  });
});
