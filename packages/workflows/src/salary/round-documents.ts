/**
 * What a salary round's official documents print (docs/documents.md): each
 * issued order with the people it raises, and each person's notice. Read
 * only; the round's readers see every order and notice, a person their own.
 */
import { EsaError, parentCaseIdOf, SYSTEM_ACTOR, type Actor, type Engine } from '@esa-flow/engine';
import { decisionNotice, type PersonalNotice } from './notices';
import { loadRound, roundChildren } from './round-host';
import type { RaiseDecision } from './salary-raise.machine';

export interface RaiseOrderLine {
  personnelNo: string;
  nameTh: string;
  /** 'ครู วิทยฐานะชำนาญการ' */
  position: string;
  schoolId: string | null;
  salarySatang: number;
  baseSatang: number;
  pctBp: number;
  amountSatang: number;
  newSalarySatang: number;
  note: string | null;
}

export interface IssuedRaiseOrder {
  /** 1-based, in the order they were issued */
  index: number;
  ref: string;
  issuedOn: string;
  authority: 'school_director' | 'area_director';
  schoolId: string | null;
  lines: RaiseOrderLine[];
}

const positionOf = (p: { position: string; academicStanding: string }) =>
  p.academicStanding === 'none' ? p.position : `${p.position} วิทยฐานะ${p.academicStanding}`;

/** The raise as the order states it: after an amendment (a grievance upheld), the amended one. */
function lineOf(c: Awaited<ReturnType<typeof roundChildren>>[number]): RaiseOrderLine {
  const { person, decision, amendment } = c.context;
  const d = decision as RaiseDecision;
  const pctBp = amendment?.pctBp ?? d.pctBp;
  const amountSatang = amendment?.amountSatang ?? d.amountSatang;
  return {
    personnelNo: c.key,
    nameTh: person.nameTh,
    position: positionOf(person),
    schoolId: c.schoolId,
    salarySatang: person.salarySatang,
    baseSatang: person.baseSatang,
    pctBp,
    amountSatang,
    newSalarySatang: person.salarySatang + amountSatang,
    note: d.limitedBy === 'salary_ceiling' ? 'ได้รับเงินเดือนสูงสุดของอันดับ' : amendment ? 'แก้ไขตามผลการพิจารณาเรื่องร้องทุกข์' : null,
  };
}

/** The orders the round has issued (ORDERS_ISSUED), each with the people it raises, by name. */
export async function issuedRaiseOrders(engine: Engine, actor: Actor, roundCaseId: string): Promise<IssuedRaiseOrder[]> {
  const round = await loadRound(engine, actor, roundCaseId);
  const children = await roundChildren(engine, actor, roundCaseId);
  const raised = children.filter((c) => c.context.decision?.raised === true && c.context.withdrawal === null);
  return round.context.orders.map((o, i) => ({
    index: i + 1,
    ref: o.ref,
    issuedOn: o.issuedOn,
    authority: o.authority,
    schoolId: o.schoolId,
    lines: raised
      .filter((c) => c.context.person.orderAuthority === o.authority && (o.authority === 'area_director' || c.schoolId === o.schoolId))
      .map(lineOf)
      .sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th')),
  }));
}

/** One person's notice from their own raise case (the person, or whoever may read the case). */
export async function raiseCaseNotice(
  engine: Engine,
  actor: Actor,
  raiseCaseId: string,
): Promise<{ notice: PersonalNotice; officeId: string; roundCaseId: string; publishedAt: string | null }> {
  const view = await engine.getCase(actor, raiseCaseId);
  const context = (
    view.case.snapshot as {
      context?: { person: { personnelNo: string; nameTh: string; nameEn: string | null }; decision: RaiseDecision | null };
    }
  ).context;
  const roundCaseId = view.case.workflowId === 'salary-raise' ? await parentCaseIdOf(engine, view.case.id) : null;
  if (!context?.decision || !roundCaseId)
    throw new EsaError('DOCUMENT_NOT_READY', { caseId: raiseCaseId, document: 'salary-notice', state: view.case.state });
  // the round's dates, read on the person's behalf: they may read their own case, not the whole round
  const round = await loadRound(engine, SYSTEM_ACTOR, roundCaseId);
  const { params, dates, publication } = round.context;
  const info = {
    fiscalYearBe: params.fiscalYearBe,
    round: params.round,
    effectiveOn: dates.effectiveOn,
    windowEndsAt: publication ? new Date(publication.windowEndsAt) : null,
  };
  return {
    notice: decisionNotice(context.person, context.decision, info),
    officeId: view.case.officeId,
    roundCaseId,
    publishedAt: publication?.at ?? null,
  };
}
