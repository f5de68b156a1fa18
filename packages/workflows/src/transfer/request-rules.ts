/**
 * The context of a transfer request and the pure rules its guards and the
 * host share: when a correction is due, when the grievance window ends,
 * who signs the order. The machine calls these with the event's time; the
 * timed system events read the same moments from the same data.
 */
import { bangkokInstant, localDateOfInstant } from '@esa-flow/engine';
import type { EligibilityVerdict } from './eligibility';
import type { Placement, PreferenceOutcome } from './match';
import { phaseInstant, type PhaseMoment, type TransferRoundParams } from './round-params';
import { isAdministratorPosition, matchSubject, type AnyRequestSubmission, type AcademicStanding, type Vacancy } from './request-data';
import type { ScoreSheet } from './scoring-table';

export interface Resolution {
  readonly meetingId: string;
  readonly itemId: string;
  readonly resolution: 'approve' | 'reject';
  readonly note: string | null;
  readonly at: string;
}

export interface RequestContext {
  readonly roundCaseId: string;
  readonly applicant: { readonly personId: string; readonly name: string };
  readonly currentSchool: { readonly id: string; readonly name: string };
  readonly params: TransferRoundParams;
  readonly vacancies: readonly Vacancy[];
  submission: AnyRequestSubmission | null;
  /** the first submission: the "earlier filing" tie-break */
  firstFiledAt: string | null;
  /** version 6: the request was filed in the national transfer system (TRS) and recorded here by HR from its export */
  externalFiling?: { system: 'TRS'; ref: string; filedAt: string; recordedBy: string; recordedAt: string } | null;
  eligibility: EligibilityVerdict | null;
  correction: { note: string; returnedAt: string; returnedBy: string; due: PhaseMoment; dueAt: string; times: number } | null;
  certifiedBy: string | null;
  boardOpinion: { opinion: 'support' | 'object'; meetingRef: string; note: string | null; recordedBy: string } | null;
  scores: (ScoreSheet & { entries: Record<string, string>; enteredBy: string; enteredAt: string }) | null;
  disputes: { by: string; at: string; note: string; components: string[] }[];
  verifiedBy: string | null;
  disqualified: string[] | null;
  proposal: {
    placement: Placement | null;
    explanation: { th: string; en: string };
    preferences: PreferenceOutcome[];
    by: string;
    at: string;
  } | null;
  screening: Resolution | null;
  approval: Resolution | null;
  receivingArea: { decision: 'approved' | 'rejected'; area: string; resolutionRef: string; decidedOn: string } | null;
  /**
   * version 7: the request was forwarded to another office on esa-flow (a
   * transfer exchange), which ranks it with its own applicants; its
   * อ.ก.ค.ศ.'s decision comes back here, sent by the system
   */
  exchange?: {
    id: string;
    area: { code: string; name: string };
    forwardedAt: string;
    returnedAt: string | null;
    decision: 'approved' | 'rejected' | null;
    placed: boolean | null;
  } | null;
  /** version 7: a move to an area not on esa-flow: the list sent to it, by letter (its date and number); its resolution is `receivingArea` */
  forwardedList?: { area: string; sentOn: string; letterRef: string; recordedBy: string; recordedAt: string } | null;
  order: {
    orderNo: string;
    signedOn: string;
    effectiveOn: string;
    signedBy: string;
    signerRole: string;
    reportByAt: string;
    /** version 7: signed in the receiving office (the authority over the post being filled), recorded here by the system */
    signedIn?: { officeName: string; signerName: string };
  } | null;
  reportedOn: string | null;
  /** why the teacher is not moved, and since when (the grievance window runs from then) */
  notMoved: {
    since: string;
    why: 'disqualified' | 'not_placed' | 'area_rejected' | 'receiving_area_rejected' | 'not_certified' | 'not_placed_by_receiving_area';
    /** version 4: when the teacher received the notice of the result (the grievance window counts from it), how, and who recorded it */
    notifiedAt?: string;
    notifiedHow?: string;
    notifiedRecordedBy?: string;
  } | null;
  /** version 4: the school review ended without the director's certification (the round's `notCertified`) */
  notCertified?: { at: string; outcome: 'lapsed' | 'forwarded' } | null;
  /** version 4: the school review ended without the board's opinion recorded */
  boardOpinionMissing?: { at: string } | null;
  grievance: {
    filedAt: string;
    grounds: string;
    decision: 'upheld' | 'dismissed' | null;
    ref: string | null;
    /** version 4: a grievance received on paper, recorded by HR with its received date */
    onPaper?: { receivedAt: string; recordedAt: string; recordedBy: string; ref: string | null };
  } | null;
  withdrawnAt: string | null;
}

const ms = (iso: string) => new Date(iso).getTime();

export function requestWindowClosed(p: TransferRoundParams, at: string): boolean {
  return ms(at) >= phaseInstant(p.phases.requestsUntil).getTime();
}

/**
 * The fix-by moment of a return: the director's, when given and not later
 * than the round's correction deadline; else the round's. `null` when that
 * moment is not after `at` (nothing could be fixed in time).
 */
export function correctionDue(p: TransferRoundParams, at: string, fixBy?: { date: string; time: string }): PhaseMoment | null {
  const round = p.phases.correctionUntil;
  let due: PhaseMoment = round;
  if (fixBy) {
    const mine = bangkokInstant(fixBy.date, fixBy.time).getTime();
    if (mine > phaseInstant(round).getTime()) return null;
    due = {
      date: fixBy.date,
      time: fixBy.time,
      phrase: `ภายในวันที่ ${fixBy.date} เวลา ${fixBy.time.replace(':', '.')} น. (ผู้อำนวยการสถานศึกษากำหนด)`,
      source: 'RETURN_FOR_CORRECTION payload',
    };
  }
  return phaseInstant(due).getTime() > ms(at) ? due : null;
}

/** Local date + n calendar days. */
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The earliest moment the grievance window can end: 16:30 of day N counted
 * from the day after the teacher was told (ป.พ.พ. ม.193/3), before a holiday
 * moves it (ม.193/8). The host computes the exact end with the office
 * calendar; the machine refuses to close the window before this.
 */
export function grievanceWindowNominalEnd(since: string, days: number): Date {
  return bangkokInstant(addDays(localDateOfInstant(new Date(since)), days), '16:30');
}

/**
 * Who signs the order (Act ม.53): the school director for ครู/ครูผู้ช่วย, the
 * area director (ผอ.สพท.) from ชำนาญการ up and for every school
 * administrator (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา, ม.53(3)), whatever
 * their standing. Positions before `transfer-request@8` are teachers'.
 */
export function requiredSigner(
  facts: AcademicStanding | { academicStanding: AcademicStanding; position: string },
): 'school_director' | 'area_director' {
  const { academicStanding, position } = typeof facts === 'string' ? { academicStanding: facts, position: 'teacher' } : facts;
  if (isAdministratorPosition(position)) return 'area_director';
  return academicStanding === 'none' ? 'school_director' : 'area_director';
}

/** A vacancy proposal agrees with the round's data and the request. */
export function placementFits(ctx: RequestContext, placement: Placement): boolean {
  const s = ctx.submission;
  if (!s) return false;
  if (placement.kind === 'swap') return s.kind === 'swap' && s.swapWith?.personId === placement.partnerPersonId;
  const v = ctx.vacancies.find((x) => x.id === placement.vacancyId);
  return (
    s.kind !== 'swap' &&
    v !== undefined &&
    v.schoolId === placement.schoolId &&
    v.subject === matchSubject(s.facts) &&
    s.preferences[placement.preference - 1] === placement.schoolId &&
    placement.crossArea === (v.area !== undefined)
  );
}
