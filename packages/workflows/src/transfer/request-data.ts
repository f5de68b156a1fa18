/**
 * The data of a transfer round and of one transfer request, as zod schemas:
 * vacancies posted for the round, and what a teacher files (type, ordered
 * preferred schools, reason, facts, evidence files, latest PA result).
 * Evidence files are uploads (POST /api/files, docs/files.md) named by
 * `fileId`: the engine attaches each to the case when the event is recorded,
 * and refuses one the actor may not read or of another office.
 */
import { localDateSchema } from '@esa-flow/engine';
import { z } from 'zod';
import { RequestParamsV8, TransferRoundParams, TransferRoundParamsV3 } from './round-params';

/**
 * A vacancy (ตำแหน่งว่าง) posted for the round: a school needs `count`
 * teachers of a subject (วิชาเอก). A vacancy of another area (`area` set) was
 * posted by that area in the same national round; a teacher of this area
 * placed there moves across areas and needs the receiving area's approval too
 * (Act ม.59).
 */
export const Vacancy = z
  .object({
    /** unique in the round, e.g. 'V01' */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    schoolId: z.string().min(1).max(100),
    schoolName: z.string().min(1).max(200),
    /** the subject or major needed (วิชาเอก) */
    subject: z.string().min(1).max(100),
    count: z.int().min(1).max(100),
    /** the receiving area, when the school belongs to another area */
    area: z
      .object({ code: z.string().min(1).max(50), name: z.string().min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type Vacancy = z.infer<typeof Vacancy>;

export const Vacancies = z
  .array(Vacancy)
  .max(2000)
  .refine((v) => new Set(v.map((x) => x.id)).size === v.length, 'vacancy ids must be unique')
  .refine(
    (v) => new Set(v.map((x) => `${x.schoolId}\u0000${x.subject}`)).size === v.length,
    'one vacancy per school and subject (raise its count instead)',
  );

export const REQUEST_KINDS = ['normal', 'swap', 'special'] as const;
export const REASONS = ['home_district', 'home_province', 'care_parents', 'live_with_spouse', 'other'] as const;
export type RequestReason = (typeof REASONS)[number];
export const ACADEMIC_STANDINGS = ['none', 'professional', 'senior_professional', 'expert', 'senior_expert'] as const;
export type AcademicStanding = (typeof ACADEMIC_STANDINGS)[number];

/** ชำนาญการ, ชำนาญการพิเศษ, … in Thai, for orders and explanations. */
export const STANDING_LABELS: Readonly<Record<AcademicStanding, { th: string; en: string }>> = {
  none: { th: 'ไม่มีวิทยฐานะ', en: 'No academic standing' },
  professional: { th: 'ชำนาญการ', en: 'Professional' },
  senior_professional: { th: 'ชำนาญการพิเศษ', en: 'Senior professional' },
  expert: { th: 'เชี่ยวชาญ', en: 'Expert' },
  senior_expert: { th: 'เชี่ยวชาญพิเศษ', en: 'Senior expert' },
};

/** An uploaded evidence file: its id, and its name, size and hash as the upload answered them. */
export const EvidenceFile = z
  .object({
    name: z.string().min(1).max(255),
    /** bytes; at most 20 MB */
    size: z
      .int()
      .min(1)
      .max(20 * 1024 * 1024),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** the upload (POST /api/files): it must be the actor's own or readable by them, of the case's office */
    fileId: z.uuid(),
    /** what it proves, e.g. 'ทะเบียนบ้าน', 'ก.ค.ศ.16', 'ตารางสอน' */
    kind: z.string().min(1).max(100).optional(),
  })
  .strict();
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** Teachers' positions (ครูผู้ช่วย, ครู): the applicants of a teachers' round. */
export const TEACHER_POSITIONS = ['assistant_teacher', 'teacher'] as const;
/** School administrators' positions (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา): the applicants of an administrators' round (seed-003 §2.2). */
export const ADMINISTRATOR_POSITIONS = ['school_director', 'deputy_school_director'] as const;
export type RequestPosition = (typeof TEACHER_POSITIONS)[number] | (typeof ADMINISTRATOR_POSITIONS)[number];

/** Thai and English names of the positions, for orders, refusals and pages. */
export const POSITION_LABELS: Readonly<Record<RequestPosition, { th: string; en: string }>> = {
  assistant_teacher: { th: 'ครูผู้ช่วย', en: 'Assistant teacher' },
  teacher: { th: 'ครู', en: 'Teacher' },
  school_director: { th: 'ผู้อำนวยการสถานศึกษา', en: 'School director' },
  deputy_school_director: { th: 'รองผู้อำนวยการสถานศึกษา', en: 'Deputy school director' },
};

export function isAdministratorPosition(position: string): boolean {
  return (ADMINISTRATOR_POSITIONS as readonly string[]).includes(position);
}

/**
 * What a request is matched on against a vacancy's `subject`: the teacher's
 * major (วิชาเอก), or, for a school administrator, the post itself
 * (a vacancy of an administrators' round names its post: ผู้อำนวยการสถานศึกษา
 * or รองผู้อำนวยการสถานศึกษา).
 */
export function matchSubject(facts: { position: string; major: string }): string {
  return isAdministratorPosition(facts.position) ? POSITION_LABELS[facts.position as RequestPosition].th : facts.major;
}

/** Facts about the teacher that the request relies on; certified by the director and checked by T1. */
export const RequestFacts = z
  .object({
    position: z.enum(TEACHER_POSITIONS),
    academicStanding: z.enum(ACADEMIC_STANDINGS),
    /** วิชาเอก: matched against a vacancy's subject */
    major: z.string().min(1).max(100),
    /** the day the teacher started at the current school */
    currentSchoolSince: localDateSchema,
    /** first appointment (for the total-service tie-break) */
    firstAppointedOn: localDateSchema,
    /** the current school is in an announced special area (scoring component 2) */
    currentSchoolHardship: z.boolean(),
    /** for the spouse reason */
    marriageRegisteredOn: localDateSchema.optional(),
  })
  .strict();
export type RequestFacts = z.infer<typeof RequestFacts>;

/** The latest PA result before the request (ผลการประเมิน PA รอบสุดท้ายก่อนยื่นคำขอย้าย). */
export const PaResult = z.object({ yearBe: z.int().min(2560).max(2700), score: z.number().min(0).max(100), passed: z.boolean() }).strict();

/**
 * Evidence as transfer-request version 1 recorded it: metadata only, with a
 * storage key nobody could open. Kept so the cases filed on version 1 go on
 * (a case stays on the version it started on); new requests are version 2.
 */
export const EvidenceFileV1 = z
  .object({
    name: z.string().min(1).max(255),
    size: z
      .int()
      .min(1)
      .max(20 * 1024 * 1024),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    storageKey: z.string().min(1).max(500),
    kind: z.string().min(1).max(100).optional(),
  })
  .strict();

/** What the teacher files (SUBMIT and RESUBMIT). */
export const RequestSubmission = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    /** preferred schools, most wanted first (ids of schools with a vacancy in the round); empty for a swap */
    preferences: z.array(z.string().min(1).max(100)).max(20),
    /** swap: the one teacher to swap with, who must file the matching request */
    swapWith: z
      .object({ personId: z.string().min(1), name: z.string().min(1).max(200) })
      .strict()
      .optional(),
    /** special case: why (serious illness, threat, …) */
    specialReason: z.string().min(1).max(2000).optional(),
    reason: z.enum(REASONS),
    reasonDetail: z.string().max(2000).optional(),
    facts: RequestFacts,
    evidence: z.array(EvidenceFile).max(50),
    latestPa: PaResult,
  })
  .strict();
export type RequestSubmission = z.infer<typeof RequestSubmission>;
/** RequestSubmission as version 1 took it (evidence: EvidenceFileV1). */
export const RequestSubmissionV1 = RequestSubmission.extend({ evidence: z.array(EvidenceFileV1).max(50) }).strict();

/** The input of a request case: the round it belongs to, copied when it is filed. */
export const TransferRequestInput = z
  .object({
    roundCaseId: z.string().min(1),
    applicant: z.object({ personId: z.string().min(1), name: z.string().min(1).max(200) }).strict(),
    currentSchool: z.object({ id: z.string().min(1), name: z.string().min(1).max(200) }).strict(),
    params: TransferRoundParams,
    vacancies: Vacancies,
  })
  .strict();
export type TransferRequestInput = z.infer<typeof TransferRequestInput>;

/** The input of a `transfer-request@4` case: the round's parameters include `notCertified` (defaulted for rounds opened before it). */
export const TransferRequestInputV4 = TransferRequestInput.extend({ params: TransferRoundParamsV3 }).strict();

/**
 * Version 8 (school administrators' rounds, seed-003 §2.2): the facts may
 * name an administrator's position; which positions a round takes is its
 * `applicants` (eligibility.ts, `position_not_in_round`).
 */
export const RequestFactsV8 = RequestFacts.extend({ position: z.enum([...TEACHER_POSITIONS, ...ADMINISTRATOR_POSITIONS]) }).strict();
export type RequestFactsV8 = z.infer<typeof RequestFactsV8>;
/** What an applicant files from `transfer-request@8` on: the facts of version 8. */
export const RequestSubmissionV8 = RequestSubmission.extend({ facts: RequestFactsV8 }).strict();
export type RequestSubmissionV8 = z.infer<typeof RequestSubmissionV8>;
/** A request of any version as the pure rules read it (version 8's positions include the older ones). */
export type AnyRequestSubmission = RequestSubmission | RequestSubmissionV8;
/**
 * The input of a `transfer-request@8` case: the round's parameters include
 * `applicants` (defaulted to teachers for rounds opened before it), and who
 * reviews the request (`params.reviewer`, the assignee of the school's review).
 */
export const TransferRequestInputV8 = TransferRequestInput.extend({ params: RequestParamsV8 }).strict();

/** A TRS request number as the national transfer system shows it (letters, digits, `-`, `/`, `.`). */
export const TrsReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,59}$/, 'a TRS request number');

/**
 * Version 6 (issue 21): a request the teacher filed in the national transfer
 * system (TRS), recorded by the office's HR officer from TRS's export: what
 * was filed (as SUBMIT, the evidence staying in TRS), the TRS request number,
 * and the moment it was filed there (`occurredAt`), which must fall in the
 * round's request window.
 */
export const ExternalFilingPayload = RequestSubmission.extend({
  occurredAt: z.iso
    .datetime({ offset: true })
    .meta({ 'x-label': { th: 'วันเวลาที่ยื่นคำขอในระบบ TRS', en: 'When the request was filed in TRS' } }),
  trsRef: TrsReference.meta({ 'x-label': { th: 'เลขที่คำขอในระบบ TRS', en: 'TRS request number' } }),
}).strict();
export type ExternalFilingPayload = z.infer<typeof ExternalFilingPayload>;
/** A TRS filing from `transfer-request@8` on: the facts of version 8. */
export const ExternalFilingPayloadV8 = ExternalFilingPayload.extend({ facts: RequestFactsV8 }).strict();
export type ExternalFilingPayloadV8 = z.infer<typeof ExternalFilingPayloadV8>;
