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
import { childrenActorMaySend, EsaError, findCasesByIds, ROLE_READ_SCOPE, schoolNamesOf, type Actor, type Engine } from '@esa-flow/engine';
import { loadRound, roundChildren, type RoundChild } from './round-host';
import type { SalaryRoundContext } from './salary-round.machine';
import { tierOf } from './tiers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChildContext = RoundChild['context'];

/** The people the actor appraises: the engine's rule for SUBMIT_SCORE on each case (its appraiser, never oneself). */
const appraised = (engine: Engine, actor: Actor, opts: { parentCaseId?: string; atStep?: string }) =>
  childrenActorMaySend(engine, actor, { workflowId: 'salary-raise', event: 'SUBMIT_SCORE', ...opts });

export interface AppraisingRound {
  roundId: string;
  title: string;
  /** people waiting on the actor's score */
  waiting: number;
}

/** The rounds of my offices in which someone waits on my appraisal (the inbox box and the menu). */
export async function roundsIAppraise(engine: Engine, actor: Actor): Promise<AppraisingRound[]> {
  const waiting = await appraised(engine, actor, { atStep: 'appraisal' });
  const byRound = new Map<string, number>();
  for (const c of waiting) byRound.set(c.parentCaseId, (byRound.get(c.parentCaseId) ?? 0) + 1);
  const rounds = await findCasesByIds(engine, [...byRound.keys()]);
  return [...rounds.values()]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((r) => ({ roundId: r.id, title: r.title, waiting: byRound.get(r.id) ?? 0 }));
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
  const round = (await findCasesByIds(engine, UUID.test(roundCaseId) ? [roundCaseId] : [])).get(roundCaseId);
  const offices = actor.kind === 'user' ? actor.grants.filter((g) => ROLE_READ_SCOPE[g.role] === 'office').map((g) => g.officeId) : [];
  if (!round || round.workflowId !== 'salary-round' || !offices.includes(round.officeId))
    throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  const context = (round.snapshot as { context: SalaryRoundContext }).context;
  const tiers = context.params.tiers;
  const schools = await schoolNamesOf(engine, round.officeId);
  const rows = await appraised(engine, actor, { parentCaseId: round.id });
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
        schoolId: r.schoolId,
        schoolName: r.schoolId ? (schools.get(r.schoolId) ?? null) : null,
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
  const schools = await schoolNamesOf(engine, round.officeId);
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
