/** Regenerates the table of docs/errors.md from the catalogue: `pnpm exec tsx scripts/write-errors-doc.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '../packages/engine/src/errors';

const path = new URL('../docs/errors.md', import.meta.url);
const begin = '<!-- catalogue:begin -->';
const end = '<!-- catalogue:end -->';
const table = [
  '| code | HTTP | ข้อความ (ไทย) | message (English) |',
  '|---|---|---|---|',
  ...Object.entries(ERROR_CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.th} | ${e.en} |`),
].join('\n');
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(begin);
const stop = doc.indexOf(end);
writeFileSync(path, `${doc.slice(0, start + begin.length)}\n${table}\n${doc.slice(stop)}`);
