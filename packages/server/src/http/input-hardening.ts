/**
 * Hostile input, refused once at the edge before any schema, handler or
 * recursive code sees it (docs/api.md "Input rules"):
 *
 * - JSON bodies go through one parser that first scans the raw text for the
 *   nesting depth (more than {@link MAX_JSON_DEPTH} levels: 400
 *   INPUT_TOO_DEEP, before JSON.parse or any recursive walk such as the
 *   idempotency hash), then parses with Fastify's prototype-poisoning
 *   checks, then walks the value iteratively: a NUL (`\u0000`) or a lone
 *   UTF-16 surrogate anywhere, in a key or a string, is 400
 *   INPUT_CHARACTER_NOT_ALLOWED; every other string is NFC-normalised.
 * - Query strings and path parameters get the same check and normalisation
 *   (preValidation, so also on public routes such as sign-in).
 * - `text/plain` is not accepted: a body that is neither JSON nor the CSV of
 *   an import route is 415 UNSUPPORTED_MEDIA_TYPE. Body size limits come from
 *   Fastify (`bodyLimit`, checked against Content-Length before reading and
 *   while reading): 413 PAYLOAD_TOO_LARGE.
 *
 * The order of hooks matters: authentication is an `onRequest` hook, which
 * runs before the body is read, so a caller without a session is refused
 * (401) without the server reading or parsing its body.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EsaError } from '@esa-flow/engine';

/** the deepest nesting of arrays and objects a JSON body may have */
export const MAX_JSON_DEPTH = 64;

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuse(where: string, what: 'nul' | 'lone_surrogate'): EsaError {
  return new EsaError('INPUT_CHARACTER_NOT_ALLOWED', {
    issues: [
      {
        path: where,
        code: what === 'nul' ? 'nul_character' : 'lone_surrogate',
        message: what === 'nul' ? 'NUL (U+0000)' : 'lone UTF-16 surrogate',
      },
    ],
  });
}

/** `value` NFC-normalised; throws INPUT_CHARACTER_NOT_ALLOWED on a NUL or a lone surrogate. */
export function cleanText(value: string, where: string): string {
  if (value.includes(NUL)) throw refuse(where, 'nul');
  if (LONE_SURROGATE.test(value)) throw refuse(where, 'lone_surrogate');
  return value.normalize('NFC');
}

/** The nesting depth of JSON text, counted without parsing (strings skipped); stops counting past `max`. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Checks and NFC-normalises every key and string of a parsed JSON value, iteratively (no recursion). */
export function cleanJson(root: unknown, where = 'body'): unknown {
  if (typeof root === 'string') return cleanText(root, where);
  if (root === null || typeof root !== 'object') return root;
  const stack: { node: Record<string, unknown> | unknown[]; path: string }[] = [{ node: root as Record<string, unknown>, path: where }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (typeof v === 'string') node[i] = cleanText(v, `${path}.${i}`);
        else if (v !== null && typeof v === 'object') stack.push({ node: v as Record<string, unknown>, path: `${path}.${i}` });
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const cleanKey = cleanText(key, `${path}.${key}`);
      const v = node[key];
      const cleanValue = typeof v === 'string' ? cleanText(v, `${path}.${cleanKey}`) : v;
      if (cleanKey !== key) {
        delete node[key];
        Object.defineProperty(node, cleanKey, { value: cleanValue, enumerable: true, writable: true, configurable: true });
      } else if (cleanValue !== v) node[key] = cleanValue;
      if (cleanValue !== null && typeof cleanValue === 'object')
        stack.push({ node: cleanValue as Record<string, unknown>, path: `${path}.${cleanKey}` });
    }
  }
  return root;
}

function cleanRecord(record: unknown, where: string): void {
  if (record === null || typeof record !== 'object') return;
  const r = record as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    cleanText(key, `${where}.${key}`);
    const v = r[key];
    if (typeof v === 'string') r[key] = cleanText(v, `${where}.${key}`);
    else if (Array.isArray(v)) r[key] = v.map((x, i) => (typeof x === 'string' ? cleanText(x, `${where}.${key}.${i}`) : x));
  }
}

export function installInputHardening(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new EsaError('INPUT_TOO_DEEP', { maxDepth: MAX_JSON_DEPTH }), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      try {
        done(null, cleanJson(value));
      } catch (e) {
        done(e as Error, undefined);
      }
    });
  });
  app.addHook('preValidation', async (request) => {
    cleanRecord(request.query, 'querystring');
    cleanRecord(request.params, 'params');
  });
}
