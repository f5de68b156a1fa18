/**
 * The end of a salary round, as a host drives it: publish the approved
 * allocation (each person told their raise or the reasons for none, the
 * lists, the grievance window), plan the orders, close the window and the
 * round, and print every personal notice. Like round-host.ts, each step only
 * touches the children still waiting where it acts, so it may run again.
 */
import {
  officeCalendar,
  advanceCycleIfSettled,
  computeDeadline,
  EsaError,
  parseDeadlineSpec,
  SYSTEM_ACTOR,
  type Actor,
  type AdvanceCycleOutcome,
  type Engine,
} from '@esa-flow/engine';
import type { Allocation } from './allocate-raises';
import { decisionNotice, notConsideredNotice, type PersonalNotice } from './notices';
import { buildPublicationLists, planOrders, type OrderGroup, type PublicationList } from './publication';
import { allocationOf, assertMayDrive, dispatchMany, expectState, loadRound, roundChildren } from './round-host';

export interface PublishedRound {
  allocation: Allocation;
  lists: PublicationList[];
  windowEndsAt: Date;
  told: number;
}

/**
 * After the approval: recomputes the allocation (it must be the one approved:
 * same digest), tells each person their raise or the reasons for none,
 * publishes the lists and opens the grievance window.
 */
export async function publishResults(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  opts: { announcementRef: string; schoolNames?: ReadonlyMap<string, string> },
): Promise<PublishedRound> {
  const round = await loadRound(engine, actor, roundCaseId);
  assertMayDrive(actor, round, 'publish-results');
  expectState(round, 'publishing');
  const { params, proposal, approvedDigest } = round.context;
  const children = await roundChildren(engine, actor, roundCaseId);
  const allocation = allocationOf(round, children, proposal!.policy);
  if (allocation.digest !== approvedDigest) {
    throw new EsaError('EVENT_NOT_ALLOWED', {
      caseId: roundCaseId,
      reason: 'the allocation differs from the one approved',
      approved: approvedDigest,
      now: allocation.digest,
    });
  }
  const byKey = new Map(allocation.people.map((p) => [p.key, p]));
  const waiting = children.filter((c) => c.state === 'appraisalNotified');
  const told = await dispatchMany(
    engine,
    SYSTEM_ACTOR,
    waiting.map((c) => {
      const p = byKey.get(c.key)!;
      const decision = {
        raised: p.raised,
        pctBp: p.pctBp,
        amountSatang: p.amountSatang,
        newSalarySatang: p.newSalarySatang,
        notRaised: p.notRaised,
        limitedBy: p.limitedBy,
        quotaPlace: p.quotaPlace,
        explanation: p.explanation,
        digest: allocation.digest,
      };
      return { caseId: c.caseId, type: 'RAISE_DECIDED', payload: decision };
    }),
    // shown on each person's timeline: Thai, no ids (who asked is the round's HR officer; the digest is the payload's รหัสตรวจสอบ)
    { reason: `แจ้งผลตามการจัดสรรที่ อ.ก.ค.ศ. เห็นชอบ เมื่อเจ้าหน้าที่กลุ่มบริหารงานบุคคลประกาศผล (รหัสตรวจสอบ ${allocation.digest.slice(0, 12)})` },
  );
  const calendar = await officeCalendar(engine, round.officeId);
  const spec = parseDeadlineSpec({
    kind: 'calendar_days',
    days: params.grievanceWindowDays,
    phrase: `ภายใน ${params.grievanceWindowDays} วันนับแต่วันที่ได้รับแจ้ง`,
  });
  const windowEndsAt = computeDeadline(spec, engine.clock.now(), calendar).dueAt!;
  const published = children.filter((c) => c.context.confirmedAt !== null && c.context.withdrawal === null);
  const lists = buildPublicationLists(
    published.map((c) => ({
      personnelNo: c.key,
      nameTh: c.context.person.nameTh,
      nameEn: c.context.person.nameEn,
      schoolId: c.schoolId,
      tier: c.context.tier,
      score: c.context.score,
      pctBp: byKey.get(c.key)?.pctBp ?? 0,
    })),
    params,
    opts.schoolNames,
  );
  await engine.dispatch({
    actor,
    caseId: roundCaseId,
    type: 'RESULTS_PUBLISHED',
    payload: {
      announcementRef: opts.announcementRef,
      digest: allocation.digest,
      listed: Object.fromEntries(lists.map((l) => [l.tier, l.entries.length])),
      windowEndsAt: windowEndsAt.toISOString(),
    },
  });
  return { allocation, lists, windowEndsAt, told };
}

/** The orders to sign: one per signing authority, for the people raised. */
export async function plannedOrders(engine: Engine, actor: Actor, roundCaseId: string): Promise<OrderGroup[]> {
  const children = await roundChildren(engine, actor, roundCaseId);
  return planOrders(
    children
      .filter((c) => c.context.decision?.raised === true && c.context.withdrawal === null)
      .map((c) => ({ personnelNo: c.key, schoolId: c.schoolId, orderAuthority: c.context.person.orderAuthority })),
  );
}

/**
 * Once the window has passed: closes it for everyone who did not file a
 * grievance, moves the round on, and closes the round if nothing is pending.
 */
export async function closeGrievanceWindow(
  engine: Engine,
  roundCaseId: string,
): Promise<{ closed: number; window: AdvanceCycleOutcome | null; finished: AdvanceCycleOutcome | null }> {
  const round = await loadRound(engine, SYSTEM_ACTOR, roundCaseId);
  const endsAt = round.context.publication ? new Date(round.context.publication.windowEndsAt) : null;
  if (round.state !== 'grievanceWindow' || !endsAt || engine.clock.now().getTime() <= endsAt.getTime())
    return { closed: 0, window: null, finished: null };
  const open = (await roundChildren(engine, SYSTEM_ACTOR, roundCaseId)).filter(
    (c) => c.state === 'raiseNotified' || c.state === 'notRaisedNotified',
  );
  const closed = await dispatchMany(
    engine,
    SYSTEM_ACTOR,
    open.map((c) => ({ caseId: c.caseId, type: 'CLOSE_WINDOW', payload: {} })),
  );
  // salary-raise@4: a person notified later waits in their own window (closed by the system); the round waits for them at settling
  const window = await advanceCycleIfSettled(engine, roundCaseId, {
    event: 'WINDOW_CLOSED',
    when: { steps: ['grievance', 'amending', 'raiseWindow', 'notRaisedWindow'] },
    orAfter: endsAt,
  });
  return { closed, window, finished: await finishRoundIfSettled(engine, roundCaseId) };
}

/** Closes the round when every child is done (the last grievance decided). */
export function finishRoundIfSettled(engine: Engine, roundCaseId: string): Promise<AdvanceCycleOutcome> {
  return advanceCycleIfSettled(engine, roundCaseId, { event: 'ROUND_CLOSED', when: 'all_done' });
}

/** Every personal notice of the round: the people decided, and those not considered (with the reasons). */
export async function roundNotices(engine: Engine, actor: Actor, roundCaseId: string): Promise<PersonalNotice[]> {
  const round = await loadRound(engine, actor, roundCaseId);
  const { params, dates, publication } = round.context;
  const info = {
    fiscalYearBe: params.fiscalYearBe,
    round: params.round,
    effectiveOn: dates.effectiveOn,
    windowEndsAt: publication ? new Date(publication.windowEndsAt) : null,
  };
  const decided = (await roundChildren(engine, actor, roundCaseId)).filter((c) => c.context.decision !== null);
  return [
    ...decided.map((c) => decisionNotice(c.context.person, c.context.decision!, info)),
    ...round.context.ineligible.map((p) => notConsideredNotice(p, info)),
  ].sort((a, b) => (a.personnelNo < b.personnelNo ? -1 : a.personnelNo > b.personnelNo ? 1 : 0));
}

/**
 * The lists as published (for the round's page): the same people and order
 * as `publishResults` announced — the confirmed, not withdrawn — with each
 * person's percentage from their decision. Null before the publication.
 * Whoever may read the round may read its public lists.
 */
export async function publishedLists(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  schoolNames: ReadonlyMap<string, string> = new Map(),
): Promise<{ publication: { announcementRef: string; at: string; windowEndsAt: string }; lists: PublicationList[] } | null> {
  const round = await loadRound(engine, actor, roundCaseId);
  const { publication, params } = round.context;
  if (!publication) return null;
  const children = await roundChildren(engine, actor, roundCaseId);
  const lists = buildPublicationLists(
    children
      .filter((c) => c.context.confirmedAt !== null && c.context.withdrawal === null)
      .map((c) => ({
        personnelNo: c.key,
        nameTh: c.context.person.nameTh,
        nameEn: c.context.person.nameEn,
        schoolId: c.schoolId,
        tier: c.context.tier,
        score: c.context.score,
        pctBp: c.context.decision?.pctBp ?? 0,
      })),
    params,
    schoolNames,
  );
  return {
    publication: { announcementRef: publication.announcementRef, at: publication.at, windowEndsAt: publication.windowEndsAt },
    lists,
  };
}
