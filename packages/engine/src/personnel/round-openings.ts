/**
 * Opening a salary round's appraisals from the person records (docs/personnel.md
 * "The round from the records"): the office's setting that lets the worker do
 * it on 1 April / 1 October, and the claim and progress of each opening, so
 * that an office's round is opened once however many workers look at it.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/actor';
import { personNameTh } from '../access/person-name';
import { isUuid } from '../case/case.repository';
import type { Database } from '../db/database';
import { EsaError } from '../errors';

export interface SalaryRoundSettings {
  officeId: string;
  /** 0 while the office never changed it */
  version: number;
  autoOpen: boolean;
  changedAt: Date | null;
  changedByName: string | null;
}

export async function salaryRoundSettingsOf(db: Database, officeId: string): Promise<SalaryRoundSettings> {
  const row = isUuid(officeId)
    ? await db
        .selectFrom('office_salary_round_settings as s')
        .innerJoin('users as u', 'u.id', 's.changed_by')
        .leftJoin('people as p', 'p.id', 'u.person_id')
        .select(['s.version', 's.auto_open', 's.changed_at', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
        .where('s.office_id', '=', officeId)
        .orderBy('s.version', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!row) return { officeId, version: 0, autoOpen: false, changedAt: null, changedByName: null };
  return {
    officeId,
    version: row.version,
    autoOpen: row.auto_open,
    changedAt: row.changed_at,
    changedByName: personNameTh(row) ?? row.username,
  };
}

/** Turns the worker's opening on or off, by an admin or HR officer of the office (office-wide). The same value again writes nothing. */
export async function changeSalaryRoundSettings(
  db: Database,
  a: { actor: Actor; officeId: string; autoOpen: boolean; now: Date },
): Promise<{ settings: SalaryRoundSettings; changed: boolean }> {
  const allowed =
    a.actor.kind === 'user' &&
    a.actor.grants.some((g) => g.officeId === a.officeId && g.schoolId === null && (g.role === 'admin' || g.role === 'hr_officer'));
  if (!allowed) throw new EsaError('FORBIDDEN', { action: 'change_salary_round_settings', officeId: a.officeId });
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('offices').select('id').where('id', '=', a.officeId).forUpdate().executeTakeFirstOrThrow();
    const current = await salaryRoundSettingsOf(trx, a.officeId);
    if (current.autoOpen === a.autoOpen) return { settings: current, changed: false };
    await trx
      .insertInto('office_salary_round_settings')
      .values({ office_id: a.officeId, version: current.version + 1, auto_open: a.autoOpen, changed_by: a.actor.id, changed_at: a.now })
      .execute();
    return { settings: await salaryRoundSettingsOf(trx, a.officeId), changed: true };
  });
}

/** The offices whose latest setting lets the worker open their rounds. */
export async function officesOpeningRoundsFromRecords(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom('office_salary_round_settings as s')
    .select('s.office_id')
    .where('s.auto_open', '=', true)
    .where((eb) =>
      eb(
        's.version',
        '=',
        eb
          .selectFrom('office_salary_round_settings as t')
          .select((t) => t.fn.max('t.version').as('v'))
          .whereRef('t.office_id', '=', 's.office_id'),
      ),
    )
    .execute();
  return rows.map((r) => r.office_id);
}

export interface RoundOpening {
  officeId: string;
  fiscalYearBe: number;
  round: number;
  caseId: string;
  asOf: string;
  status: 'running' | 'done' | 'failed';
  openedBy: string;
  done: number;
  total: number;
  considered: number | null;
  notConsidered: number | null;
  rejected: number | null;
  error: string | null;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
}

type OpeningRow = {
  office_id: string;
  fiscal_year_be: number;
  round: number;
  case_id: string;
  as_of: string;
  status: string;
  opened_by: string;
  done: number;
  total: number;
  considered: number | null;
  not_considered: number | null;
  rejected: number | null;
  error: string | null;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
};
const view = (r: OpeningRow): RoundOpening => ({
  officeId: r.office_id,
  fiscalYearBe: r.fiscal_year_be,
  round: r.round,
  caseId: r.case_id,
  asOf: r.as_of,
  status: r.status as RoundOpening['status'],
  openedBy: r.opened_by,
  done: r.done,
  total: r.total,
  considered: r.considered,
  notConsidered: r.not_considered,
  rejected: r.rejected,
  error: r.error,
  startedAt: r.started_at,
  heartbeatAt: r.heartbeat_at,
  finishedAt: r.finished_at,
});

/** A running opening silent this long is taken to have died with its process. */
export const ROUND_OPENING_STALE_MS = 10 * 60_000;

/**
 * Claims the opening of an office's round: true for exactly one caller while
 * none is done or running (a failed one, or one silent for ten minutes, may
 * be claimed again).
 */
export async function claimRoundOpening(
  db: Database,
  a: { officeId: string; fiscalYearBe: number; round: number; caseId: string; asOf: string; by: string; now: Date },
): Promise<{ claimed: boolean; opening: RoundOpening }> {
  const stale = new Date(a.now.getTime() - ROUND_OPENING_STALE_MS);
  const claimed = await db
    .insertInto('salary_round_openings')
    .values({
      office_id: a.officeId,
      fiscal_year_be: a.fiscalYearBe,
      round: a.round,
      case_id: a.caseId,
      as_of: a.asOf,
      status: 'running',
      opened_by: a.by,
      started_at: a.now,
      heartbeat_at: a.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'fiscal_year_be', 'round'])
        .doUpdateSet({
          status: 'running',
          opened_by: a.by,
          case_id: a.caseId,
          as_of: a.asOf,
          done: 0,
          total: 0,
          error: null,
          started_at: a.now,
          heartbeat_at: a.now,
          finished_at: null,
        })
        .where((eb) =>
          eb.or([
            eb('salary_round_openings.status', '=', 'failed'),
            eb.and([eb('salary_round_openings.status', '=', 'running'), eb('salary_round_openings.heartbeat_at', '<', stale)]),
          ]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return { claimed: true, opening: view(claimed) };
  const row = await db
    .selectFrom('salary_round_openings')
    .selectAll()
    .where('office_id', '=', a.officeId)
    .where('fiscal_year_be', '=', a.fiscalYearBe)
    .where('round', '=', a.round)
    .executeTakeFirstOrThrow();
  return { claimed: false, opening: view(row) };
}

/** Progress of a claimed opening (the holder only). */
export async function reportRoundOpening(
  db: Database,
  key: { officeId: string; fiscalYearBe: number; round: number; by: string },
  p: {
    now: Date;
    done?: number;
    total?: number;
    status?: 'done' | 'failed';
    considered?: number;
    notConsidered?: number;
    rejected?: number;
    error?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('salary_round_openings')
    .set({
      heartbeat_at: p.now,
      ...(p.done !== undefined ? { done: p.done } : {}),
      ...(p.total !== undefined ? { total: p.total } : {}),
      ...(p.considered !== undefined ? { considered: p.considered } : {}),
      ...(p.notConsidered !== undefined ? { not_considered: p.notConsidered } : {}),
      ...(p.rejected !== undefined ? { rejected: p.rejected } : {}),
      ...(p.error !== undefined ? { error: p.error } : {}),
      ...(p.status ? { status: p.status, finished_at: p.now } : {}),
    })
    .where('office_id', '=', key.officeId)
    .where('fiscal_year_be', '=', key.fiscalYearBe)
    .where('round', '=', key.round)
    .where('opened_by', '=', key.by)
    .where('status', '=', 'running')
    .execute();
}

/** The opening from the records of a round case, if any. */
export async function roundOpeningOfCase(db: Database, caseId: string): Promise<RoundOpening | null> {
  if (!isUuid(caseId)) return null;
  const row = await db
    .selectFrom('salary_round_openings')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? view(row) : null;
}

/** Salary-round cases of an office (id, state, fiscal year, round and the day the raise takes effect, from their context): what the worker looks for. */
export async function salaryRoundCasesOf(
  db: Database,
  officeId: string,
): Promise<{ caseId: string; state: string; fiscalYearBe: number | null; round: number | null; effectiveOn: string | null }[]> {
  const rows = await db
    .selectFrom('cases')
    .select([
      'id',
      'state',
      sql<number | null>`(snapshot #>> '{context,params,fiscalYearBe}')::int`.as('fy'),
      sql<number | null>`(snapshot #>> '{context,params,round}')::int`.as('round'),
      sql<string | null>`snapshot #>> '{context,dates,effectiveOn}'`.as('effective_on'),
    ])
    .where('workflow_id', '=', 'salary-round')
    .where('office_id', '=', officeId)
    .execute();
  return rows.map((r) => ({ caseId: r.id, state: r.state, fiscalYearBe: r.fy, round: r.round, effectiveOn: r.effective_on }));
}
