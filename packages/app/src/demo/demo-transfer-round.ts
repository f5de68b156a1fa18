/**
 * A transfer round under way for the demo office, driven through the real
 * transfer workflows as an office would: opened three weeks ago with phases
 * relative to today (requests still open), vacancies posted at every school,
 * and ten teachers' requests at different steps — at school review, returned
 * for correction, awaiting the board's opinion, at scoring, scored and
 * awaiting verification, verified.
 */
import {
  bangkokInstant,
  createPostgresContentStore,
  formatThaiDate,
  uploadFile,
  type Actor,
  type Engine,
  type ManualClock,
} from '@esa-flow/engine';
import { transfer } from '@esa-flow/workflows';
import { bangkokDate, type DemoPerson } from './demo-staff';

const SUBJECTS = ['คณิตศาสตร์', 'วิทยาศาสตร์', 'ภาษาไทย'] as const;

/** The round's published calendar, as dates around today. */
function roundParams(now: Date): transfer.TransferRoundParamsInput {
  // the phrase is what the published calendar says: its date as a person reads it (พ.ศ.), never ISO
  const at = (days: number, time: string, phrase: string) => ({
    date: bangkokDate(now, days),
    time,
    phrase: `${phrase} ${formatThaiDate(bangkokDate(now, days))}`,
    source: 'ข้อมูลสาธิต (demo calendar)',
  });
  const yearBe = Number(bangkokDate(now, 0).slice(0, 4)) + 543;
  return {
    roundNo: 1,
    yearBe,
    phases: {
      vacanciesUntil: at(-16, '16:30', 'บันทึกตำแหน่งว่างถึง'),
      requestsFrom: at(-15, '08:30', 'เปิดยื่นคำขอย้าย'),
      requestsUntil: at(10, '16:30', 'ปิดรับคำขอย้าย'),
      schoolReviewUntil: at(14, '16:30', 'สถานศึกษาตรวจสอบถึง'),
      correctionUntil: at(16, '15:00', 'แก้ไขภายใน'),
      scoringUntil: at(30, '16:30', 'จัดทำและตรวจสอบคะแนนถึง'),
      screeningUntil: at(44, '16:30', 'กลั่นกรองถึง'),
      approvalUntil: at(58, '16:30', 'อ.ก.ค.ศ. พิจารณาถึง'),
      ordersUntil: at(90, '16:30', 'ออกคำสั่งถึง'),
    },
  };
}

export interface DemoTransferArgs {
  engine: Engine;
  clock: ManualClock;
  now: Date;
  officeId: string;
  schools: readonly { id: string; nameTh: string }[];
  hr: Actor;
  group: Actor;
  /** the director actor of each school, by index */
  directors: readonly Actor[];
  /** the teachers who file, in order (their school by `schoolIndex`) */
  applicants: readonly DemoPerson[];
}

/** Opens the round and files the requests; returns the round's case id. */
export async function seedDemoTransferRound(a: DemoTransferArgs): Promise<string> {
  const { engine, clock, now, hr } = a;
  const params = roundParams(now);
  const day = (days: number, time: string) => clock.set(bangkokInstant(bangkokDate(now, days), time));
  day(-20, '10:00');
  const { caseId: roundId } = await engine.startCase({
    actor: hr,
    workflowId: 'transfer-round',
    officeId: a.officeId,
    title: `การย้ายข้าราชการครู ครั้งที่ 1/${params.yearBe} (สาธิต)`,
    input: params,
  });
  day(-18, '10:00');
  const vacancies: transfer.Vacancy[] = a.schools.flatMap((s, si) =>
    SUBJECTS.map((subject, k) => ({ id: `V${si + 1}${k + 1}`, schoolId: s.id, schoolName: s.nameTh, subject, count: 1 + ((si + k) % 2) })),
  );
  await engine.dispatch({ actor: hr, caseId: roundId, type: 'POST_VACANCIES', payload: { vacancies } });
  day(-15, '09:00');
  await engine.dispatch({ actor: hr, caseId: roundId, type: 'OPEN_REQUESTS', payload: {} });

  // every demo request carries the same small PDF: stored once (content-addressed), one upload per teacher
  const demoPdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
  const store = createPostgresContentStore(engine);
  const caseIds: string[] = [];
  for (const [i, t] of a.applicants.entries()) {
    const upload = await uploadFile(engine, store, {
      actor: t.actor,
      officeId: a.officeId,
      kind: 'evidence',
      name: 'ทะเบียนบ้าน (สาธิต).pdf',
      now: clock.now(),
      source: (async function* () {
        yield demoPdf;
      })(),
    });
    const major = SUBJECTS[i % SUBJECTS.length]!;
    const preferences = a.schools.filter((_, si) => si !== t.schoolIndex).map((s) => s.id);
    const submission: transfer.RequestSubmission = {
      kind: 'normal',
      preferences,
      reason: (['home_district', 'home_province', 'care_parents', 'other'] as const)[i % 4]!,
      evidence: [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }],
      latestPa: { yearBe: params.yearBe - 1, score: 80 + (i % 15), passed: true },
      facts: {
        position: 'teacher',
        academicStanding: i % 3 === 0 ? 'professional' : 'none',
        major,
        currentSchoolSince: `${2010 + (i % 10)}-05-16`,
        firstAppointedOn: `${2008 + (i % 8)}-05-16`,
        currentSchoolHardship: i % 4 === 0,
      },
    };
    day(-14 + i, '10:00');
    caseIds.push((await transfer.fileTransferRequest(engine, t.actor, { roundCaseId: roundId, submission })).caseId);
  }

  // the schools review (requests 0–2 wait at school review), the office scores and verifies
  const director = (i: number) => a.directors[a.applicants[i]!.schoolIndex]!;
  const send = (i: number, actor: Actor, type: string, payload: unknown) => engine.dispatch({ actor, caseId: caseIds[i]!, type, payload });
  day(-3, '10:00');
  for (let i = 3; i < caseIds.length; i++) {
    if (i === 3) {
      await send(i, director(i), 'RETURN_FOR_CORRECTION', { note: 'สำเนาทะเบียนบ้านไม่ชัดเจน กรุณาแนบใหม่' });
      continue;
    }
    await send(i, director(i), 'CERTIFY', {});
    if (i === 4) continue; // waits for the school board's opinion
    await send(i, director(i), 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: `ครั้งที่ 1/${params.yearBe}` });
  }
  day(-2, '10:00');
  for (let i = 7; i < caseIds.length; i++) {
    await send(i, hr, 'ENTER_SCORES', {
      entries: { reason: i % 2 === 0 ? 'home_district' : 'other', workload: 'high', development: 'good' },
    });
  }
  day(-1, '10:00');
  for (let i = 9; i < caseIds.length; i++) await send(i, a.group, 'VERIFY_SCORES', {});
  return roundId;
}
