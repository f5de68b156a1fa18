/**
 * Importing requests filed in the national transfer system (TRS) into a
 * round (issue 21, docs/workflows/transfer.md "Importing requests filed in
 * TRS"): the teacher files once, in TRS; the office's HR officer uploads
 * TRS's export in the round's template and each row becomes the request
 * the teacher would have filed here — opened as a child of the round and
 * recorded with `RECORD_EXTERNAL_FILING` (transfer-request@6) by the
 * uploader, with the TRS request number and the moment it was filed there.
 * From the school's review on it runs as any other request.
 *
 * What the template holds (its columns, their Thai headers and the choices
 * of the drop-downs) is `TRS_COLUMNS` and `trsTemplateLayout`; the host
 * writes and reads the file (xlsx). A row names the teacher by citizen id
 * (the office's personnel: their current school is the request's) and its
 * preferences by the vacancies' schools, by name or code as TRS writes them.
 *
 * Each row is its own command in its own transaction: a refused row writes
 * nothing and does not stop the others. The TRS request number is unique per
 * round (`cycle_external_refs`, source `TRS`): the same file sent again replays the rows
 * already imported (nothing filed twice), and a number already imported for
 * another teacher is refused.
 */
import {
  actingRolesFor,
  EsaError,
  findCycleChild,
  findCycleExternalRef,
  openCycleChild,
  personAtSchoolByCitizenId,
  recordCycleExternalRef,
  schoolCodesById,
  stateLabel,
  swapPartnerByCitizenId,
  SYSTEM_ACTOR,
  type Actor,
  type Engine,
} from '@esa-flow/engine';
import { WORKFLOW_LABELS } from '../labels';
import {
  ACADEMIC_STANDINGS,
  ExternalFilingPayload,
  ExternalFilingPayloadV8,
  REASONS,
  REQUEST_KINDS,
  type TransferRequestInputV8,
} from './request-data';
import { externalFilingVerdict } from './request-machine-v6';
import { reviewerFor, roundApplicants, roundLabel } from './round-params';
import type { z } from 'zod';
import type { RoundContext } from './round-workflow';
import {
  DATE_HINT,
  importEachRow,
  isUniqueViolation,
  parseSheetDate,
  parseSheetMoment,
  readCells,
  squash,
  type ImportTotals,
  type Label,
  type RowRefusal,
  type SheetColumn,
  type SheetRow,
} from '../sheet-import';

/** The source of the references kept per round (cycle_external_refs). */
const TRS = 'TRS';

/** A column of the template (sheet-import.ts). */
export type TrsColumn = SheetColumn;

const valueLabel = (v: string): Label => WORKFLOW_LABELS.values[v] ?? { th: v, en: v };
const choice = (values: readonly string[]) => values.map((v) => ({ text: valueLabel(v).th, value: v, also: [valueLabel(v).en] }));

/** The template's columns before the preferences, in order. */
export const TRS_COLUMNS: readonly TrsColumn[] = [
  {
    id: 'trsRef',
    label: { th: 'เลขที่คำขอ TRS', en: 'TRS request number' },
    required: true,
    hint: { th: 'เลขที่คำขอตามระบบ TRS (ไม่ซ้ำกันในรอบ)', en: 'The request number TRS shows (unique in the round)' },
  },
  {
    id: 'filedAt',
    label: { th: 'วันเวลาที่ยื่นใน TRS', en: 'Filed in TRS at' },
    required: true,
    hint: {
      th: 'วว/ดด/ปปปป ชช:นน (พ.ศ. เวลาไทย) เช่น 20/1/2568 10:30 ต้องอยู่ในช่วงยื่นคำขอของรอบ',
      en: 'dd/mm/yyyy hh:mm (Buddhist era, Bangkok time), e.g. 20/1/2568 10:30; within the round’s request window',
    },
  },
  {
    id: 'citizenId',
    label: { th: 'เลขประจำตัวประชาชน', en: 'Citizen id' },
    required: true,
    hint: { th: '13 หลัก ตรงกับทะเบียนบุคลากรของเขต', en: '13 digits, as in the office’s personnel records' },
  },
  {
    id: 'name',
    label: { th: 'ชื่อ-นามสกุล', en: 'Name' },
    required: false,
    hint: { th: 'เพื่ออ่านง่าย (ระบบใช้ชื่อจากทะเบียนบุคลากร)', en: 'For reading (the personnel record’s name is used)' },
  },
  {
    id: 'kind',
    label: { th: 'ประเภทคำขอ', en: 'Kind of request' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: choice(REQUEST_KINDS),
  },
  {
    id: 'swapWith',
    label: { th: 'เลขประจำตัวประชาชนผู้ขอสับเปลี่ยน', en: 'Swap partner’s citizen id' },
    required: false,
    hint: { th: 'เฉพาะย้ายสับเปลี่ยน', en: 'Swap only' },
  },
  {
    id: 'specialReason',
    label: { th: 'เหตุผลกรณีพิเศษ', en: 'Special reason' },
    required: false,
    hint: { th: 'เฉพาะย้ายกรณีพิเศษ', en: 'Special only' },
  },
  {
    id: 'reason',
    label: { th: 'เหตุผลการขอย้าย', en: 'Reason' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: choice(REASONS),
  },
  { id: 'reasonDetail', label: { th: 'รายละเอียดเหตุผล', en: 'Reason in detail' }, required: false, hint: { th: 'ข้อความ', en: 'Text' } },
  {
    id: 'position',
    label: { th: 'ตำแหน่ง', en: 'Position' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: choice(['assistant_teacher', 'teacher']),
  },
  {
    id: 'academicStanding',
    label: { th: 'วิทยฐานะ', en: 'Academic standing' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: choice(ACADEMIC_STANDINGS),
  },
  {
    id: 'major',
    label: { th: 'วิชาเอก', en: 'Major' },
    required: true,
    hint: { th: 'ตรงกับวิชาเอกของตำแหน่งว่าง', en: 'As the vacancies name it' },
  },
  {
    id: 'currentSchoolSince',
    label: { th: 'วันที่เริ่มปฏิบัติงานที่สถานศึกษาปัจจุบัน', en: 'At the current school since' },
    required: true,
    hint: DATE_HINT,
  },
  { id: 'firstAppointedOn', label: { th: 'วันที่บรรจุแต่งตั้ง', en: 'First appointed on' }, required: true, hint: DATE_HINT },
  {
    id: 'hardship',
    label: { th: 'สถานศึกษาปัจจุบันอยู่ในพื้นที่พิเศษ', en: 'Current school in a special area' },
    required: true,
    hint: { th: 'ใช่ / ไม่ใช่', en: 'Yes / No' },
    options: [
      { text: 'ใช่', value: 'true' },
      { text: 'ไม่ใช่', value: 'false' },
    ],
  },
  {
    id: 'marriageRegisteredOn',
    label: { th: 'วันที่จดทะเบียนสมรส', en: 'Marriage registered on' },
    required: false,
    hint: { th: `เฉพาะเหตุผลอยู่ร่วมกับคู่สมรส ${DATE_HINT.th}`, en: `Spouse reason only; ${DATE_HINT.en}` },
  },
  {
    id: 'paYear',
    label: { th: 'ปีที่ประเมิน PA (พ.ศ.)', en: 'PA year (Buddhist era)' },
    required: true,
    hint: { th: 'เช่น 2567', en: 'e.g. 2567' },
  },
  { id: 'paScore', label: { th: 'คะแนน PA', en: 'PA score' }, required: true, hint: { th: '0–100', en: '0–100' } },
  {
    id: 'paPassed',
    label: { th: 'ผลการประเมิน PA', en: 'PA result' },
    required: true,
    hint: { th: 'ผ่าน / ไม่ผ่าน', en: 'Passed / Not passed' },
    options: [
      { text: 'ผ่าน', value: 'true' },
      { text: 'ไม่ผ่าน', value: 'false' },
    ],
  },
];

/** The header of the n-th preference column (1-based). */
export const preferenceLabel = (n: number): Label => ({ th: `ความประสงค์ลำดับที่ ${n}`, en: `Preference ${n}` });

/** A school of the round's vacancies as the template names it: its name and code, and every word a cell may use for it. */
export interface TrsSchoolChoice {
  schoolId: string;
  text: string;
  words: string[];
}

export interface TrsTemplateLayout {
  roundTitle: string;
  roundLabel: string;
  columns: readonly TrsColumn[];
  preferences: number;
  schools: TrsSchoolChoice[];
}

/** The HR officer of the round's office, or FORBIDDEN; a round they cannot read is CASE_NOT_FOUND. */
async function roundForImport(engine: Engine, actor: Actor, roundCaseId: string) {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  if (actingRolesFor(actor, view.case, ['hr_officer']).length === 0)
    throw new EsaError('FORBIDDEN', { action: 'import TRS requests', caseId: roundCaseId });
  return view.case;
}

async function schoolChoices(engine: Engine, officeId: string, ctx: RoundContext): Promise<TrsSchoolChoice[]> {
  const codes = await schoolCodesById(
    engine,
    officeId,
    ctx.vacancies.map((v) => v.schoolId),
  );
  const seen = new Set<string>();
  const out: TrsSchoolChoice[] = [];
  for (const v of ctx.vacancies) {
    if (seen.has(v.schoolId)) continue;
    seen.add(v.schoolId);
    const code = codes.get(v.schoolId);
    const text = code ? `${v.schoolName} (${code})` : v.schoolName;
    out.push({ schoolId: v.schoolId, text, words: [text, v.schoolName, v.schoolId, ...(code ? [code] : [])] });
  }
  return out;
}

/** The template of a round: the columns, as many preference columns as the round allows, and the vacancies' schools for their drop-downs. */
export async function trsTemplateLayout(engine: Engine, actor: Actor, roundCaseId: string): Promise<TrsTemplateLayout> {
  const round = await roundForImport(engine, actor, roundCaseId);
  const ctx = (round.snapshot as { context: RoundContext }).context;
  return {
    roundTitle: round.title,
    roundLabel: roundLabel(ctx.params),
    columns: TRS_COLUMNS,
    preferences: ctx.params.maxPreferences,
    schools: await schoolChoices(engine, round.officeId, ctx),
  };
}

/** A row read back from the file (`pref1`, `pref2`, … for the preferences). */
export type TrsImportRow = SheetRow;

export interface TrsRowReport {
  row: number;
  trsRef: string;
  teacherName: string;
  outcome: 'imported' | 'replayed' | 'refused' | 'skipped';
  /** the request the row became (imported or replayed) */
  caseId: string | null;
  stateLabel: Label | null;
  reason: RowRefusal | null;
}

export interface TrsImportReport {
  rows: TrsRowReport[];
  totals: ImportTotals;
  message: Label;
}

/** A day as the template's cells write it (sheet-import.ts `parseSheetDate`). */
export const parseTrsDate = parseSheetDate;
/** A moment as the template's cells write it (sheet-import.ts `parseSheetMoment`). */
export const parseTrsMoment = parseSheetMoment;

interface ParsedRow {
  payload: Record<string, unknown>;
  citizenId: string;
  swapCitizenId: string | null;
  problems: Label[];
}

/** A row's cells as the event's payload, with every problem in words (pure). */
export function parseTrsRow(row: TrsImportRow, layout: Pick<TrsTemplateLayout, 'preferences' | 'schools'>): ParsedRow {
  const { problems, cell, need, pick, day, moment } = readCells(row, TRS_COLUMNS);

  const trsRef = need('trsRef');
  if (trsRef !== '' && !ExternalFilingPayload.shape.trsRef.safeParse(trsRef).success) {
    problems.push({
      th: `"เลขที่คำขอ TRS": "${trsRef}" มีอักขระที่ใช้ไม่ได้ (ใช้ตัวอักษร ตัวเลข - / . _ ไม่เกิน 60 ตัว)`,
      en: `"TRS request number": "${trsRef}" has characters it may not (letters, digits, - / . _; at most 60)`,
    });
  }
  const filedAt = moment('filedAt');
  const citizenId = need('citizenId').replace(/\D/g, '');
  if (cell('citizenId') !== '' && citizenId.length !== 13)
    problems.push({ th: 'เลขประจำตัวประชาชนต้องมี 13 หลัก', en: 'The citizen id has 13 digits' });
  const kind = pick('kind');
  const reason = pick('reason');
  const position = pick('position');
  const academicStanding = pick('academicStanding');
  const hardship = pick('hardship');
  const paPassed = pick('paPassed');
  const major = need('major');
  const currentSchoolSince = day('currentSchoolSince');
  const firstAppointedOn = day('firstAppointedOn');
  const marriageRegisteredOn = day('marriageRegisteredOn', false);
  const paYearText = need('paYear');
  const paScoreText = need('paScore');
  const paYear = Number(paYearText);
  const paScore = Number(paScoreText.replace(',', '.'));
  if (paYearText !== '' && (!Number.isInteger(paYear) || paYear < 2560 || paYear > 2700))
    problems.push({
      th: `"ปีที่ประเมิน PA (พ.ศ.)": "${paYearText}" ต้องเป็นปี พ.ศ. เช่น 2567`,
      en: `"PA year": "${paYearText}" must be a Buddhist-era year, e.g. 2567`,
    });
  if (paScoreText !== '' && (!Number.isFinite(paScore) || paScore < 0 || paScore > 100))
    problems.push({ th: `"คะแนน PA": "${paScoreText}" ต้องเป็นตัวเลข 0–100`, en: `"PA score": "${paScoreText}" must be a number 0–100` });

  const preferences: string[] = [];
  for (let n = 1; n <= Math.max(layout.preferences, 20); n++) {
    const v = cell(`pref${n}`);
    if (v === '') continue;
    const hit = layout.schools.find((s) => s.words.some((w) => squash(w) === squash(v)));
    if (!hit)
      problems.push({
        th: `"${preferenceLabel(n).th}": "${v}" ไม่ใช่โรงเรียนที่มีตำแหน่งว่างในรอบนี้ (เลือกจากรายการ)`,
        en: `"${preferenceLabel(n).en}": "${v}" is no school with a vacancy in this round (pick from the list)`,
      });
    else preferences.push(hit.schoolId);
  }
  const swapCitizenId = cell('swapWith').replace(/\D/g, '') || null;
  if (kind === 'swap' && !swapCitizenId)
    problems.push({ th: 'ย้ายสับเปลี่ยนต้องระบุเลขประจำตัวประชาชนผู้ขอสับเปลี่ยน', en: 'A swap names the partner’s citizen id' });
  if (kind === 'special' && cell('specialReason') === '')
    problems.push({ th: 'ย้ายกรณีพิเศษต้องระบุเหตุผลกรณีพิเศษ', en: 'A special request gives its special reason' });

  const payload: Record<string, unknown> = {
    kind,
    preferences,
    ...(kind === 'special' && cell('specialReason') ? { specialReason: cell('specialReason').slice(0, 2000) } : {}),
    reason,
    ...(cell('reasonDetail') ? { reasonDetail: cell('reasonDetail').slice(0, 2000) } : {}),
    facts: {
      position,
      academicStanding,
      major: major.slice(0, 100),
      currentSchoolSince,
      firstAppointedOn,
      currentSchoolHardship: hardship === 'true',
      ...(marriageRegisteredOn ? { marriageRegisteredOn } : {}),
    },
    evidence: [],
    latestPa: { yearBe: paYear, score: paScore, passed: paPassed === 'true' },
    occurredAt: filedAt,
    trsRef,
  };
  return { payload, citizenId, swapCitizenId, problems };
}

/**
 * Imports the rows of an uploaded TRS export into a round, one after the
 * other, as the uploader (an HR officer of the round's office). The round
 * must still take requests or be at the school review (else `CYCLE_CLOSED`
 * for each row).
 */
export async function importTrsFilings(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  rows: readonly TrsImportRow[],
): Promise<TrsImportReport> {
  const round = await roundForImport(engine, actor, roundCaseId);
  const ctx = (round.snapshot as { context: RoundContext }).context;
  const layout = { preferences: ctx.params.maxPreferences, schools: await schoolChoices(engine, round.officeId, ctx) };

  const labelOf = async (caseId: string): Promise<Label | null> => {
    const c = (await engine.getCase(actor, caseId)).case;
    return stateLabel(engine.registry.get('transfer-request', c.workflowVersion), c.state) ?? null;
  };

  return importEachRow<TrsRowReport>(rows, {
    start: (r) => ({
      row: r.row,
      trsRef: (r.cells.trsRef ?? '').trim(),
      teacherName: (r.cells.name ?? '').trim(),
      outcome: 'skipped',
      caseId: null,
      stateLabel: null,
      reason: null,
    }),
    invalidCode: 'TRS_ROW_INVALID',
    // two uploads of the same number at the same moment: the unique key lets one through, the other is told
    asRefusal: (caught) =>
      isUniqueViolation(caught)
        ? new EsaError('TRS_REF_TAKEN')
        : isEventNotAllowed(caught)
          ? new EsaError('TRANSFER_NOT_ELIGIBLE')
          : caught,
    run: async (r, base) => {
      const trsRef = base.trsRef;
      const parsed = parseTrsRow(r, layout);
      if (parsed.problems.length > 0) throw new EsaError('TRS_ROW_INVALID', { problems: parsed.problems });
      const person = await personAtSchoolByCitizenId(engine, round.officeId, parsed.citizenId);
      if (!person) throw new EsaError('TRS_TEACHER_UNKNOWN');
      const name = person.nameTh;
      base.teacherName = name;

      // the number was imported before: the same teacher's is a replay, another's is refused
      const before = await findCycleExternalRef(engine, { parentCaseId: round.id, source: TRS, ref: trsRef });
      if (before) {
        if (before.subjectPersonId !== person.personId) throw new EsaError('TRS_REF_TAKEN', { trsRef });
        return { ...base, outcome: 'replayed', caseId: before.childCaseId, stateLabel: await labelOf(before.childCaseId), reason: null };
      }
      if (parsed.swapCitizenId) {
        const partner = await swapPartnerByCitizenId(engine, round.id, parsed.swapCitizenId, engine.clock.now());
        if (!partner || partner.personId === person.personId) throw new EsaError('SWAP_PARTNER_NOT_FOUND');
        parsed.payload.swapWith = { personId: partner.personId, name: partner.nameTh };
      }
      const payload = ExternalFilingPayloadV8.safeParse(parsed.payload);
      if (!payload.success)
        throw new EsaError('INVALID_PAYLOAD', {
          issues: payload.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
        });

      // judged first as the machine will judge it, so the row says why
      const existing = await findCycleChild(engine, round.id, person.personId);
      const input: z.input<typeof TransferRequestInputV8> = {
        roundCaseId: round.id,
        applicant: { personId: person.personId, name },
        currentSchool: { id: person.schoolId, name: person.schoolName },
        params: { ...ctx.params, reviewer: reviewerFor(roundApplicants(ctx.params), person.schoolId) },
        vacancies: ctx.vacancies,
      };
      const verdict = externalFilingVerdict({ ...input, params: ctx.params }, payload.data, {
        alreadyFiled: existing !== undefined && existing.state !== 'draft',
      });
      if (!verdict.eligible) throw new EsaError('TRANSFER_NOT_ELIGIBLE', { reasons: verdict.reasons });

      const caseId = await openCycleChild(engine, SYSTEM_ACTOR, {
        parentCaseId: round.id,
        workflowId: 'transfer-request',
        child: {
          key: person.personId,
          subjectPersonId: person.personId,
          schoolId: person.schoolId,
          title: `คำขอย้าย ${name} รอบ ${roundLabel(ctx.params)}`,
          input,
        },
        // TRS's export comes while the window is open or after it closed, while the schools review
        whileParentAt: ['requestsOpen', 'schoolReview'],
        then: async (tx, child) => {
          await tx.dispatch({
            actor,
            caseId: child.caseId,
            type: 'RECORD_EXTERNAL_FILING',
            payload: payload.data,
            reason: `นำเข้าคำขอย้ายจากระบบ TRS เลขที่คำขอ ${trsRef} โดยเจ้าหน้าที่บริหารงานบุคคล (แถวที่ ${r.row})`,
          });
          await recordCycleExternalRef(tx, {
            parentCaseId: round.id,
            source: TRS,
            ref: trsRef,
            childCaseId: child.caseId,
            recordedBy: actor.id,
            at: engine.clock.now(),
          });
          return child.caseId;
        },
      });
      return { ...base, outcome: 'imported', caseId, stateLabel: await labelOf(caseId), reason: null };
    },
  });
}

const isEventNotAllowed = (caught: unknown): boolean => (caught as { code?: unknown }).code === 'EVENT_NOT_ALLOWED';
