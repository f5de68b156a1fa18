import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ERROR_CATALOGUE, EsaError, type ErrorCode } from '../src/index';

const docPath = new URL('../../../docs/errors.md', import.meta.url);

describe('the error catalogue', () => {
  const doc = readFileSync(docPath, 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+?) \| (.+?) \|$/gm)].map((m) => ({
    code: m[1]!,
    status: Number(m[2]),
    th: m[3]!,
    en: m[4]!,
  }));

  it('is documented in docs/errors.md, code by code, with the same status and messages', () => {
    const fromCode = Object.entries(ERROR_CATALOGUE).map(([code, e]) => ({ code, status: e.status, th: e.th, en: e.en }));
    expect(documented).toEqual(fromCode);
  });

  it('gives every error a Thai and an English message and a 4xx/5xx status', () => {
    for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(e.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(e.en).toMatch(/^[A-Z].*\.$/);
      expect(e.status >= 400 && e.status < 600).toBe(true);
    }
  });

  it('serialises as code plus Thai and English message', () => {
    const e = new EsaError('CASE_NOT_FOUND' satisfies ErrorCode, { caseId: 'x' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'CASE_NOT_FOUND',
      message: { th: ERROR_CATALOGUE.CASE_NOT_FOUND.th, en: ERROR_CATALOGUE.CASE_NOT_FOUND.en },
      details: { caseId: 'x' },
    });
  });
});
