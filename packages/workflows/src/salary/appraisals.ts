/**
 * The appraisers' side of a round (docs/workflows/salary-round.md
 * "Appraisers"): the rounds in which someone waits on me to appraise them,
 * and the people I appraise in one round — the list behind the bulk scoring
 * page. Who appraises whom is the engine's rule for the `SUBMIT_SCORE` event
 * of each case (its appraiser stored on the case, access/assignee.ts; never
 * oneself): the same rule that accepts or refuses the score. The people of
 * a round as its readers see them (state, appraiser, acknowledgement) are
 * here too.
 */
import {
  actingRolesFor,
  assignedTo,
  canReadCase,
  EsaError,
  isSelfDealing,
  ROLE_READ_SCOPE,
  schoolNamesOf,
  type Actor,
  type Engine,
  type EventMeta,
} from '@esa-flow/engine';
import { loadRound, roundChildren, type RoundChild } from './round-host';
import type { SalaryRoundContext } from './salary-round.machine';
import { tierOf } from './tiers';

interface ChildRow {
  id: string;
  parent_case_id: string | null;
  office_id: string;
  school_id: string | null;
  subject_person_id: string | null;
  workflow_version: number;
  state: string;
  revision: number;
  snapshot: unknown;
}

type ChildContext = RoundChild['context'];

/** May `actor` score this child (its appraiser, not its subject), whatever its state? */
function appraises(engine: Engine, actor: Actor, row: ChildRow): boolean {
  const meta: EventMeta | undefined = engine.deps.registry.get('salary-raise', row.workflow_version).events.SUBMIT_SCORE;
  if (!meta) return false;
  const scope = { officeId: row.office_id, schoolId: row.school_id, subjectPersonId: row.subject_person_id };
  if (!canReadCase(actor, scope)) return false;
  const context = (row.snapshot as { context?: unknown }).context;
  const assigned = assignedTo(meta, scope, context);
  return actingRolesFor(actor, assigned.scope, assigned.roles).length > 0 && !isSelfDealing(actor, scope, assigned.roles);
}

/** The offices where the actor holds an office-scope role (a school's director too). */
function officesOf(actor: Actor): string[] {
  return actor.kind === 'user' ? [...new Set(actor.grants.filter((g) => ROLE_READ_SCOPE[g.role] === 'office').map((g) => g.officeId))] : [];
}

async function childRows(engine: Engine, filter: { roundId?: string; officeIds?: readonly string[]; atAppraisal?: boolean }): Promise<ChildRow[]> {
  let q = engine.deps.db
    .selectFrom('cases')
    .select(['id', 'parent_case_id', 'office_id', 'school_id', 'subject_person_id', 'workflow_version', 'state', 'revision', 'snapshot'])
    .where('workflow_id', '=', 'salary-raise');
  if (filter.roundId !== undefined) q = q.where('parent_case_id', '=', filter.roundId);
  if (filter.officeIds !== undefined) q = q.where('office_id', 'in', filter.officeIds).where('status', '=', 'active');
  if (filter.atAppraisal) q = q.where('state', '=', 'appraisal');
  return (await q.orderBy('cycle_key').execute()) as ChildRow[];
}

export interface AppraisingRound {
  roundId: string;
  title: string;
  /** people waiting on the actor's score */
  waiting: number;
}

/** The rounds of my offices in which someone waits on my appraisal (the inbox box and the menu). */
export async function roundsIAppraise(engine: Engine, actor: Actor): Promise<AppraisingRound[]> {
  const offices = officesOf(actor);
  if (offices.length === 0) return [];
  const rows = (await childRows(engine, { officeIds: offices, atAppraisal: true })).filter((r) => appraises(engine, actor, r));
  const byRound = new Map<string, number>();
  for (const r of rows) if (r.parent_case_id) byRound.set(r.parent_case_id, (byRound.get(r.parent_case_id) ?? 0) + 1);
  if (byRound.size === 0) return [];
  const rounds = await engine.deps.db.selectFrom('cases').select(['id', 'title']).where('id', 'in', [...byRound.keys()]).orderBy('created_at').execute();
  return rounds.map((r) => ({ roundId: r.id, title: r.title, waiting: byRound.get(r.id) ?? 0 }));
}

export interface Appraisee {
  caseId: string;
  /** the case's revision: the score is sent with If-Match so a moved case is not overwritten */
  revision: number;
  personnelNo: string;
  nameTh: string;
  nameEn: string | null;
  position: string;
  schoolId: string | null;
  schoolName: string | null;
  state: string;
  score: number | null;
  band: { code: string; th: string; en: string } | null;
  /** waiting at the appraisal: the score can be sent now */
  canScore: boolean;
}

export interface MyAppraisals {
  round: { id: string; title: string; state: string; appraisalDueOn: string };
  bands: { code: string; th: string; en: string; minScore: number }[];
  items: Appraisee[];
}

/**
 * The people the actor appraises in a round: waiting, and already scored.
 * 404 when the round is not of an office where the actor holds a role; an
 * empty list when they appraise nobody in it.
 */
export async function myAppraisals(engine: Engine, actor: Actor, roundCaseId: string): Promise<MyAppraisals> {
  const round = await engine.deps.db.selectFrom('cases').select(['id', 'office_id', 'title', 'state', 'snapshot', 'workflow_id']).where('id', '=', roundCaseId).executeTakeFirst();
  if (!round || round.workflow_id !== 'salary-round' || !officesOf(actor).includes(round.office_id)) throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  const context = (round.snapshot as { context: SalaryRoundContext }).context;
  const tiers = context.params.tiers;
  const schools = await schoolNamesOf(engine.deps.db, round.office_id);
  const rows = (await childRows(engine, { roundId: round.id })).filter((r) => appraises(engine, actor, r));
  return {
    round: { id: round.id, title: round.title, state: round.state, appraisalDueOn: context.dates.appraisalDueOn },
    bands: [...tiers].sort((a, b) => b.minScore - a.minScore).map((t) => ({ code: t.code, th: t.th, en: t.en, minScore: t.minScore })),
    items: rows.map((r) => {
      const c = (r.snapshot as { context: ChildContext }).context;
      const band = c.score === null ? null : tierOf(c.score, tiers);
      return {
        caseId: r.id,
        revision: r.revision,
        personnelNo: c.person.personnelNo,
        nameTh: c.person.nameTh,
        nameEn: c.person.nameEn,
        position: c.person.position,
        schoolId: r.school_id,
        schoolName: r.school_id ? (schools.get(r.school_id) ?? null) : null,
        state: r.state,
        score: c.score,
        band: band ? { code: band.code, th: band.th, en: band.en } : null,
        canScore: r.state === 'appraisal',
      };
    }),
  };
}

export interface RoundPerson {
  caseId: string;
  personnelNo: string;
  nameTh: string;
  schoolName: string | null;
  state: string;
  /** who appraises (version 1 cases: null, the school's director or a group director) */
  appraiser: { role: string; schoolId: string | null } | null;
  /** when the person acknowledged the appraisal result told to them; null: not (yet) */
  acknowledgedAt: string | null;
}

/** The round's people as its readers see them: their state, their appraiser, whether they acknowledged their result. */
export async function roundPeople(engine: Engine, actor: Actor, roundCaseId: string): Promise<RoundPerson[]> {
  const round = await loadRound(engine, actor, roundCaseId);
  const schools = await schoolNamesOf(engine.deps.db, round.officeId);
  return (await roundChildren(engine, actor, roundCaseId)).map((c) => ({
    caseId: c.caseId,
    personnelNo: c.key,
    nameTh: c.context.person.nameTh,
    schoolName: c.schoolId ? (schools.get(c.schoolId) ?? null) : null,
    state: c.state,
    appraiser: c.context.person.appraiser ?? null,
    acknowledgedAt: c.context.acknowledgedAt ?? null,
  }));
}
