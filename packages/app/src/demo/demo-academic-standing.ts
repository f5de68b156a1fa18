/**
 * Academic-standing (วิทยฐานะ) cases of the demo, through the real workflow,
 * at several steps: one just filed (the eligibility check), one whose
 * evaluation committees wait for the area sub-committee, one in evaluation
 * whose academic work an evaluator returned for revision (the demo teacher
 * has it to revise), one found ineligible (its grievance window open), and
 * two ended — one withdrawn, one ineligible whose grievance window closed.
 * Three evaluators (users with the committee-member role) are appointed.
 */
import { bangkokInstant, SYSTEM_ACTOR, type Actor, type Engine, type ManualClock } from '@esa-flow/engine';
import { holdDemoMeeting } from './demo-committee-meeting';
import { bangkokDate, personWithRole, type DemoPerson } from './demo-staff';

export interface DemoAcademicArgs {
  engine: Engine;
  clock: ManualClock;
  now: Date;
  officeId: string;
  hr: Actor;
  /** six teachers who file, the first of them the demo teacher (who gets the returned one) */
  applicants: readonly DemoPerson[];
  schoolIds: readonly string[];
  passwordHash: string;
  /** the office's area sub-committee (อ.ก.ค.ศ.) */
  areaCommitteeId: string;
}

const EVALUATORS = ['นางสาวอรอุมา ประเมินดี', 'นายธนากร ศึกษาการ', 'ดร.พรทิพย์ วิชาการ'];

/** A senior-professional teacher asking for expert, with everything the level needs: eligible on `today`. */
function application(today: string, now: Date) {
  const fy = (Number(today.slice(5, 7)) >= 10 ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4))) + 543;
  return {
    position: 'teacher',
    currentLevel: 'senior_professional',
    currentLevelSince: bangkokDate(now, -6 * 366),
    targetLevel: 'expert',
    learningArea: 'คณิตศาสตร์',
    paResults: [1, 2, 3, 4, 5].map((k) => ({ fiscalYear: fy - k, evaluatorPercents: [86, 82, 90] })),
    penalties: [],
    development: { passedOn: bangkokDate(now, -200) },
    evidence: [
      { kind: 'pa_results', title: 'ผลการประเมิน PA ย้อนหลัง' },
      { kind: 'development_certificate', title: 'วุฒิบัตรการพัฒนาก่อนแต่งตั้ง' },
      { kind: 'academic_work', title: 'รายงานการพัฒนาทักษะการแก้โจทย์ปัญหาคณิตศาสตร์' },
    ],
  };
}

export async function seedDemoAcademicStanding(a: DemoAcademicArgs): Promise<string[]> {
  const { engine, clock, now, hr } = a;
  const day = (days: number, time: string) => clock.set(bangkokInstant(bangkokDate(now, days), time));
  const panel: { userId: string; personId: string; name: string; actor: Actor }[] = [];
  for (const [i, name] of EVALUATORS.entries()) {
    const p = await personWithRole(engine, a.officeId, null, -1, `demo-evaluator-${i + 1}`, name, 'committee_member', a.passwordHash);
    panel.push({ userId: p.userId, personId: p.personId, name, actor: p.actor });
  }
  const caseIds: string[] = [];
  for (const [i, t] of a.applicants.entries()) {
    day(-60 + i, '10:00');
    const input = application(bangkokDate(now, -60 + i), now);
    const { caseId } = await engine.startCase({
      actor: t.actor,
      workflowId: 'academic-standing',
      officeId: a.officeId,
      schoolId: a.schoolIds[t.schoolIndex]!,
      subjectPersonId: t.personId,
      title: `ขอเลื่อนวิทยฐานะครูเชี่ยวชาญ — ${t.nameTh.replace(/\s*\(.*\)$/, '')}`,
      input,
    });
    caseIds.push(caseId);
  }
  const send = (i: number, actor: Actor, type: string, payload: unknown) => engine.dispatch({ actor, caseId: caseIds[i]!, type, payload });
  const proposal = {
    aspect1: panel.map(({ userId, personId, name }) => ({ userId, personId, name })),
    aspect2: panel.map(({ userId, personId, name }) => ({ userId, personId, name })),
  };

  // 0: returned for revision; 1: just filed; 2: committees await approval; 3: ineligible; 4: withdrawn; 5: ineligible, window closed
  day(-52, '10:00');
  await send(0, hr, 'ACCEPT_ELIGIBLE', { note: 'คุณสมบัติครบตามหลักเกณฑ์' });
  await send(2, hr, 'ACCEPT_ELIGIBLE', {});
  await send(3, hr, 'REJECT_INELIGIBLE', { note: 'ผลการประเมิน PA ในระบบ DPA ไม่ตรงกับที่แนบ' });
  await send(5, hr, 'REJECT_INELIGIBLE', { note: 'ยังไม่ผ่านการพัฒนาก่อนแต่งตั้งตามที่ระบบบันทึก' });
  // the teacher is told the same day (academic-standing 3: the grievance window counts from the notification)
  await send(5, hr, 'RESULT_NOTIFIED', { how: 'letter', ref: 'หนังสือแจ้งผล (สาธิต)' });
  await send(4, a.applicants[4]!.actor, 'WITHDRAW', { reason: 'ขอยื่นใหม่ในรอบถัดไป' });
  day(-50, '10:00');
  await send(0, hr, 'PROPOSE_COMMITTEES', proposal);
  day(-45, '09:00');
  await holdDemoMeeting({
    engine,
    clock,
    hr,
    committeeId: a.areaCommitteeId,
    title: 'ประชุม อ.ก.ค.ศ. เขตพื้นที่การศึกษา (วิทยฐานะ) (สาธิต)',
    approve: [caseIds[0]!],
  });
  day(-40, '10:00');
  await send(2, hr, 'PROPOSE_COMMITTEES', proposal);
  day(-10, '10:00');
  await send(0, panel[0]!.actor, 'SUBMIT_SCORE', { aspect: 1, percent: 78 });
  day(-5, '10:00');
  await send(0, panel[1]!.actor, 'REQUEST_REVISION', { note: 'ปรับปรุงบทที่ 4 การวิเคราะห์ผล: แสดงผลสัมฤทธิ์ก่อนและหลังการพัฒนาให้ชัดเจน' });
  await engine.dispatch({ actor: SYSTEM_ACTOR, caseId: caseIds[5]!, type: 'GRIEVANCE_WINDOW_CLOSED', payload: {} });
  return caseIds;
}
