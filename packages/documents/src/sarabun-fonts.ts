/**
 * Sarabun (the typeface of Thai government documents, from
 * `@fontsource/sarabun`) as @font-face rules with the font files inlined as
 * data URLs, so a document needs nothing from the network or the disk once
 * it is printed: Chromium embeds the glyphs it used in the PDF. Regular and
 * bold, each in its Thai and Latin parts (unicode-range as fontsource
 * splits them). Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FACES: { file: string; weight: 400 | 700; range: string }[] = [
  { file: 'sarabun-thai-400-normal.woff2', weight: 400, range: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC' },
  {
    file: 'sarabun-latin-400-normal.woff2',
    weight: 400,
    range:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  },
  { file: 'sarabun-thai-700-normal.woff2', weight: 700, range: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC' },
  {
    file: 'sarabun-latin-700-normal.woff2',
    weight: 700,
    range:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  },
];

let css: string | null = null;

export function sarabunFontFaces(): string {
  css ??= FACES.map((f) => {
    const bytes = readFileSync(require.resolve(`@fontsource/sarabun/files/${f.file}`));
    return `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${f.weight};font-display:block;src:url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2');unicode-range:${f.range};}`;
  }).join('\n');
  return css;
}
