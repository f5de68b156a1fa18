/**
 * Cross-area transfers between two offices on this esa-flow (Act ม.59;
 * docs/workflows/transfer.md "Moves to another area"): the engine's door to
 * the `transfer_exchanges` table. A request for another office's vacancy is
 * forwarded to that office's round (one row per request, unique), which
 * ranks it with its own applicants; its อ.ก.ค.ศ.'s decision is recorded here
 * and returned to the sending request. What each office may read is decided
 * by the callers (the transfer workflows' exchange service): these functions
 * are not scoped.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

export type TransferExchangeState = 'forwarded' | 'ranked' | 'decided' | 'returned';

export interface TransferExchange {
  id: string;
  requestCaseId: string;
  /** the sending request's step now (a returned placement holds its seat while the request goes on) */
  requestState: string;
  requestStatus: 'active' | 'done';
  sendingOfficeId: string;
  sendingOfficeName: string;
  sendingRoundCaseId: string;
  receivingOfficeId: string;
  receivingOfficeName: string;
  receivingRoundCaseId: string;
  candidate: unknown;
  state: TransferExchangeState;
  placement: unknown;
  explanation: unknown;
  decision: 'approved' | 'rejected' | null;
  resolutionRef: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  forwardedAt: string;
  rankedAt: string | null;
  decidedAt: string | null;
  returnedAt: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const localDate = (d: Date | string | null): string | null => {
  if (d === null) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function exchangeQuery(db: Kysely<DB>) {
  return db
    .selectFrom('transfer_exchanges as x')
    .innerJoin('cases as r', 'r.id', 'x.request_case_id')
    .innerJoin('offices as so', 'so.id', 'x.sending_office_id')
    .innerJoin('offices as ro', 'ro.id', 'x.receiving_office_id')
    .selectAll('x')
    .select([
      'r.state as request_state',
      'r.status as request_status',
      'so.name_th as sending_office_name',
      'ro.name_th as receiving_office_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof exchangeQuery>['executeTakeFirstOrThrow']>>;
function toExchange(r: Row): TransferExchange {
  return {
    id: r.id,
    requestCaseId: r.request_case_id,
    requestState: r.request_state,
    requestStatus: r.request_status === 'done' ? 'done' : 'active',
    sendingOfficeId: r.sending_office_id,
    sendingOfficeName: r.sending_office_name,
    sendingRoundCaseId: r.sending_round_case_id,
    receivingOfficeId: r.receiving_office_id,
    receivingOfficeName: r.receiving_office_name,
    receivingRoundCaseId: r.receiving_round_case_id,
    candidate: r.candidate,
    state: r.state as TransferExchangeState,
    placement: r.placement,
    explanation: r.explanation,
    decision: r.decision as TransferExchange['decision'],
    resolutionRef: r.resolution_ref,
    decidedOn: localDate(r.decided_on),
    decidedBy: r.decided_by,
    forwardedAt: iso(r.forwarded_at)!,
    rankedAt: iso(r.ranked_at),
    decidedAt: iso(r.decided_at),
    returnedAt: iso(r.returned_at),
  };
}

/** The exchanges of a round, as receiver (`receivingRoundCaseId`) or sender (`sendingRoundCaseId`), of one request, or of a receiving office whose requests are at a step; in forwarding order. */
export async function listTransferExchanges(
  db: Kysely<DB>,
  by:
    | { receivingRoundCaseId: string }
    | { sendingRoundCaseId: string }
    | { requestCaseId: string }
    | { id: string }
    | { receivingOfficeId: string; requestState: string },
): Promise<TransferExchange[]> {
  let q = exchangeQuery(db);
  if ('receivingRoundCaseId' in by) q = q.where('x.receiving_round_case_id', '=', by.receivingRoundCaseId);
  else if ('receivingOfficeId' in by)
    q = q.where('x.receiving_office_id', '=', by.receivingOfficeId).where('r.state', '=', by.requestState).where('r.status', '=', 'active');
  else if ('sendingRoundCaseId' in by) q = q.where('x.sending_round_case_id', '=', by.sendingRoundCaseId);
  else if ('requestCaseId' in by) q = q.where('x.request_case_id', '=', by.requestCaseId);
  else q = q.where('x.id', '=', by.id);
  const rows = await q.orderBy('x.forwarded_at').orderBy('x.id').execute();
  return rows.map(toExchange);
}

/** One exchange locked for a change (the decision): a second decision waits, then finds it decided. */
export async function lockTransferExchange(trx: Transaction<DB>, id: string): Promise<TransferExchange | undefined> {
  const locked = await trx.selectFrom('transfer_exchanges').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!locked) return undefined;
  const [x] = await listTransferExchanges(trx, { id });
  return x;
}

/**
 * Forwards a request (in the sending round's publication): one row per
 * request. A request already forwarded keeps its row (the answer is the
 * existing one, `created: false`).
 */
export async function insertTransferExchange(
  trx: Transaction<DB>,
  x: {
    requestCaseId: string;
    sendingOfficeId: string;
    sendingRoundCaseId: string;
    receivingOfficeId: string;
    receivingRoundCaseId: string;
    candidate: unknown;
    at: Date;
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await trx
    .insertInto('transfer_exchanges')
    .values({
      request_case_id: x.requestCaseId,
      sending_office_id: x.sendingOfficeId,
      sending_round_case_id: x.sendingRoundCaseId,
      receiving_office_id: x.receivingOfficeId,
      receiving_round_case_id: x.receivingRoundCaseId,
      candidate: JSON.stringify(x.candidate),
      state: 'forwarded',
      forwarded_at: x.at,
    })
    .onConflict((oc) => oc.column('request_case_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await trx
    .selectFrom('transfer_exchanges')
    .select('id')
    .where('request_case_id', '=', x.requestCaseId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** The receiving round's published matching placed the request (or not). */
export async function markTransferExchangeRanked(
  trx: Transaction<DB>,
  id: string,
  r: { placement: unknown; explanation: unknown; at: Date },
): Promise<void> {
  await trx
    .updateTable('transfer_exchanges')
    .set({
      state: 'ranked',
      placement: r.placement === null ? null : JSON.stringify(r.placement),
      explanation: JSON.stringify(r.explanation),
      ranked_at: r.at,
    })
    .where('id', '=', id)
    .where('state', '=', 'forwarded')
    .execute();
}

/** The receiving office's อ.ก.ค.ศ. decided, and the decision was delivered to the sending request (one transaction). */
export async function markTransferExchangeReturned(
  trx: Transaction<DB>,
  id: string,
  d: { decision: 'approved' | 'rejected'; resolutionRef: string; decidedOn: string; decidedBy: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('transfer_exchanges')
    .set({
      state: 'returned',
      decision: d.decision,
      resolution_ref: d.resolutionRef,
      decided_on: sql`${d.decidedOn}::date`,
      decided_by: d.decidedBy,
      decided_at: d.at,
      returned_at: d.at,
    })
    .where('id', '=', id)
    .where('state', '=', 'ranked')
    .execute();
}

/** Offices by their code (a vacancy of another area names the area by code): id and Thai name. */
export async function officesByCode(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, { id: string; nameTh: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('offices')
    .select(['id', 'code', 'name_th'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, nameTh: r.name_th }]));
}

/**
 * The active cases of a workflow at one of `states` in offices other than
 * `exceptOfficeId` (e.g. the transfer rounds of other offices that take
 * cross-area applicants), with their office and snapshot. Not scoped: the
 * caller chooses what of each it shows.
 */
export async function activeCasesOfOtherOffices(
  db: Kysely<DB>,
  opts: { workflowId: string; states: readonly string[]; exceptOfficeId: string },
): Promise<
  { caseId: string; officeId: string; officeCode: string; officeNameTh: string; title: string; state: string; snapshot: unknown }[]
> {
  if (opts.states.length === 0) return [];
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('offices as o', 'o.id', 'c.office_id')
    .select(['c.id', 'c.office_id', 'o.code', 'o.name_th', 'c.title', 'c.state', 'c.snapshot'])
    .where('c.workflow_id', '=', opts.workflowId)
    .where('c.status', '=', 'active')
    .where('c.state', 'in', [...opts.states])
    .where('c.office_id', '<>', opts.exceptOfficeId)
    .orderBy('o.code')
    .orderBy('c.created_at')
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    officeId: r.office_id,
    officeCode: r.code,
    officeNameTh: r.name_th,
    title: r.title,
    state: r.state,
    snapshot: r.snapshot,
  }));
}
