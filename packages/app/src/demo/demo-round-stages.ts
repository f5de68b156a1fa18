/**
 * Transfer rounds of the demo office stopped at each later phase — scoring,
 * screening, approval, orders, closed — beside the round taking requests
 * (demo-transfer-round.ts), so every phase of a round and the requests' steps
 * after it can be seen (and the crawler reads each one). Each round is driven
 * through the real workflows as an office would, its calendar placed around
 * today so the phase it stops at is the one under way: four teachers file;
 * the schools certify three and return one, which lapses when its correction
 * time passes; one of the certified withdraws; the rest are scored, verified,
 * matched, screened and approved at committee meetings, have their orders
 * signed and report for duty, as far as the round's phase goes.
 */
import {
  bangkokInstant,
  createPostgresContentStore,
  formatThaiDate,
  SYSTEM_ACTOR,
  uploadFile,
  type Actor,
  type Engine,
  type ManualClock,
} from '@esa-flow/engine';
import { transfer } from '@esa-flow/workflows';
import { holdDemoMeeting } from './demo-committee-meeting';
import { bangkokDate, type DemoPerson } from './demo-staff';

export const ROUND_STAGES = ['scoring', 'screening', 'approval', 'orders', 'closed'] as const;
export type RoundStage = (typeof ROUND_STAGES)[number];

const STAGE_NAMES: Record<RoundStage, string> = {
  scoring: 'ขั้นให้คะแนน',
  screening: 'ขั้นกลั่นกรอง',
  approval: 'ขั้น อ.ก.ค.ศ. พิจารณา',
  orders: 'ขั้นออกคำสั่ง',
  closed: 'ปิดรอบแล้ว',
};
const SUBJECTS = ['คณิตศาสตร์', 'วิทยาศาสตร์', 'ภาษาไทย'] as const;
const ORDER: readonly string[] = ['requests', 'scoring', 'screening', 'approval', 'orders', 'closed'];

export interface DemoRoundStageArgs {
  engine: Engine;
  clock: ManualClock;
  now: Date;
  officeId: string;
  schools: readonly { id: string; nameTh: string }[];
  hr: Actor;
  group: Actor;
  area: Actor;
  /** the director actor of each school, by index */
  directors: readonly Actor[];
  /** four teachers who file in this round */
  applicants: readonly DemoPerson[];
  stage: RoundStage;
  /** the office's committees by kind: the screening committee and the area sub-committee (อ.ก.ค.ศ.) */
  committees: Readonly<Record<string, string>>;
  roundNo: number;
  yearBe: number;
}

/** The round's calendar: the phases before `stage` ended in the past, the phase of `stage` (and those after) end in the weeks ahead. */
function params(now: Date, a: DemoRoundStageArgs): transfer.TransferRoundParamsInput {
  const at = (days: number, time: string, phrase: string) => ({
    date: bangkokDate(now, days),
    time,
    phrase: `${phrase} ${formatThaiDate(bangkokDate(now, days))}`,
    source: 'ข้อมูลสาธิต (demo calendar)',
  });
  const reached = ORDER.indexOf(a.stage);
  // a phase ends `past` days ago once the round is beyond it, else some weeks ahead
  const end = (phase: string, past: number, ahead: number) => (ORDER.indexOf(phase) < reached ? past : ahead);
  return {
    roundNo: a.roundNo,
    yearBe: a.yearBe,
    phases: {
      vacanciesUntil: at(-95, '16:30', 'บันทึกตำแหน่งว่างถึง'),
      requestsFrom: at(-94, '08:30', 'เปิดยื่นคำขอย้าย'),
      requestsUntil: at(-80, '16:30', 'ปิดรับคำขอย้าย'),
      schoolReviewUntil: at(-76, '16:30', 'สถานศึกษาตรวจสอบถึง'),
      correctionUntil: at(-74, '15:00', 'แก้ไขภายใน'),
      scoringUntil: at(end('scoring', -60, 14), '16:30', 'จัดทำและตรวจสอบคะแนนถึง'),
      screeningUntil: at(end('screening', -45, 28), '16:30', 'กลั่นกรองถึง'),
      approvalUntil: at(end('approval', -30, 42), '16:30', 'อ.ก.ค.ศ. พิจารณาถึง'),
      ordersUntil: at(end('orders', -5, 70), '16:30', 'ออกคำสั่งถึง'),
    },
  };
}

/** Opens the round and drives it to `stage`; returns the round's case id. */
export async function seedDemoRoundAtStage(a: DemoRoundStageArgs): Promise<string> {
  const { engine, clock, now, hr } = a;
  const p = params(now, a);
  const day = (days: number, time: string) => clock.set(bangkokInstant(bangkokDate(now, days), time));
  const reached = (stage: string) => ORDER.indexOf(a.stage) >= ORDER.indexOf(stage);
  const system = (caseId: string, type: string) => engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type, payload: {} });

  day(-100, '10:00');
  const { caseId: roundId } = await engine.startCase({
    actor: hr,
    workflowId: 'transfer-round',
    officeId: a.officeId,
    title: `การย้ายข้าราชการครู ครั้งที่ ${a.roundNo}/${a.yearBe} (สาธิต — ${STAGE_NAMES[a.stage]})`,
    input: p,
  });
  day(-96, '10:00');
  const vacancies: transfer.Vacancy[] = a.schools.flatMap((s, si) =>
    SUBJECTS.map((subject, k) => ({ id: `R${a.roundNo}V${si + 1}${k + 1}`, schoolId: s.id, schoolName: s.nameTh, subject, count: 1 })),
  );
  await engine.dispatch({ actor: hr, caseId: roundId, type: 'POST_VACANCIES', payload: { vacancies } });
  day(-94, '09:00');
  await engine.dispatch({ actor: hr, caseId: roundId, type: 'OPEN_REQUESTS', payload: {} });

  const pdf = Buffer.from(`%PDF-1.4\n% demo round ${a.roundNo}/${a.yearBe}\n%%EOF\n`, 'latin1');
  const store = createPostgresContentStore(engine);
  const requests: string[] = [];
  for (const [i, t] of a.applicants.entries()) {
    day(-92 + i, '10:00');
    const upload = await uploadFile(engine, store, {
      actor: t.actor,
      officeId: a.officeId,
      kind: 'evidence',
      name: 'ทะเบียนบ้าน (สาธิต).pdf',
      now: clock.now(),
      source: (async function* () {
        yield pdf;
      })(),
    });
    const submission: transfer.RequestSubmission = {
      kind: 'normal',
      preferences: a.schools.filter((_, si) => si !== t.schoolIndex).map((s) => s.id),
      reason: (['home_district', 'care_parents', 'home_province', 'other'] as const)[i % 4]!,
      evidence: [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }],
      latestPa: { yearBe: a.yearBe - 1, score: 82 + i, passed: true },
      facts: {
        position: 'teacher',
        academicStanding: i === 1 ? 'professional' : 'none',
        major: SUBJECTS[i % SUBJECTS.length]!,
        currentSchoolSince: `${2012 + i}-05-16`,
        firstAppointedOn: `${2009 + i}-05-16`,
        currentSchoolHardship: i === 0,
      },
    };
    requests.push((await transfer.fileTransferRequest(engine, t.actor, { roundCaseId: roundId, submission })).caseId);
  }
  const director = (i: number) => a.directors[a.applicants[i]!.schoolIndex]!;
  const send = (i: number, actor: Actor, type: string, payload: unknown) => engine.dispatch({ actor, caseId: requests[i]!, type, payload });

  // the schools: three certified with the board's support, the last returned (it lapses)
  day(-86, '10:00');
  for (let i = 0; i < requests.length; i++) {
    if (i === 3) {
      await send(i, director(i), 'RETURN_FOR_CORRECTION', { note: 'ไม่ได้แนบสำเนาทะเบียนสมรส กรุณาแนบเพิ่ม' });
      continue;
    }
    await send(i, director(i), 'CERTIFY', {});
    await send(i, director(i), 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: `ครั้งที่ ${a.roundNo}/${a.yearBe}` });
  }
  day(-80, '16:30');
  await system(roundId, 'CLOSE_REQUESTS');
  day(-74, '15:00');
  await system(requests[3]!, 'LAPSE');
  await system(roundId, 'CLOSE_SCHOOL_REVIEW');
  // one certified teacher withdraws
  day(-72, '10:00');
  await send(2, a.applicants[2]!.actor, 'WITHDRAW', { reason: 'ขอยกเลิกเนื่องจากได้รับการบรรจุในพื้นที่ภูมิลำเนาแล้ว' });

  // scoring: both remaining scored; in the round still scoring only the first is verified
  day(-70, '10:00');
  for (const i of [0, 1])
    await send(i, hr, 'ENTER_SCORES', {
      entries: { reason: i === 0 ? 'home_district' : 'care_parents_or_spouse', workload: 'high', development: 'good' },
    });
  day(-68, '10:00');
  await send(0, a.group, 'VERIFY_SCORES', {});
  if (!reached('screening')) return roundId;
  await send(1, a.group, 'VERIFY_SCORES', {});
  day(-60, '16:30');
  await system(roundId, 'CLOSE_SCORING');
  day(-58, '10:00');
  const run = await transfer.proposeRoundMatching(engine, hr, roundId);
  // a round of version 3 keeps the run until it is published to the committees (older rounds publish it at once)
  if (run.runNo !== null) await transfer.publishRoundMatching(engine, hr, roundId, { digest: run.digest });
  if (!reached('approval')) return roundId;

  day(-50, '09:00');
  await holdDemoMeeting({
    engine,
    clock,
    hr,
    committeeId: a.committees.transfer_screening!,
    title: `ประชุมคณะกรรมการกลั่นกรองการย้าย ครั้งที่ ${a.roundNo}/${a.yearBe} (สาธิต)`,
    approve: requests,
  });
  await system(roundId, 'CLOSE_SCREENING');
  if (!reached('orders')) return roundId;

  day(-35, '09:00');
  await holdDemoMeeting({
    engine,
    clock,
    hr,
    committeeId: a.committees.area_approval!,
    title: `ประชุม อ.ก.ค.ศ. เขตพื้นที่การศึกษา ครั้งที่ ${a.roundNo}/${a.yearBe} (สาธิต)`,
    approve: requests,
  });
  await system(roundId, 'CLOSE_APPROVAL');

  // orders: each signed by its authority (the school director for a teacher without academic standing, else the area director);
  // in the round still issuing orders only the first is signed, and its teacher has until next week to report
  const signedOn = reached('closed') ? -20 : -3;
  day(signedOn, '10:00');
  for (const i of reached('closed') ? [0, 1] : [0]) {
    const signer = i === 1 ? a.area : director(i);
    const reportBy = reached('closed') ? -6 : 10;
    const order = {
      orderNo: `${40 + i + 10 * a.roundNo}/${a.yearBe}`,
      signedOn: bangkokDate(now, signedOn),
      effectiveOn: bangkokDate(now, reportBy - 4),
      reportBy: { date: bangkokDate(now, reportBy), time: '16:30' },
    };
    await send(i, signer, 'SIGN_ORDER', order);
  }
  if (!reached('closed')) return roundId;
  day(-8, '10:00');
  for (const i of [0, 1]) await send(i, hr, 'REPORT_FOR_DUTY', { reportedOn: bangkokDate(now, -8) });
  day(-4, '10:00');
  await engine.dispatch({ actor: hr, caseId: roundId, type: 'CLOSE_ROUND', payload: {} });
  return roundId;
}
