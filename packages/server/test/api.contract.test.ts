/**
 * The API contract (issue 17): every operation of the OpenAPI document at
 * /openapi.json has an `operationId`, unique across the document, so a client
 * generated from it names each call; every authenticated operation declares
 * its problems as `application/problem+json` with the catalogue's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w?.close());

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>;
}

const operationsOf = (doc: { paths: Record<string, Record<string, Operation>> }) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document', () => {
  it('names every operation, once', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => !o.op.operationId).map((o) => o.at)).toEqual([]);
    const ids = operations.map((o) => o.op.operationId!);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
  });
});
