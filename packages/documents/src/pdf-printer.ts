/**
 * Prints a document's HTML to PDF with headless Chromium (driven by
 * playwright-core; Debian's chromium, or CHROMIUM_PATH). Chromium shapes Thai
 * with HarfBuzz (tone marks and vowels placed on their consonants) and breaks
 * lines between Thai words with ICU's dictionary: why Chromium,
 * docs/architecture.md "Why each dependency".
 *
 * One browser per process, started at the first print and started again if
 * it dies; a page per print in a context that reaches no network (anything
 * not inlined in the HTML is refused); at most `concurrency` prints at once,
 * the rest wait their turn. Without Chromium a print is refused with
 * DOCUMENT_RENDERER_UNAVAILABLE (503), never a crash. `close()` on shutdown.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { EsaError, processEnvironment } from '@esa-flow/engine';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags the project runs Chromium with (the browser tests use the same). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface PdfPrinterOptions {
  /** the Chromium binary; CHROMIUM_PATH or /usr/bin/chromium by default */
  executablePath?: string;
  /** prints at once; default 2 */
  concurrency?: number;
}

export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

export function createPdfPrinter(options: PdfPrinterOptions = {}): PdfPrinter {
  const executablePath = options.executablePath ?? processEnvironment().CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  const limit = Math.max(1, options.concurrency ?? 2);
  let browser: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  let running = 0;
  const waiting: (() => void)[] = [];
  let closed = false;

  const unavailable = (cause?: unknown) =>
    new EsaError('DOCUMENT_RENDERER_UNAVAILABLE', { chromiumPath: executablePath, remedy: 'scripts/ensure-chromium.sh' }, { cause });

  async function launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    if (!existsSync(executablePath)) throw unavailable();
    let b: Browser;
    try {
      b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    } catch (error) {
      throw unavailable(error);
    }
    b.on('disconnected', () => {
      browser = null;
    });
    const context = await b.newContext({ offline: true });
    // a document is whole in its HTML (fonts and images as data: URLs); nothing is fetched
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    return { browser: b, context };
  }

  function ready(): Promise<{ browser: Browser; context: BrowserContext }> {
    if (!browser) {
      const started = launch();
      browser = started;
      started.catch(() => {
        if (browser === started) browser = null;
      });
    }
    return browser;
  }

  async function turn(): Promise<void> {
    if (running < limit) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function done(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    async print(html) {
      if (closed) throw unavailable();
      await turn();
      try {
        const { context } = await ready();
        const page = await context.newPage();
        try {
          await page.setContent(html, { waitUntil: 'load' });
          // every face loaded before printing (a face the layout has not asked for yet would print in no font at all)
          await page.evaluate('Promise.all([...document.fonts].map((f) => f.load())).then(() => document.fonts.ready).then(() => true)');
          return await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: false });
        } finally {
          await page.close().catch(() => undefined);
        }
      } finally {
        done();
      }
    },
    async close() {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.browser.close().catch(() => undefined);
    },
  };
}
