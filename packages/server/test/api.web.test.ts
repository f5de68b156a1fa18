/**
 * What the web application stands on (issue 10): the page served for any
 * app path and the hashed assets beside it, the workflows I may start with
 * their input schema, a workflow's state graph, and the names on a case's
 * timeline. Problems stay problem+json under /api.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEngine, engineDeps } from '@esa-flow/engine/internal';
import { buildApp, loadServerConfig } from '../src/index';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

describe('serving the web application', () => {
  it('answers index.html for app paths asked by a browser, assets with a long cache, and problems under /api', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'esa-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>esa-flow</title><script src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const app = await buildApp({
      engine: createEngine({ db: w.tdb.db, registry: engineDeps(w.engine).registry, clock: w.clock }),
      config: loadServerConfig({ COOKIE_SECURE: 'false' }),
      webDistDir: dist,
    });
    try {
      for (const url of ['/', '/cases/123', '/meetings/abc?x=1']) {
        const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });
        expect({ url, status: page.statusCode, type: page.headers['content-type'] }).toEqual({
          url,
          status: 200,
          type: 'text/html; charset=utf-8',
        });
        expect(page.body).toContain('/assets/app-1a2b.js');
        expect(page.headers['content-security-policy']).toContain("default-src 'self'");
        expect(page.headers['cache-control']).toBe('no-store');
      }
      const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      // a missing asset is not the page; an unknown API path is a problem even for a browser
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js', headers: { accept: 'text/html' } })).statusCode).toBe(404);
      const api = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { accept: 'text/html' } });
      expect({ status: api.statusCode, type: api.headers['content-type'], code: api.json().code }).toEqual({
        status: 404,
        type: 'application/problem+json; charset=utf-8',
        code: 'ROUTE_NOT_FOUND',
      });
      const json = await app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'application/json' } });
      expect(json.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await app.close();
    }
  });

  it('says how to build the pages when there is no build', async () => {
    const app = await buildApp({
      engine: w.engine,
      config: loadServerConfig({ COOKIE_SECURE: 'false' }),
      webDistDir: join(tmpdir(), 'esa-web-none'),
    });
    try {
      const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('pnpm build');
    } finally {
      await app.close();
    }
  });
});

describe('workflows for the web', () => {
  it('lists where I may start each workflow, with the input schema only where I may', async () => {
    const teacher = (await w.call('a.teacher', 'GET', '/api/workflows')).json().items as {
      id: string;
      startableAt: { officeId: string; schoolId: string | null }[];
      inputSchema: unknown;
    }[];
    const sla = teacher.find((x) => x.id === 'sample-sla')!;
    expect(sla.startableAt).toEqual([{ officeId: w.a.officeId, schoolId: w.a.schoolIds[0] }]);
    expect(sla.inputSchema).toMatchObject({ type: 'object' });
    const auditor = (await w.call('a.auditor', 'GET', '/api/workflows')).json().items as typeof teacher;
    expect(auditor.every((x) => x.startableAt.length === 0 && x.inputSchema === null)).toBe(true);
  });

  it('gives a version’s state graph with labels in both languages, and 404 for an unknown one', async () => {
    const res = await w.call('a.teacher', 'GET', '/api/workflows/sample-sla/versions/1/graph');
    expect(res.statusCode).toBe(200);
    const graph = res.json() as {
      initial: string;
      nodes: { id: string; label: { th: string; en: string }; final: boolean }[];
      edges: { from: string; to: string; event: string }[];
    };
    expect(graph.initial).toBe('review');
    expect(graph.nodes.find((n) => n.id === 'review')).toMatchObject({
      label: { th: 'ตรวจสอบเอกสาร', en: 'Document review' },
      final: false,
    });
    expect(graph.nodes.find((n) => n.id === 'approved')).toMatchObject({ final: true });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'review', to: 'revision', event: 'SEND_BACK' }),
        expect.objectContaining({ from: 'decision', to: 'approved', event: 'APPROVE' }),
      ]),
    );
    const missing = await w.call('a.teacher', 'GET', '/api/workflows/no-such/versions/1/graph');
    expect({ status: missing.statusCode, code: missing.json().code }).toEqual({ status: 404, code: 'WORKFLOW_NOT_FOUND' });
  });

  it('names who acted on the timeline and labels the current step', async () => {
    const started = (
      await w.call('a.hr', 'POST', '/api/cases', { workflowId: 'sample-sla', officeId: w.a.officeId, title: 'ทดสอบชื่อผู้ดำเนินการ', input: {} })
    ).json();
    await w.call('a.hr', 'POST', `/api/cases/${started.caseId}/events`, { type: 'FORWARD', payload: {} });
    const view = (await w.call('a.hr', 'GET', `/api/cases/${started.caseId}`)).json();
    expect(view.case.stepLabel).toEqual({ th: expect.any(String), en: expect.any(String) });
    expect(view.history.map((h: { eventType: string; actorName: string | null }) => [h.eventType, h.actorName])).toEqual([
      ['@start', expect.stringMatching(/^hr A/)],
      ['FORWARD', expect.stringMatching(/^hr A/)],
    ]);
    const listed = (await w.call('a.hr', 'GET', `/api/cases?q=${encodeURIComponent('ทดสอบชื่อผู้ดำเนินการ')}`)).json().items;
    expect(listed[0].stepLabel).toEqual(view.case.stepLabel);
  });

  it('keeps the session cookie for its lifetime whatever the browser’s clock says (Max-Age, not Expires)', async () => {
    const { username } = await w.tdb.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', w.a.users.hr.userId)
      .executeTakeFirstOrThrow();
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: 'รหัสผ่าน-ทดสอบ-1' } });
    const cookie = res.cookies.find((c) => c.name === 'esa_session')!;
    expect(cookie.maxAge).toBe(12 * 3600);
    expect(cookie.expires).toBeUndefined();
    expect(cookie.httpOnly).toBe(true);
  });
});
