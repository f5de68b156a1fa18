/**
 * Who may file a transfer request in a round, with the reasons shown when
 * not (regulations.md §1.3): at least N months at the current school counted
 * to the last day of the request window (N = 24 by default, a round
 * parameter), a marriage registered at least a year for the spouse reason,
 * preferences that the round can satisfy, one request per teacher per round.
 * Pure: the facts come in, the verdict goes out.
 */
import type { RoundApplicants, TransferRoundParams } from './round-params';
import { phaseInstant, roundApplicants } from './round-params';
import {
  isAdministratorPosition,
  matchSubject,
  POSITION_LABELS,
  type AnyRequestSubmission,
  type RequestPosition,
  type Vacancy,
} from './request-data';

export type EligibilityCode =
  | 'outside_request_window'
  | 'already_filed'
  | 'months_at_current_school'
  | 'spouse_marriage_too_recent'
  | 'preferences_count'
  | 'preferences_duplicate'
  | 'preference_is_current_school'
  | 'preference_without_vacancy'
  | 'swap_partner_missing'
  | 'swap_with_preferences'
  | 'special_reason_missing'
  | 'evidence_missing'
  | 'preferences_across_areas'
  | 'position_not_in_round'
  | 'position_not_held';

export interface EligibilityReason {
  readonly code: EligibilityCode;
  readonly th: string;
  readonly en: string;
}

export interface EligibilityVerdict {
  readonly eligible: boolean;
  readonly reasons: readonly EligibilityReason[];
  /** the day months are counted to: the last day of the request window */
  readonly cutoff: string;
  readonly monthsAtCurrentSchool: number;
}

export interface EligibilityContext {
  /** `applicants`: who the round is for (round 5 on); absent, a teachers' round */
  readonly params: Pick<TransferRoundParams, 'phases' | 'maxPreferences' | 'minMonthsAtCurrentSchool' | 'spouseMarriageMinYears'> & {
    readonly applicants?: RoundApplicants;
  };
  readonly vacancies: readonly Vacancy[];
  readonly currentSchoolId: string;
  readonly applicantPersonId: string;
  /** when the request is filed (ISO) */
  readonly at: string;
  /**
   * the filer holds the school director's seat of their current school (the
   * host knows it from their grant; absent, not checked): a request naming
   * ผู้อำนวยการสถานศึกษา needs it
   */
  readonly directorOfCurrentSchool?: boolean;
  /** the teacher already has a request past its draft in this round */
  readonly alreadyFiled?: boolean;
  /**
   * transfer-request 7 on: a request names schools of one area only — this
   * area's, or one other area's (a request to another area is forwarded to
   * that area as a whole, which ranks it: docs/workflows/transfer.md
   * "Moves to another area")
   */
  readonly oneAreaPerRequest?: boolean;
}

/** The area a preferred school's vacancy belongs to: '' for this area, else the other area's code. */
export function preferenceAreas(preferences: readonly string[], vacancies: readonly Vacancy[], major: string): Set<string> {
  return new Set(
    preferences.flatMap((p) => vacancies.filter((v) => v.schoolId === p && v.subject === major).map((v) => v.area?.code ?? '')),
  );
}

/** Whole months from `from` to `to` (YYYY-MM-DD), e.g. 2023-01-31 → 2025-01-31 is 24. */
export function fullMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

export function checkEligibility(s: AnyRequestSubmission, c: EligibilityContext): EligibilityVerdict {
  const reasons: EligibilityReason[] = [];
  const add = (code: EligibilityCode, th: string, en: string) => reasons.push({ code, th, en });
  const { params } = c;
  const cutoff = params.phases.requestsUntil.date;
  const at = new Date(c.at).getTime();

  if (at < phaseInstant(params.phases.requestsFrom).getTime() || at > phaseInstant(params.phases.requestsUntil).getTime()) {
    add(
      'outside_request_window',
      `ยื่นคำขอได้ระหว่าง ${params.phases.requestsFrom.phrase} ถึง ${params.phases.requestsUntil.phrase}`,
      'Outside the request window of the round',
    );
  }
  if (c.alreadyFiled) add('already_filed', 'ยื่นคำขอย้ายได้เพียงหนึ่งคำขอต่อรอบ', 'One request per teacher per round');

  // a teachers' round takes ครู / ครูผู้ช่วย, an administrators' round ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา (seed-003 §2.2)
  const position = POSITION_LABELS[s.facts.position as RequestPosition];
  if (roundApplicants(params) === 'school_administrators' && !isAdministratorPosition(s.facts.position)) {
    add(
      'position_not_in_round',
      `รอบนี้เป็นรอบการย้ายผู้บริหารสถานศึกษา ยื่นได้เฉพาะผู้ดำรงตำแหน่งผู้อำนวยการสถานศึกษาหรือรองผู้อำนวยการสถานศึกษา (ตำแหน่งของท่าน: ${position.th})`,
      `This is a school administrators' round: only school directors and deputy directors may file (your position: ${position.en})`,
    );
  } else if (roundApplicants(params) === 'teachers' && isAdministratorPosition(s.facts.position)) {
    add(
      'position_not_in_round',
      `รอบนี้เป็นรอบการย้ายข้าราชการครู ยื่นได้เฉพาะตำแหน่งครูและครูผู้ช่วย ผู้บริหารสถานศึกษายื่นในรอบการย้ายผู้บริหารสถานศึกษา (ตำแหน่งของท่าน: ${position.th})`,
      `This is a teachers' round: only teachers and assistant teachers may file; school administrators file in an administrators' round (your position: ${position.en})`,
    );
  }
  if (c.directorOfCurrentSchool === false && s.facts.position === 'school_director') {
    add(
      'position_not_held',
      'ท่านไม่ได้ดำรงตำแหน่งผู้อำนวยการสถานศึกษาของสถานศึกษาปัจจุบันในระบบ จึงยื่นในตำแหน่งผู้อำนวยการสถานศึกษาไม่ได้',
      'You do not hold the school director’s seat of your current school here, so you cannot file as a school director',
    );
  }

  const months = fullMonthsBetween(s.facts.currentSchoolSince, cutoff);
  if (months < params.minMonthsAtCurrentSchool) {
    add(
      'months_at_current_school',
      `ดำรงตำแหน่งในสถานศึกษาปัจจุบัน ${months} เดือน (นับถึง ${cutoff}) ไม่ถึง ${params.minMonthsAtCurrentSchool} เดือน`,
      `${months} months at the current school (counted to ${cutoff}); ${params.minMonthsAtCurrentSchool} required`,
    );
  }
  if (s.reason === 'live_with_spouse') {
    const married = s.facts.marriageRegisteredOn;
    const years = married === undefined ? -1 : Math.floor(fullMonthsBetween(married, cutoff) / 12);
    if (married === undefined || married > cutoff || years < params.spouseMarriageMinYears) {
      add(
        'spouse_marriage_too_recent',
        `เหตุผลอยู่ร่วมกับคู่สมรส ต้องจดทะเบียนสมรสมาแล้วไม่น้อยกว่า ${params.spouseMarriageMinYears} ปี`,
        `The spouse reason needs a marriage registered at least ${params.spouseMarriageMinYears} year(s) before ${cutoff}`,
      );
    }
  }

  if (s.kind === 'swap') {
    if (!s.swapWith || s.swapWith.personId === c.applicantPersonId)
      add('swap_partner_missing', 'การย้ายสับเปลี่ยนต้องระบุครูผู้ขอสับเปลี่ยนหนึ่งคน', 'A swap names the one other teacher to swap with');
    if (s.preferences.length > 0)
      add(
        'swap_with_preferences',
        'การย้ายสับเปลี่ยนไม่ระบุสถานศึกษาที่ขอย้าย (ไปแทนผู้สับเปลี่ยน)',
        'A swap lists no preferred schools: it takes the partner’s post',
      );
  } else {
    if (s.preferences.length === 0 || s.preferences.length > params.maxPreferences) {
      add('preferences_count', `ระบุสถานศึกษาที่ขอย้ายได้ 1–${params.maxPreferences} แห่ง`, `List 1–${params.maxPreferences} preferred schools`);
    }
    if (new Set(s.preferences).size !== s.preferences.length) add('preferences_duplicate', 'ระบุสถานศึกษาซ้ำ', 'A school is listed twice');
    if (s.preferences.includes(c.currentSchoolId))
      add('preference_is_current_school', 'ระบุสถานศึกษาปัจจุบันของตนเอง', 'The current school is listed');
    const subject = matchSubject(s.facts);
    const open = s.preferences.filter(
      (p) => p !== c.currentSchoolId && !c.vacancies.some((v) => v.schoolId === p && v.subject === subject),
    );
    if (open.length > 0 && isAdministratorPosition(s.facts.position)) {
      add(
        'preference_without_vacancy',
        `ไม่มีตำแหน่งว่าง${subject}ที่ ${open.join(', ')} ในรอบนี้`,
        `No vacant ${position.en.toLowerCase()} post in this round at ${open.join(', ')}`,
      );
    } else if (open.length > 0) {
      add(
        'preference_without_vacancy',
        `ไม่มีตำแหน่งว่างวิชาเอก${s.facts.major}ที่ ${open.join(', ')} ในรอบนี้`,
        `No vacancy for ${s.facts.major} in this round at ${open.join(', ')}`,
      );
    }
    if (c.oneAreaPerRequest && preferenceAreas(s.preferences, c.vacancies, s.facts.major).size > 1) {
      add(
        'preferences_across_areas',
        'คำขอย้ายหนึ่งคำขอระบุสถานศึกษาได้ในเขตพื้นที่การศึกษาเดียว (ในเขตพื้นที่ของตนเอง หรือเขตพื้นที่อื่นเพียงเขตเดียว) เพราะคำขอย้ายต่างเขตส่งไปให้เขตที่รับย้ายพิจารณาทั้งคำขอ',
        'One request names schools of one area only (this area, or one other area): a request to another area is forwarded to that area as a whole',
      );
    }
  }
  if (s.kind === 'special' && !s.specialReason)
    add('special_reason_missing', 'การย้ายกรณีพิเศษต้องระบุเหตุพิเศษ', 'A special-case request states its special reason');
  if (s.evidence.length === 0) add('evidence_missing', 'ยังไม่ได้แนบเอกสารหลักฐาน', 'No evidence file attached');

  return { eligible: reasons.length === 0, reasons, cutoff, monthsAtCurrentSchool: months };
}
