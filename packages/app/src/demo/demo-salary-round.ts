/**
 * A salary raise round under way for the demo office, through the real
 * salary workflows: the round of the half-year that ended last, its criteria
 * announced, the staff's person records imported (position, salary,
 * calculation base, leave; docs/personnel.md), the appraisals opened from the
 * records as of the base date (one per eligible person), and some scores
 * already entered by the school directors; the rest wait.
 * The round's target dates are set from today so it stays under way.
 */
import { bangkokInstant, recordPersonnelChanges, type Actor, type Engine, type ManualClock, type PersonnelChange } from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { bangkokDate, type DemoPerson } from './demo-staff';

/** The round whose half-year ended last before `today` (YYYY-MM-DD). */
function lastEndedRound(today: string): { fiscalYearBe: number; round: 1 | 2 } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  if (month >= 10) return { fiscalYearBe: year + 543, round: 2 };
  if (month >= 4) return { fiscalYearBe: year + 543, round: 1 };
  return { fiscalYearBe: year - 1 + 543, round: 2 };
}

export interface DemoSalaryArgs {
  engine: Engine;
  clock: ManualClock;
  now: Date;
  officeId: string;
  hr: Actor;
  /** the director actor of each school, by index */
  directors: readonly Actor[];
  staff: readonly DemoPerson[];
  schoolIds: readonly string[];
  /** how many of the appraisals get a score */
  scored: number;
}

/** Opens the round and the appraisals, enters some scores; returns the round's case id. */
export async function seedDemoSalaryRound(a: DemoSalaryArgs): Promise<string> {
  const { engine, clock, now, hr } = a;
  const day = (days: number, time: string) => clock.set(bangkokInstant(bangkokDate(now, days), time));
  const schedule = {
    appraisalDueOn: bangkokDate(now, 14),
    screeningDueOn: bangkokDate(now, 28),
    budgetDueOn: bangkokDate(now, 42),
    approvalDueOn: bangkokDate(now, 56),
    ordersDueOn: bangkokDate(now, 70),
  };
  day(-10, '09:00');
  const { caseId: roundId } = await salary.startSalaryRound(engine, hr, {
    officeId: a.officeId,
    params: { ...lastEndedRound(bangkokDate(now, 0)), schedule },
  });
  await engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ สพป. (สาธิต) เรื่อง หลักเกณฑ์การประเมินผลการปฏิบัติงาน', announcedOn: bangkokDate(now, -10) },
  });

  day(-7, '09:00');
  const roster: salary.StaffRecordInput[] = a.staff.map((p, i) => {
    const salaryBaht = 18_000 + ((i * 1_370) % 30_000);
    return {
      personnelNo: `D${String(1001 + i)}`,
      personId: p.personId,
      schoolId: a.schoolIds[p.schoolIndex]!,
      nameTh: p.nameTh,
      position: 'ครู',
      academicStanding: i % 3 === 0 ? 'ชำนาญการ' : 'none',
      salarySatang: salaryBaht * 100,
      baseSatang: (salaryBaht <= 35_000 ? 25_000 : 45_000) * 100,
      maxSalarySatang: 58_390 * 100,
      serviceStartedOn: `${2005 + (i % 15)}-05-16`,
      // one person had too much sick leave: shown as not considered, with the reason
      leave: i === a.staff.length - 1 ? { sickOccasions: 12, sickDays: 18 } : {},
    };
  });
  // the roster as person records from the start of the half-year, as an office's import would write them
  const from = (await salary.loadRound(engine, hr, roundId)).context.dates.evaluationFrom;
  const changes: PersonnelChange[] = roster.flatMap((r) => {
    const values: [PersonnelChange['field'], unknown][] = [
      ['position_no', r.personnelNo],
      ['position', r.position],
      ['level', r.academicStanding === 'ชำนาญการ' ? 'คศ.2' : 'คศ.1'],
      ['academic_standing', r.academicStanding],
      ['salary', r.salarySatang],
      ['base', r.baseSatang],
      ['max_salary', r.maxSalarySatang],
      ['school', r.schoolId],
      ['service_started_on', r.serviceStartedOn],
    ];
    const leave =
      r.leave && Object.keys(r.leave).length > 0
        ? [
            {
              personId: r.personId!,
              field: 'leave' as const,
              effectiveOn: from,
              value: { sickOccasions: 0, sickDays: 0, personalOccasions: 0, personalDays: 0, lateTimes: 0, ...r.leave },
            },
          ]
        : [];
    return [...values.map(([field, value]) => ({ personId: r.personId!, field, effectiveOn: from, value })), ...leave];
  });
  await recordPersonnelChanges(engine, {
    officeId: a.officeId,
    changes,
    source: { kind: 'import', ref: 'ระเบียนบุคคล (สาธิต).xlsx' },
    recordedBy: hr.id,
    now: clock.now(),
  });
  await salary.openAppraisalFromRecords(engine, hr, roundId, { dryRun: false, by: `user:${hr.id}` });

  day(-2, '10:00');
  const children = await salary.roundChildren(engine, hr, roundId);
  const scores = children.slice(0, a.scored).map((c, k) => {
    const school = a.schoolIds.indexOf(c.schoolId ?? '');
    return { caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score: 72 + ((k * 7) % 27) + 0.5 }, actor: a.directors[school] ?? hr };
  });
  await salary.dispatchMany(engine, hr, scores, { parallel: 1 });
  return roundId;
}
