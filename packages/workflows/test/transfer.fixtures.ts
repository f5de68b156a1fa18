/**
 * Data the transfer tests share: the parameters of round 1/2568 (the dates
 * of its published calendar, regulations.md §1.2) and a request builder.
 */
import { type Actor } from '@esa-flow/engine';
import { createPostgresContentStore, uploadFile, type Database } from '@esa-flow/engine/internal';
import type { EvidenceFile, RequestSubmission, TransferRoundParamsInput } from '../src/transfer/index';

const m = (date: string, time: string, phrase: string) => ({ date, time, phrase, source: 'regulations.md §1.2 (round 1/2568 calendar)' });

/** Round 1/2568: vacancies to 15 Jan, requests 16–31 Jan, corrections by 6 Feb 2568 15.00 น. */
export const ROUND_1_2568 = {
  roundNo: 1,
  yearBe: 2568,
  phases: {
    vacanciesUntil: m('2025-01-15', '16:30', 'บันทึกตำแหน่งว่าง 1–15 ม.ค. 2568'),
    requestsFrom: m('2025-01-16', '08:30', 'เปิดยื่นคำขอย้าย 16 ม.ค. 2568'),
    requestsUntil: m('2025-01-31', '16:30', 'ถึง 31 ม.ค. 2568'),
    schoolReviewUntil: m('2025-02-04', '16:30', 'สถานศึกษาตรวจสอบถึง 4 ก.พ. 2568'),
    correctionUntil: m('2025-02-06', '15:00', 'แก้ไขภายในวันที่ 6 ก.พ. 2568 เวลา 15.00 น.'),
    scoringUntil: m('2025-02-28', '16:30', 'จัดทำและตรวจสอบคะแนนถึง 28 ก.พ. 2568'),
    screeningUntil: m('2025-03-14', '16:30', 'กลั่นกรองถึง 14 มี.ค. 2568'),
    approvalUntil: m('2025-03-31', '16:30', 'อ.ก.ค.ศ. พิจารณาถึง 31 มี.ค. 2568'),
    ordersUntil: m('2025-04-30', '16:30', 'ออกคำสั่งถึง 30 เม.ย. 2568'),
  },
} satisfies TransferRoundParamsInput;

type Over = Partial<Omit<RequestSubmission, 'facts'>> & { facts?: Partial<RequestSubmission['facts']> };

/** An eligible normal request for a คณิตศาสตร์ teacher to S-NA then S-KHAO; override what a test needs. */
export function submission(over: Over = {}): RequestSubmission {
  const { facts, ...rest } = over;
  return {
    kind: 'normal',
    preferences: ['S-NA', 'S-KHAO'],
    reason: 'home_district',
    evidence: [
      { name: 'ทะเบียนบ้าน.pdf', size: 120_000, sha256: 'a'.repeat(64), fileId: '00000000-0000-4000-8000-0000000000e1', kind: 'ทะเบียนบ้าน' },
    ],
    latestPa: { yearBe: 2567, score: 85, passed: true },
    ...rest,
    facts: {
      position: 'teacher',
      academicStanding: 'none',
      major: 'คณิตศาสตร์',
      currentSchoolSince: '2015-06-01',
      firstAppointedOn: '2012-05-16',
      currentSchoolHardship: false,
      ...facts,
    },
  };
}

/** A small PDF's bytes (enough for the type sniffing; `label` makes different contents). */
export const tinyPdf = (label = 'ทะเบียนบ้าน'): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`, 'utf8');

/**
 * Uploads a small PDF as `actor` (a teacher) and answers it as evidence: a
 * request's evidence must name an upload the teacher may read (docs/files.md).
 */
export async function uploadEvidence(
  db: Database,
  actor: Actor,
  officeId: string,
  name = 'ทะเบียนบ้าน.pdf',
  label = name,
): Promise<EvidenceFile> {
  const bytes = tinyPdf(label);
  const file = await uploadFile(db, createPostgresContentStore(db), {
    actor,
    officeId,
    kind: 'evidence',
    name,
    now: new Date(),
    source: (async function* () {
      yield bytes;
    })(),
  });
  return { name: file.name, size: file.size, sha256: file.sha256, fileId: file.id, kind: 'ทะเบียนบ้าน' };
}
