/**
 * A round's roster from the person records (docs/personnel.md "The round from
 * the records"): instead of the office's roster sheet, the records of the
 * office's people as of the round's base date (1 March / 1 September) —
 * position number, position, วิทยฐานะ, salary, calculation base, school,
 * start of service — with leave, penalties, suspension and leaving up to the
 * end of the half-year. The same staff records, the same eligibility checks
 * and the same opening command as the sheet (`openRoundAppraisal`); a record
 * that lacks what the roster needs is a rejected row naming the field.
 *
 * The worker opens the appraisals this way on its own on 1 April / 1 October
 * for the offices that asked for it (`openScheduledRounds`), once: the
 * opening is claimed per office and round (engine `claimRoundOpening`), so
 * two workers, or a worker and an officer, never open it twice.
 */
import {
  bangkokInstant,
  claimRoundOpening,
  EsaError,
  formatThaiDate,
  localDateOfInstant,
  officesOpeningRoundsFromRecords,
  personnelAsOfDates,
  reportRoundOpening,
  roundOpeningOfCase,
  salaryRoundCasesOf,
  SYSTEM_ACTOR,
  type Actor,
  type Engine,
  type LeaveValue,
  type PersonnelView,
} from '@esa-flow/engine';
import { ACADEMIC_STANDINGS, checkEligibility, PENALTY_KINDS, StaffRecord, type StaffRecordInput } from './eligibility';
import { expectState, loadRound, openRoundAppraisal, type LoadedRound } from './round-host';

export interface RecordReason {
  code: 'required';
  /** the record's field */
  column: string;
  th: string;
  en: string;
}

export interface RosterFromRecords {
  asOf: string;
  records: (StaffRecordInput & { row: number })[];
  rejected: { row: number; key: string; reasons: RecordReason[] }[];
}

const NEEDED = [
  ['position_no', 'เลขที่ตำแหน่ง', 'position number'],
  ['position', 'ตำแหน่ง', 'position'],
  ['salary', 'เงินเดือน', 'salary'],
  ['base', 'ฐานในการคำนวณ', 'calculation base'],
  ['service_started_on', 'วันเริ่มรับราชการ', 'service started on'],
] as const;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const NO_LEAVE: LeaveValue = { sickOccasions: 0, sickDays: 0, personalOccasions: 0, personalDays: 0, lateTimes: 0 };

/**
 * A move into the office from another office of OBEC inside the half-year,
 * read from the person record: the person's record in this office starts on
 * the day they started at their school (`school_since`), inside the
 * half-year, and their service started before that day — they served
 * elsewhere until then. Not leaving service: appraised and raised where they
 * served longest (eligibility.ts `transferSplit`). A school changed within
 * the office, or a record imported later than the school's start date, is
 * not a move. The record names no office before it (`otherOffice: null`).
 */
export function movedIn(
  schoolSince: string | null,
  serviceStartedOn: string,
  recordStarts: string | null,
  period: { evaluationFrom: string; evaluationTo: string },
): StaffRecordInput['transfer'] {
  if (schoolSince === null || recordStarts !== schoolSince) return null;
  if (schoolSince <= period.evaluationFrom || schoolSince > period.evaluationTo || serviceStartedOn >= schoolSince) return null;
  return { direction: 'in', on: schoolSince, otherOffice: null };
}

/**
 * A move out of the office to another office of OBEC inside the half-year:
 * the record says the person left the office (`left_on`) and where to
 * (`moved_to`). Not leaving service: appraised where they served longest.
 * A `left_on` without `moved_to` is leaving service (retired, resigned…).
 */
export function movedOut(
  leftOn: string | null,
  movedTo: string | null,
  period: { evaluationFrom: string; evaluationTo: string },
): StaffRecordInput['transfer'] {
  if (leftOn === null || movedTo === null) return null;
  if (leftOn <= period.evaluationFrom || leftOn > period.evaluationTo) return null;
  return { direction: 'out', on: leftOn, otherOffice: movedTo };
}

/**
 * The staff records of the office as the round sees them: the values as of
 * the base date; leave of the half-year, penalties, suspension and leaving as
 * of its last day. People who left before the half-year began are not on it.
 */
export async function rosterFromRecords(engine: Engine, round: Pick<LoadedRound, 'officeId' | 'context'>): Promise<RosterFromRecords> {
  const { dates } = round.context;
  const asOf = dates.baseDateOn;

  // read once for both dates: everyone on the records at the base date, how their records stand at the half-year's end, and where their record here starts
  const read = await personnelAsOfDates(engine, round.officeId, [asOf, dates.evaluationTo], undefined, { recordStarts: true });
  const [atBase, endViews] = read.views as [PersonnelView[], PersonnelView[]];
  const atEnd = new Map(endViews.map((p) => [p.personId, p]));
  const starts = read.recordStarts;
  const records: RosterFromRecords['records'] = [];
  const rejected: RosterFromRecords['rejected'] = [];
  let row = 0;
  for (const p of atBase) {
    const end: PersonnelView = atEnd.get(p.personId) ?? p;
    const leftOn = str(end.values.left_on?.value);
    if (leftOn !== null && leftOn < dates.evaluationFrom) continue;
    const out = movedOut(leftOn, str(end.values.moved_to?.value), dates);
    row += 1;
    const v = p.values;
    const key = str(v.position_no?.value) ?? p.citizenId ?? p.nameTh;
    const missing = NEEDED.filter(([field]) => v[field] === undefined);
    if (missing.length > 0) {
      const on = { th: formatThaiDate(asOf, 'th'), en: formatThaiDate(asOf, 'en') };
      rejected.push({
        row,
        key,
        reasons: missing.map(([field, th, en]) => ({
          code: 'required',
          column: field,
          th: `${th}: ต้องระบุ (ไม่มีในระเบียนบุคคล ณ ${on.th})`,
          en: `${en}: is required (not in the person record as of ${on.en})`,
        })),
      });
      continue;
    }
    const standing = str(v.academic_standing?.value);
    const leave = end.leave[dates.evaluationFrom] ?? NO_LEAVE;
    records.push({
      row,
      personnelNo: str(v.position_no!.value)!,
      personId: p.personId,
      schoolId: str(v.school?.value),
      nameTh: p.nameTh,
      nameEn: p.nameEn,
      position: str(v.position!.value)!,
      academicStanding:
        standing && (ACADEMIC_STANDINGS as readonly string[]).includes(standing)
          ? (standing as (typeof ACADEMIC_STANDINGS)[number])
          : 'none',
      salarySatang: int(v.salary!.value)!,
      baseSatang: int(v.base!.value)!,
      maxSalarySatang: int(v.max_salary?.value),
      serviceStartedOn: str(v.service_started_on!.value)!,
      leftOn: out === null ? leftOn : null,
      leave: { ...NO_LEAVE, ...leave },
      penalties: end.penalties
        .filter((x) => (PENALTY_KINDS as readonly string[]).includes(x.kind))
        .map((x) => ({ kind: x.kind as (typeof PENALTY_KINDS)[number], on: x.on })),
      suspended: end.values.suspended?.value === true,
      transfer: out ?? movedIn(str(v.school_since?.value), str(v.service_started_on!.value)!, starts.get(p.personId) ?? null, dates),
    });
  }
  return { asOf, records, rejected };
}

export interface RecordsOpeningReport {
  dryRun: boolean;
  opened: boolean;
  asOf: string;
  totals: { rows: number; considered: number; notConsidered: number; rejected: number };
  rejected: RosterFromRecords['rejected'];
  notConsidered: { row: number; key: string; nameTh: string; reasons: { th: string; en: string }[] }[];
  message: { th: string; en: string };
}

const withoutRow = <T extends { row: number }>(r: T): Omit<T, 'row'> => {
  const { row: _row, ...rest } = r;
  return rest;
};

/**
 * Checks the records (a dry run) or opens the round's appraisals from them.
 * `by` names the opener in the claim ("user:<id>" or the worker's id). A
 * record that lacks what the roster needs opens nothing, as a rejected row of
 * a sheet does. Another opening under way is `CYCLE_OPENING_IN_PROGRESS`.
 */
export async function openAppraisalFromRecords(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  opts: { dryRun: boolean; by: string },
): Promise<RecordsOpeningReport> {
  const round = await loadRound(engine, actor, roundCaseId);
  expectState(round, 'evaluating');
  const { params, dates } = round.context;
  const roster = await rosterFromRecords(engine, round);
  const period = { from: dates.evaluationFrom, to: dates.evaluationTo };
  // parsed once here: the opening below takes these records as they are
  const parsed = roster.records.map((rec) => StaffRecord.parse(withoutRow(rec)));
  const notConsidered = roster.records.flatMap((rec, i) => {
    const verdict = checkEligibility(parsed[i]!, params.eligibility, period);
    return verdict.eligible
      ? []
      : [{ row: rec.row, key: rec.personnelNo, nameTh: rec.nameTh, reasons: verdict.reasons.map((x) => ({ th: x.th, en: x.en })) }];
  });
  const considered = roster.records.length - notConsidered.length;
  const totals = {
    rows: roster.records.length + roster.rejected.length,
    considered,
    notConsidered: notConsidered.length,
    rejected: roster.rejected.length,
  };
  const on = { th: formatThaiDate(roster.asOf, 'th'), en: formatThaiDate(roster.asOf, 'en') };
  const open = !opts.dryRun && roster.rejected.length === 0 && roster.records.length > 0;
  if (open) {
    const now = engine.clock.now();
    const key = { officeId: round.officeId, fiscalYearBe: params.fiscalYearBe, round: params.round, by: opts.by };
    const claim = await claimRoundOpening(engine, { ...key, caseId: round.id, asOf: roster.asOf, now });
    if (!claim.claimed)
      throw new EsaError('CYCLE_OPENING_IN_PROGRESS', { caseId: round.id, openedBy: claim.opening.openedBy, status: claim.opening.status });
    let reported = Promise.resolve();
    let lastReport = 0;
    try {
      await reportRoundOpening(engine, key, { now, total: considered });
      await openRoundAppraisal(engine, actor, {
        roundCaseId: round.id,
        records: parsed,
        onProgress: (p) => {
          const t = Date.now();
          if (t - lastReport < 250 && p.done < p.total) return;
          lastReport = t;
          reported = reported
            .then(() => reportRoundOpening(engine, key, { now: engine.clock.now(), done: p.done, total: p.total }))
            .catch(() => undefined);
        },
      });
      await reported;
      await reportRoundOpening(engine, key, {
        now: engine.clock.now(),
        done: considered,
        total: considered,
        considered,
        notConsidered: notConsidered.length,
        rejected: 0,
        status: 'done',
      });
    } catch (error) {
      await reported;
      await reportRoundOpening(engine, key, {
        now: engine.clock.now(),
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }
  const message = open
    ? {
        th: `เปิดการประเมินจากระเบียนบุคคล ณ ${on.th} แล้ว ${considered} ราย ไม่ได้รับการพิจารณา ${notConsidered.length} ราย (แจ้งเหตุผลในหนังสือแจ้งผล)`,
        en: `${considered} appraisals opened from the person records as of ${on.en}; ${notConsidered.length} people not considered (their notices give the reasons).`,
      }
    : roster.rejected.length > 0
      ? {
          th: `ระเบียนบุคคล ${roster.rejected.length} รายข้อมูลไม่ครบ ยังไม่ได้เปิดการประเมิน นำเข้าหรือแก้ไขระเบียนแล้วลองใหม่`,
          en: `${roster.rejected.length} person record(s) are incomplete; nothing was opened. Import or edit the records and try again.`,
        }
      : roster.records.length === 0
        ? { th: `ไม่มีระเบียนบุคคล ณ ${on.th} นำเข้าระเบียนบุคคลก่อน`, en: `No person records as of ${on.en}: import the personnel records first.` }
        : {
            th: `ตรวจแล้ว: จะเปิดการประเมิน ${considered} ราย ไม่ได้รับการพิจารณา ${notConsidered.length} ราย (ระเบียนบุคคล ณ ${on.th})`,
            en: `Checked: ${considered} appraisals would open; ${notConsidered.length} people would not be considered (records as of ${on.en}).`,
          };
  return { dryRun: opts.dryRun, opened: open, asOf: roster.asOf, totals, rejected: roster.rejected, notConsidered, message };
}

/** An opening that found the records incomplete is tried again by the worker after this long. */
export const FAILED_RETRY_MS = 3600_000;

/** After the opening moment, how long a worker that was down still opens the round. */
export const SCHEDULED_OPENING_CATCH_UP_DAYS = 15;

/** The opening moment at or before `now`: 08:00 Asia/Bangkok on 1 April or 1 October; its date is the round's effective date. */
export function latestOpeningMoment(now: Date): { on: string; at: Date } {
  const today = localDateOfInstant(now);
  const year = Number(today.slice(0, 4));
  const candidates = [`${year}-10-01`, `${year}-04-01`, `${year - 1}-10-01`].map((on) => ({ on, at: bangkokInstant(on, '08:00') }));
  return candidates.find((c) => c.at.getTime() <= now.getTime())!;
}

export interface ScheduledOpening {
  officeId: string;
  caseId: string | null;
  outcome: 'opened' | 'taken' | 'not_at_evaluation' | 'no_round' | 'incomplete' | 'failed';
  report?: RecordsOpeningReport;
  error?: string;
}

/**
 * The worker's part (run with every maintenance pass): on or after 08:00 of 1
 * April / 1 October (up to `SCHEDULED_OPENING_CATCH_UP_DAYS` later, for a
 * worker that was down), for each office that turned it on, the round taking
 * effect that day — announced by HR and at its evaluation — has its
 * appraisals opened from the records as of its base date, once. A round not
 * created or not announced yet is left for HR (and tried again next pass);
 * records found incomplete are recorded as a failed opening (the round's page
 * says why) and tried again after `FAILED_RETRY_MS`.
 */
export async function openScheduledRounds(engine: Engine, opts: { workerId: string }): Promise<ScheduledOpening[]> {
  const now = engine.clock.now();
  const moment = latestOpeningMoment(now);
  if (now.getTime() - moment.at.getTime() > SCHEDULED_OPENING_CATCH_UP_DAYS * 86_400_000) return [];
  const offices = await officesOpeningRoundsFromRecords(engine);
  // a few offices at a time (while one office's rows are written, the next one's are read and prepared); reported in the
  // offices' order. An error reading an office stops the pass, as it did one office at a time: no office is started after it.
  const out: ScheduledOpening[][] = new Array(offices.length);
  let next = 0;
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped && next < offices.length) {
      const i = next++;
      try {
        out[i] = await openScheduledRound(engine, offices[i]!, { now, on: moment.on, workerId: opts.workerId });
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(SCHEDULED_OPENINGS_AT_ONCE, offices.length) }, lane));
  const failed = lanes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out.flat();
}

/** How many offices' rounds one worker opens at once. */
export const SCHEDULED_OPENINGS_AT_ONCE = 2;

/** One office's part of `openScheduledRounds`: its outcomes (a failure after an opening checked the records is a second one). */
async function openScheduledRound(
  engine: Engine,
  officeId: string,
  a: { now: Date; on: string; workerId: string },
): Promise<ScheduledOpening[]> {
  const { now } = a;
  const rounds = await salaryRoundCasesOf(engine, officeId);
  const round = rounds.find((r) => r.effectiveOn === a.on);
  if (!round) return [{ officeId, caseId: null, outcome: 'no_round' }];
  if (round.state !== 'evaluating') return [{ officeId, caseId: round.caseId, outcome: 'not_at_evaluation' }];
  // records found incomplete: looked at again once an hour (or at once by HR from the round's page), not every pass
  const last = await roundOpeningOfCase(engine, round.caseId);
  if (last?.status === 'failed' && now.getTime() - last.heartbeatAt.getTime() < FAILED_RETRY_MS)
    return [{ officeId, caseId: round.caseId, outcome: 'incomplete' }];
  const out: ScheduledOpening[] = [];
  try {
    const report = await openAppraisalFromRecords(engine, SYSTEM_ACTOR, round.caseId, { dryRun: false, by: a.workerId });
    out.push({ officeId, caseId: round.caseId, outcome: report.opened ? 'opened' : 'incomplete', report });
    if (!report.opened) {
      // the same claim row tells the round page why nothing opened
      const r = await loadRound(engine, SYSTEM_ACTOR, round.caseId);
      const key = { officeId, fiscalYearBe: r.context.params.fiscalYearBe, round: r.context.params.round, by: a.workerId };
      const claim = await claimRoundOpening(engine, { ...key, caseId: round.caseId, asOf: report.asOf, now });
      if (claim.claimed)
        await reportRoundOpening(engine, key, {
          now,
          status: 'failed',
          rejected: report.totals.rejected,
          considered: report.totals.considered,
          notConsidered: report.totals.notConsidered,
          error: report.message.en,
        });
    }
  } catch (error) {
    if (error instanceof EsaError && (error.code === 'CYCLE_OPENING_IN_PROGRESS' || error.code === 'EVENT_NOT_ALLOWED'))
      out.push({ officeId, caseId: round.caseId, outcome: 'taken' });
    else out.push({ officeId, caseId: round.caseId, outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
  return out;
}
