/**
 * The API contract (issue 17): every operation of the OpenAPI document at
 * /openapi.json has an `operationId`, unique across the document, so a client
 * generated from it names each call; every problem an operation can answer is
 * declared per status as `application/problem+json` whose `code` is an enum of
 * catalogue codes of that status; what a route answers is among them (here for
 * a few routes with bad input; the test world fails any test file in which an
 * operation answers a code it does not declare).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_CATALOGUE, EsaError, type ErrorCode } from '@esa-flow/engine';
import { z } from 'zod';
import { startServerWorld, type ServerWorld } from './support/server-world';
import { problems } from '../src/http/schemas';
import { buildApp, loadServerConfig } from '../src/index';

let w: ServerWorld;
let doc: Document;
beforeAll(async () => {
  w = await startServerWorld();
  doc = (await w.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(() => w?.close());

interface SchemaObject {
  $ref?: string;
  required?: string[];
  allOf?: SchemaObject[];
  properties?: Record<string, SchemaObject>;
  enum?: string[];
}
interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: SchemaObject & { oneOf?: SchemaObject[]; required?: string[] } }> };
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const operationsOf = (d: Document) =>
  Object.entries(d.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
  );

/** The codes an operation declares at `status` (the enum of its problem's `code`). */
function declaredCodes(op: Operation, status: number | string): string[] {
  const schema = op.responses?.[String(status)]?.content?.['application/problem+json']?.schema;
  return (schema?.allOf ?? []).flatMap((part) => part.properties?.code?.enum ?? []);
}

function operationById(id: string): Operation {
  const found = operationsOf(doc).find((o) => o.op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found.op;
}

describe('the OpenAPI document', () => {
  it('names every operation, once', async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => !o.op.operationId).map((o) => o.at)).toEqual([]);
    const ids = operations.map((o) => o.op.operationId!);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
  });

  it('declares every error response as application/problem+json with catalogue codes of its status', () => {
    const wrong: string[] = [];
    for (const { at, op } of operationsOf(doc)) {
      const statuses = Object.keys(op.responses ?? {}).filter((s) => Number(s) >= 400);
      if (statuses.length === 0) wrong.push(`${at}: no problem declared`);
      for (const status of statuses) {
        const content = Object.keys(op.responses![status]!.content ?? {});
        if (content.join() !== 'application/problem+json') wrong.push(`${at} ${status}: content ${content.join()}`);
        const schema = op.responses![status]!.content?.['application/problem+json']?.schema;
        if (schema?.allOf?.[0]?.$ref !== '#/components/schemas/Problem') wrong.push(`${at} ${status}: not a Problem`);
        const codes = declaredCodes(op, status);
        if (codes.length === 0) wrong.push(`${at} ${status}: no code`);
        for (const code of codes) {
          const entry = ERROR_CATALOGUE[code as ErrorCode];
          if (!entry) wrong.push(`${at} ${status}: ${code} is not in the catalogue`);
          else if (String(entry.status) !== status) wrong.push(`${at} ${status}: ${code} is a ${entry.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('adds the codes of the operation’s kind: sign-in unless public, the write checks on writes, the rate limit where there is one', () => {
    const signIn = operationById('signIn');
    expect(declaredCodes(signIn, 401)).toEqual(['SIGN_IN_FAILED']);
    expect(declaredCodes(signIn, 403)).toEqual([]);
    expect(declaredCodes(signIn, 429)).toEqual(['RATE_LIMITED']);
    expect(declaredCodes(operationById('dispatchCaseEvent'), 429)).toEqual(['RATE_LIMITED']);
    expect(declaredCodes(operationById('listCases'), 429)).toEqual([]);
    expect(declaredCodes(operationById('listCases'), 401)).toEqual(['UNAUTHENTICATED']);
    expect(declaredCodes(operationById('listCases'), 403)).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    expect(declaredCodes(operationById('dispatchCaseEvent'), 403)).toEqual(
      expect.arrayContaining(['CSRF_REFUSED', 'TOKEN_READ_ONLY', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED']),
    );
    expect(declaredCodes(operationById('dispatchCaseEvent'), 400)).toEqual(expect.arrayContaining(['INVALID_PAYLOAD', 'UNKNOWN_EVENT']));
    expect(declaredCodes(operationById('getCase'), 404)).toEqual(['CASE_NOT_FOUND']);
    for (const { op } of operationsOf(doc)) expect(declaredCodes(op, 500)).toEqual(['INTERNAL']);
  });
});

describe('the generic case commands in the document', () => {
  const branches = (operationId: string) => operationById(operationId).requestBody?.content?.['application/json']?.schema?.oneOf ?? [];

  it('types each event’s payload: one branch per event type, from the registered workflows’ schemas', () => {
    const events = branches('dispatchCaseEvent');
    const types = events.map((b) => b.properties?.type?.enum?.[0]);
    expect(types).toEqual(expect.arrayContaining(['CERTIFY', 'RETURN', 'CHECK', 'APPROVE', 'REJECT', 'WITHDRAW']));
    expect(new Set(types).size).toBe(types.length);
    const ret = events.find((b) => b.properties?.type?.enum?.[0] === 'RETURN')!;
    expect(ret.properties?.payload?.properties).toHaveProperty('note');
    expect(ret.properties?.payload?.required).toEqual(['note']);
    const check = events.find((b) => b.properties?.type?.enum?.[0] === 'CHECK')!;
    expect(check.properties?.payload?.properties).toHaveProperty('score');
  });

  it('types each workflow’s input when a case is opened', () => {
    const starts = branches('startCase');
    const approval = starts.find((b) => b.properties?.workflowId?.enum?.[0] === 'sample-approval')!;
    expect(approval.properties?.input?.properties).toHaveProperty('amount');
    expect(approval.required).toEqual(expect.arrayContaining(['workflowId', 'officeId', 'title', 'input']));
  });
});

describe('what the routes answer', () => {
  /** calls a route and checks its problem's code is one its operation declares at that status */
  async function expectDeclared(
    operationId: string,
    who: string | null,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<string> {
    const res = await w.call(who, method, url, body, headers);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const { code, status } = res.json() as { code: string; status: number };
    expect(status).toBe(res.statusCode);
    expect(declaredCodes(operationById(operationId), res.statusCode)).toContain(code);
    return code;
  }

  it('answers bad input with a code the operation declares', async () => {
    const opened = await w.call('a.teacher', 'POST', '/api/cases', {
      workflowId: 'sample-approval',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title: 'สัญญา API',
      input: { amount: 5 },
    });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json() as { caseId: string };
    const events = `/api/cases/${caseId}/events`;
    const answered = [
      await expectDeclared('listCases', null, 'GET', '/api/cases'),
      await expectDeclared('listCases', 'a.hr', 'GET', '/api/cases?limit=0'),
      await expectDeclared('getCase', 'b.hr', 'GET', `/api/cases/${caseId}`),
      await expectDeclared('startCase', 'a.teacher', 'POST', '/api/cases', {
        workflowId: 'no-such-workflow',
        officeId: w.a.officeId,
        title: 'x',
        input: {},
      }),
      await expectDeclared('startCase', 'a.teacher', 'POST', '/api/cases', {
        workflowId: 'sample-approval',
        officeId: w.a.officeId,
        schoolId: w.a.schoolIds[0],
        subjectPersonId: w.a.users.teacher.personId,
        title: 'x',
        input: { amount: 'many' },
      }),
      await expectDeclared('dispatchCaseEvent', 'a.director', 'POST', events, { type: 'NO_SUCH_EVENT', payload: {} }),
      await expectDeclared('dispatchCaseEvent', 'a.director', 'POST', events, { type: 'RETURN', payload: { note: '' } }),
      await expectDeclared('dispatchCaseEvent', 'a.director', 'POST', events, { type: 'CERTIFY', payload: {} }, { 'if-match': '"9"' }),
      await expectDeclared('dispatchCaseEvent', 'a.hr', 'POST', events, { type: 'CERTIFY', payload: {} }),
      await expectDeclared('dispatchCaseEvent', 'a.director', 'POST', events, { type: 'APPROVE', payload: { orderNo: '1/2568' } }),
      await expectDeclared('extendCaseDeadline', 'a.director', 'POST', `/api/cases/${caseId}/deadline-extensions`, {
        newDueAt: 'tomorrow',
        reason: 'x',
      }),
    ];
    expect(answered).toEqual([
      'UNAUTHENTICATED',
      'INVALID_PAYLOAD',
      'CASE_NOT_FOUND',
      'WORKFLOW_NOT_FOUND',
      'INVALID_INPUT',
      'UNKNOWN_EVENT',
      'INVALID_PAYLOAD',
      'REVISION_CONFLICT',
      'FORBIDDEN',
      'FORBIDDEN',
      'INVALID_PAYLOAD',
    ]);
  });

  it('reports a code the operation does not declare, and still answers it as the problem it is', async () => {
    const reported: unknown[] = [];
    const app = await buildApp({
      engine: w.engine,
      config: loadServerConfig({ COOKIE_SECURE: 'false' }),
      onUndeclaredProblem: (p) => reported.push(p),
      routes: [
        (a) =>
          a.get(
            '/api/contract-probe',
            {
              config: { public: true },
              schema: { operationId: 'contractProbe', response: { 200: z.object({}), ...problems('CASE_NOT_FOUND') } },
            },
            async () => {
              throw new EsaError('FILE_NOT_FOUND');
            },
          ),
      ],
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/contract-probe' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'FILE_NOT_FOUND' });
      expect(reported).toEqual([{ operationId: 'contractProbe', status: 404, code: 'FILE_NOT_FOUND' }]);
    } finally {
      await app.close();
    }
  });
});
