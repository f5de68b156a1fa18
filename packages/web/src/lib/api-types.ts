/**
 * The API's types as the web reads them, from the generated file
 * (api.generated.ts, `pnpm run api:types`): an operation's success body by
 * its operationId. A route's schema and the web's view of it cannot drift:
 * `pnpm run check:api-types` fails when the generated file is stale, and the
 * web's typecheck fails where a page reads what the API no longer sends.
 */
import type { operations } from './api.generated';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The body of an operation's success answer (200, else 201). */
export type ApiOk<Op extends keyof operations> = operations[Op]['responses'] extends infer R
  ? R extends { 200: infer S }
    ? JsonOf<S>
    : R extends { 201: infer S }
      ? JsonOf<S>
      : never
  : never;

type ProblemOf<R> = R extends { content: { 'application/problem+json': infer P } } ? P : never;

/** The problems an operation declares (every status), e.g. `ApiProblemCode<'getCase'>` is `'CASE_NOT_FOUND' | 'UNAUTHENTICATED' | …`. */
export type ApiProblem<Op extends keyof operations> = ProblemOf<operations[Op]['responses'][keyof operations[Op]['responses']]>;
export type ApiProblemCode<Op extends keyof operations> = ApiProblem<Op> extends { code: infer C } ? C : never;

/** The JSON body an operation takes, e.g. `ApiBody<'grantRole'>['role']`: for a value a form holds as a string until it is sent. */
export type ApiBody<Op extends keyof operations> = operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;

type EventBody = ApiBody<'dispatchCaseEvent'>;

/**
 * The payload of an event, as the document declares it for
 * POST /api/cases/{caseId}/events — the payload a history row of that event
 * holds (GET /api/cases/{caseId} sends history payloads as `unknown`: a page
 * reading one names it by its event with this type).
 */
export type EventPayload<T extends EventBody['type']> = NonNullable<
  Extract<EventBody, { type: T }> extends { payload?: infer P } ? P : never
>;

/** A workflow's input (POST /api/cases), which its case's `@start` history row holds. */
export type WorkflowInput<W extends ApiBody<'startCase'>['workflowId']> = Extract<ApiBody<'startCase'>, { workflowId: W }>['input'];
