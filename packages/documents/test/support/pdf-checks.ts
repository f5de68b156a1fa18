/**
 * What the document tests read a PDF with: Debian's poppler-utils
 * (pdftotext, pdftoppm, pdffonts; installed by scripts/ensure-poppler.sh).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withPdf<T>(pdf: Uint8Array, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'esa-doc-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text in reading order (`pdftotext -raw`), whitespace runs made one space (a round's 1,091 letters too). */
export function pdfText(pdf: Uint8Array): string {
  return withPdf(pdf, (path) =>
    execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8'),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The page count and the text of each page as `pdftotext -layout` lays it out. */
export function pdfLayoutPages(pdf: Uint8Array): string[] {
  const text = withPdf(pdf, (path) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8'),
  );
  return text.split('\f').filter((p) => p.trim() !== '');
}

/** The fonts in the PDF (`pdffonts`): name and whether embedded. */
export function pdfFonts(pdf: Uint8Array): { name: string; embedded: boolean }[] {
  const out = withPdf(pdf, (path) => execFileSync('pdffonts', [path]).toString('utf8'));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type encoding emb sub uni object ID (type may be two words: "CID Type 0C")
      const yesNo = cols.filter((c) => c === 'yes' || c === 'no');
      return { name: cols[0] ?? '', embedded: yesNo[0] === 'yes' };
    });
}

/** How many images the PDF draws (`pdfimages -list`): the emblem, when there is one. */
export function pdfImageCount(pdf: Uint8Array): number {
  const out = withPdf(pdf, (path) => execFileSync('pdfimages', ['-list', path]).toString('utf8'));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '' && !/\bsmask\b/.test(l)).length;
}

/** Page 1 as PNG at 80 dpi (`pdftoppm -png -r 80 -f 1 -l 1`). */
export function firstPagePng(pdf: Uint8Array): Buffer {
  return withPdf(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', path, join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  });
}

/**
 * The lines of each paragraph or table cell, from the lines pdftotext finds
 * (`-bbox-layout`, in reading order within each flow), so consecutive lines
 * of a group are where a line was broken. pdftotext's own blocks split a
 * paragraph whose lines are spaced apart (the body's line height), so lines
 * are grouped by position: a line continues the one before when it starts
 * less than half a line below it, no further right than it (a paragraph's
 * first line is indented, the next ones are not) and not more than 3 cm left
 * of it (another column of a table starts a group of its own).
 */
export function pdfBlocks(pdf: Uint8Array): string[][] {
  const xml = withPdf(pdf, (path) => execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', path, '-']).toString('utf8'));
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const blocks: string[][] = [];
  for (const flow of xml.matchAll(/<flow>([\s\S]*?)<\/flow>/g)) {
    let prev: { xMin: number; yMax: number; height: number } | null = null;
    for (const l of (flow[1] ?? '').matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const [xMin, yMin, yMax] = [Number(l[1]), Number(l[2]), Number(l[3])];
      const text = [...(l[4] ?? '').matchAll(/<word[^>]*>([\s\S]*?)<\/word>/g)].map((w) => unescape(w[1] ?? '')).join(' ');
      const continues =
        prev !== null && yMin >= prev.yMax - 1 && yMin - prev.yMax < prev.height / 2 && xMin <= prev.xMin + 2 && xMin >= prev.xMin - 85;
      if (continues) blocks[blocks.length - 1]!.push(text);
      else blocks.push([text]);
      prev = { xMin, yMax, height: yMax - yMin };
    }
  }
  return blocks;
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const DIGIT = /[0-9\u0e50-\u0e59]/;
const LETTER = /[\p{L}\p{M}]/u;

/**
 * Every place where a line was broken inside a word: the two lines joined,
 * Intl.Segmenter('th') finds no word boundary where one ended and the next began.
 */
export function breaksInsideWords(blocks: string[][]): { before: string; after: string }[] {
  const bad: { before: string; after: string }[] = [];
  for (const lines of blocks) {
    for (let i = 0; i + 1 < lines.length; i += 1) {
      const before = (lines[i] ?? '').slice(-30);
      const after = (lines[i + 1] ?? '').slice(0, 30);
      if (before === '' || after === '' || /\s$/.test(before) || /^\s/.test(after)) continue;
      const last = before.slice(-1);
      const first = after.slice(0, 1);
      // digits on both sides: a number cut in two
      if (DIGIT.test(last) && DIGIT.test(first)) {
        bad.push({ before, after });
        continue;
      }
      // a word ends at anything that is not a letter (a number, a full stop, a bracket): pdftotext drops
      // the space a line ended with, and ICU would join a Thai digit to the Thai letters after it
      if (!LETTER.test(last) || !LETTER.test(first)) continue;
      const boundaries = new Set([...segmenter.segment(before + after)].map((s) => s.index));
      if (!boundaries.has(before.length)) bad.push({ before, after });
    }
  }
  return bad;
}

/**
 * Glyphs printed with no width (pdftotext -bbox): what Chromium leaves at the
 * foot of a page when the tip of a tone mark of the next page's first line
 * crosses the break.
 */
export function zeroWidthWords(pdf: Uint8Array): string[] {
  const xml = withPdf(pdf, (path) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-']).toString('utf8'));
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)]
    .filter((m) => m[1] === m[2])
    .map((m) => m[3] ?? '');
}

/**
 * Whether `texts` all occur in `text`, in this order; the first missing one
 * otherwise. Whitespace is left out of both: where a Thai line was broken
 * pdftotext cannot tell a space from none.
 */
export function missingInOrder(text: string, texts: readonly string[]): string | null {
  const compact = text.replace(/\s+/g, '');
  let from = 0;
  for (const t of texts) {
    const at = compact.indexOf(t.replace(/\s+/g, ''), from);
    if (at < 0) return t;
    from = at + t.replace(/\s+/g, '').length;
  }
  return null;
}
