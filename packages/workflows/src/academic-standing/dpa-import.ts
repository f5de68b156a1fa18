/**
 * Importing academic-standing requests filed in OTEPC's DPA system (issue 21,
 * docs/workflows/academic-standing.md "นำเข้าคำขอจากระบบ DPA"): the teacher
 * files once, in DPA; the office's HR officer uploads DPA's list in the
 * office's template and each row becomes the request the teacher would have
 * filed here — an `academic-standing` case opened by the system about the
 * person and recorded with `RECORD_DPA_FILING` (academic-standing@4) by the
 * uploader, with the DPA request number and the moment it was filed there.
 * It waits at the eligibility check, and from there runs as any request.
 *
 * A row names the person by citizen id or by the position number of their
 * personnel record (as of the filing day), and gives what the application
 * needs: position (สายงาน), current level and since when, the level asked
 * for, the PA results of the cycles the check reads, the pre-appointment
 * development and an earlier failure's refiling date when there are any. The
 * disciplinary penalties come from the person's record; the evidence stays
 * in DPA (the check says so). The policy is the one in force on the DPA
 * filing day.
 *
 * Each row is its own transaction: a refused row writes nothing and does not
 * stop the others (sheet-import.ts). The DPA request number is unique per
 * office (`cycle_external_refs` without a cycle, source `DPA`): the same file
 * sent again replays the rows already imported, a number already imported for
 * another person is refused, and a person with an open request for the same
 * level is refused (filed here already).
 */
import {
  actingRolesFor,
  activeCasesAbout,
  EsaError,
  findExternalRef,
  officeNames,
  officePersonByIdOrPosition,
  personnelAsOf,
  recordExternalRef,
  startCaseThen,
  stateLabel,
  SYSTEM_ACTOR,
  type Actor,
  type Engine,
} from '@esa-flow/engine';
import {
  DATE_HINT,
  importEachRow,
  isUniqueViolation,
  readCells,
  type ImportTotals,
  type Label,
  type RowRefusal,
  type SheetColumn,
  type SheetRow,
} from '../sheet-import';
import { Application } from './application';
import { DpaFilingPayload, DpaReference } from './dpa-filing';
import { casePolicyFor } from './policy';
import { dateOf } from './timing';
import {
  CURRENT_LEVELS,
  LEVEL_LABELS,
  LEVELS,
  POSITION_LABELS,
  POSITIONS,
  positionAtLevel,
  type Level,
  type Penalty,
  type Position,
} from './vocabulary';

/** The source of the references kept per office (cycle_external_refs). */
const DPA = 'DPA';
/** How many PA cycles the template has columns for (the default policy reads 3). */
const PA_CYCLES = 3;

const options = <T extends string>(values: readonly T[], labels: Readonly<Record<T, Label>>) =>
  values.map((v) => ({ text: labels[v].th, value: v, also: [labels[v].en] }));

const paColumns = (n: number): SheetColumn[] => [
  {
    id: `pa${n}Year`,
    label: { th: `ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ ${n}`, en: `PA fiscal year (Buddhist era), cycle ${n}` },
    required: n === 1,
    hint: {
      th: 'ปีงบประมาณที่ประเมิน เช่น 2567 (ย้อนหลังตามเกณฑ์ 3 ปีงบประมาณก่อนปีที่ยื่น)',
      en: 'The fiscal year, e.g. 2567 (the 3 fiscal years before the filing year)',
    },
  },
  {
    id: `pa${n}Percents`,
    label: { th: `ร้อยละที่กรรมการแต่ละคนให้ รอบที่ ${n}`, en: `Each evaluator's percent, cycle ${n}` },
    required: n === 1,
    hint: { th: 'ร้อยละของกรรมการทุกคน คั่นด้วยจุลภาค เช่น 85, 90, 88', en: 'Every evaluator’s percent, comma-separated, e.g. 85, 90, 88' },
  },
];

/** The template's columns, in order. */
export const DPA_COLUMNS: readonly SheetColumn[] = [
  {
    id: 'dpaRef',
    label: { th: 'เลขที่คำขอ DPA', en: 'DPA request number' },
    required: true,
    hint: { th: 'เลขที่คำขอตามระบบ DPA (ไม่ซ้ำกันในสำนักงานเขตพื้นที่การศึกษา)', en: 'The request number DPA shows (unique in the office)' },
  },
  {
    id: 'filedAt',
    label: { th: 'วันเวลาที่ยื่นใน DPA', en: 'Filed in DPA at' },
    required: true,
    hint: {
      th: 'วว/ดด/ปปปป ชช:นน (พ.ศ. เวลาไทย) เช่น 15/1/2568 09:30',
      en: 'dd/mm/yyyy hh:mm (Buddhist era, Bangkok time), e.g. 15/1/2568 09:30',
    },
  },
  {
    id: 'citizenId',
    label: { th: 'เลขประจำตัวประชาชน', en: 'Citizen id' },
    required: false,
    hint: {
      th: '13 หลัก ตรงกับทะเบียนบุคลากรของเขต (กรอกช่องนี้หรือเลขที่ตำแหน่ง)',
      en: '13 digits, as in the office’s personnel records (this or the position number)',
    },
  },
  {
    id: 'positionNo',
    label: { th: 'เลขที่ตำแหน่ง', en: 'Position number' },
    required: false,
    hint: {
      th: 'ตามทะเบียนบุคลากรของเขต ณ วันที่ยื่น (กรอกช่องนี้หรือเลขประจำตัวประชาชน)',
      en: 'As in the office’s personnel records on the filing day (this or the citizen id)',
    },
  },
  {
    id: 'name',
    label: { th: 'ชื่อ-นามสกุล', en: 'Name' },
    required: false,
    hint: { th: 'เพื่ออ่านง่าย (ระบบใช้ชื่อจากทะเบียนบุคลากร)', en: 'For reading (the personnel record’s name is used)' },
  },
  {
    id: 'position',
    label: { th: 'ตำแหน่ง (สายงาน)', en: 'Position (track)' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: options(POSITIONS, POSITION_LABELS),
  },
  {
    id: 'currentLevel',
    label: { th: 'วิทยฐานะปัจจุบัน', en: 'Current academic standing' },
    required: true,
    hint: { th: 'เลือกจากรายการ', en: 'Pick from the list' },
    options: options(CURRENT_LEVELS, LEVEL_LABELS),
  },
  {
    id: 'currentLevelSince',
    label: { th: 'ดำรงวิทยฐานะ/ตำแหน่งปัจจุบันตั้งแต่', en: 'At the current level since' },
    required: true,
    hint: DATE_HINT,
  },
  {
    id: 'targetLevel',
    label: { th: 'วิทยฐานะที่ขอ', en: 'Academic standing requested' },
    required: true,
    hint: { th: 'เลือกจากรายการ (ชำนาญการ ชำนาญการพิเศษ เชี่ยวชาญ เชี่ยวชาญพิเศษ)', en: 'Pick from the list' },
    options: options(LEVELS, LEVEL_LABELS),
  },
  {
    id: 'learningArea',
    label: { th: 'กลุ่มสาระการเรียนรู้', en: 'Learning area' },
    required: false,
    hint: { th: 'ข้อความ (ใช้มอบหมายศึกษานิเทศก์ที่ปรึกษาหากไม่ผ่าน)', en: 'Text (for the adviser assigned after a failure)' },
  },
  ...Array.from({ length: PA_CYCLES }, (_, i) => paColumns(i + 1)).flat(),
  {
    id: 'developmentPassedOn',
    label: { th: 'วันที่ผ่านการพัฒนาก่อนแต่งตั้ง', en: 'Passed the pre-appointment development on' },
    required: false,
    hint: { th: `เฉพาะวิทยฐานะที่ต้องผ่านการพัฒนา ${DATE_HINT.th}`, en: `Levels that need it; ${DATE_HINT.en}` },
  },
  {
    id: 'refileFrom',
    label: { th: 'ยื่นคำขอใหม่ได้ตั้งแต่ (กรณีคำขอครั้งก่อนไม่ผ่าน)', en: 'May file again from (after a failed request)' },
    required: false,
    hint: DATE_HINT,
  },
];

export interface DpaTemplateLayout {
  officeName: string;
  columns: readonly SheetColumn[];
}

export interface DpaRowReport {
  row: number;
  dpaRef: string;
  personName: string;
  outcome: 'imported' | 'replayed' | 'refused' | 'skipped';
  /** the case the row became (imported or replayed) */
  caseId: string | null;
  stateLabel: Label | null;
  reason: RowRefusal | null;
}

export interface DpaImportReport {
  rows: DpaRowReport[];
  totals: ImportTotals;
  message: Label;
}

/** The HR officer of the office as a whole, or FORBIDDEN. */
function assertImporter(actor: Actor, officeId: string): void {
  if (actingRolesFor(actor, { officeId, schoolId: null, subjectPersonId: null }, ['hr_officer']).length === 0) {
    throw new EsaError('FORBIDDEN', { action: 'import DPA requests', officeId });
  }
}

/** The template of an office. */
export async function dpaTemplateLayout(engine: Engine, actor: Actor, officeId: string): Promise<DpaTemplateLayout> {
  assertImporter(actor, officeId);
  const office = await officeNames(engine, officeId);
  if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
  return { officeName: office.nameTh, columns: DPA_COLUMNS };
}

interface ParsedDpaRow {
  dpaRef: string;
  filedAt: string | null;
  citizenId: string | null;
  positionNo: string | null;
  application: Record<string, unknown>;
  problems: Label[];
}

const percentList = /^\d{1,3}(?:[.,]\d+)?(?:\s*[,;/\s]\s*\d{1,3}(?:[.,]\d+)?)*$/;

/** A row's cells as the DPA filing and the application (without the penalties), with every problem in words (pure). */
export function parseDpaRow(row: SheetRow): ParsedDpaRow {
  const { problems, cell, need, pick, day, moment } = readCells(row, DPA_COLUMNS);
  const dpaRef = need('dpaRef');
  if (dpaRef !== '' && !DpaReference.safeParse(dpaRef).success) {
    problems.push({
      th: `"เลขที่คำขอ DPA": "${dpaRef}" มีอักขระที่ใช้ไม่ได้ (ใช้ตัวอักษร ตัวเลข - / . _ ไม่เกิน 60 ตัว)`,
      en: `"DPA request number": "${dpaRef}" has characters it may not (letters, digits, - / . _; at most 60)`,
    });
  }
  const filedAt = moment('filedAt');
  const citizenId = cell('citizenId').replace(/\D/g, '') || null;
  if (cell('citizenId') !== '' && citizenId?.length !== 13)
    problems.push({ th: 'เลขประจำตัวประชาชนต้องมี 13 หลัก', en: 'The citizen id has 13 digits' });
  const positionNo = cell('positionNo') || null;
  if (!cell('citizenId') && !positionNo)
    problems.push({ th: 'ต้องกรอกเลขประจำตัวประชาชนหรือเลขที่ตำแหน่ง', en: 'Give the citizen id or the position number' });
  const position = pick('position') as Position | undefined;
  const currentLevel = pick('currentLevel');
  const currentLevelSince = day('currentLevelSince');
  const targetLevel = pick('targetLevel') as Level | undefined;

  const paResults: { fiscalYear: number; evaluatorPercents: number[] }[] = [];
  for (let n = 1; n <= PA_CYCLES; n++) {
    const [yearId, percentsId] = [`pa${n}Year`, `pa${n}Percents`];
    const yearText = need(yearId);
    const percentsText = need(percentsId);
    if (yearText === '' && percentsText === '') continue;
    const fiscalYear = Number(yearText);
    const yearOk = Number.isInteger(fiscalYear) && fiscalYear >= 2560 && fiscalYear <= 2600;
    if (!yearOk)
      problems.push({
        th: `"ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ ${n}": "${yearText}" ต้องเป็นปี พ.ศ. เช่น 2567`,
        en: `"PA fiscal year, cycle ${n}": "${yearText}" must be a Buddhist-era year, e.g. 2567`,
      });
    const percents = percentList.test(percentsText) ? percentsText.split(/\s*[,;/\s]\s*/).map((p) => Number(p.replace(',', '.'))) : [];
    const percentsOk = percents.length > 0 && percents.length <= 9 && percents.every((p) => Number.isFinite(p) && p >= 0 && p <= 100);
    if (!percentsOk)
      problems.push({
        th: `"ร้อยละที่กรรมการแต่ละคนให้ รอบที่ ${n}": "${percentsText}" ต้องเป็นตัวเลข 0–100 คั่นด้วยจุลภาค เช่น 85, 90, 88`,
        en: `"Each evaluator's percent, cycle ${n}": "${percentsText}" must be numbers 0–100, comma-separated`,
      });
    if (yearOk && percentsOk) paResults.push({ fiscalYear, evaluatorPercents: percents });
  }
  const developmentPassedOn = day('developmentPassedOn', false);
  const refileFrom = day('refileFrom', false);
  const learningArea = cell('learningArea').slice(0, 200);

  const application: Record<string, unknown> = {
    position,
    currentLevel,
    currentLevelSince,
    targetLevel,
    ...(learningArea ? { learningArea } : {}),
    paResults,
    penalties: [],
    ...(developmentPassedOn ? { development: { passedOn: developmentPassedOn } } : {}),
    evidence: [],
    ...(refileFrom ? { previousAttempt: { refileFrom } } : {}),
  };
  return { dpaRef, filedAt, citizenId, positionNo, application, problems };
}

/** The kinds of the personnel record's penalties in the academic-standing words (docs/personnel.md). */
const PENALTY_OF_RECORD: Readonly<Record<string, Penalty>> = {
  reprimand: 'probation',
  probation: 'probation',
  salary_cut: 'salary_cut',
  salary_reduction: 'salary_reduction',
  removal: 'discharge',
  discharge: 'discharge',
  dismissal: 'dismissal',
};

/** The person's penalties on or before the day, from their personnel record. */
async function penaltiesOf(engine: Engine, officeId: string, personId: string, asOf: string): Promise<{ kind: Penalty; date: string }[]> {
  const [view] = await personnelAsOf(engine, officeId, asOf, [personId]);
  return (view?.penalties ?? []).flatMap((p) => (PENALTY_OF_RECORD[p.kind] ? [{ kind: PENALTY_OF_RECORD[p.kind]!, date: p.on }] : []));
}

/** Whether the person has an academic-standing request for the level still running in the office. */
async function openRequestFor(engine: Engine, officeId: string, personId: string, level: Level): Promise<boolean> {
  const running = await activeCasesAbout(engine, { officeId, workflowId: 'academic-standing', personId });
  return running.some((c) => (c.context as { application?: { targetLevel?: string } } | null)?.application?.targetLevel === level);
}

/**
 * Imports the rows of an uploaded DPA list into the office, one after the
 * other, as the uploader (an HR officer of the office as a whole).
 */
export async function importDpaFilings(
  engine: Engine,
  actor: Actor,
  officeId: string,
  rows: readonly SheetRow[],
): Promise<DpaImportReport> {
  assertImporter(actor, officeId);

  const labelOf = async (caseId: string): Promise<Label | null> => {
    const c = (await engine.getCase(actor, caseId)).case;
    return stateLabel(engine.registry.get('academic-standing', c.workflowVersion), c.state) ?? null;
  };

  return importEachRow<DpaRowReport>(rows, {
    start: (r) => ({
      row: r.row,
      dpaRef: (r.cells.dpaRef ?? '').trim(),
      personName: (r.cells.name ?? '').trim(),
      outcome: 'skipped',
      caseId: null,
      stateLabel: null,
      reason: null,
    }),
    invalidCode: 'DPA_ROW_INVALID',
    // two uploads of the same number at the same moment: the unique key lets one through, the other is told
    asRefusal: (caught) => (isUniqueViolation(caught) ? new EsaError('DPA_REF_TAKEN') : caught),
    run: async (r, base) => {
      const parsed = parseDpaRow(r);
      if (parsed.problems.length > 0 || !parsed.filedAt) throw new EsaError('DPA_ROW_INVALID', { problems: parsed.problems });
      const filedAt = parsed.filedAt;
      const filedOn = dateOf(filedAt);
      const person = await officePersonByIdOrPosition(
        engine,
        officeId,
        { citizenId: parsed.citizenId, positionNo: parsed.positionNo },
        filedOn,
      );
      if (!person) throw new EsaError('DPA_PERSON_UNKNOWN');
      base.personName = person.nameTh;

      // the number was imported before: the same person's is a replay, another's is refused
      const before = await findExternalRef(engine, { officeId, source: DPA, ref: parsed.dpaRef });
      if (before) {
        if (before.subjectPersonId !== person.personId) throw new EsaError('DPA_REF_TAKEN', { dpaRef: parsed.dpaRef });
        return { ...base, outcome: 'replayed', caseId: before.childCaseId, stateLabel: await labelOf(before.childCaseId), reason: null };
      }
      const target = parsed.application.targetLevel as Level;
      if (await openRequestFor(engine, officeId, person.personId, target)) throw new EsaError('DPA_ALREADY_FILED');

      const application = Application.safeParse({
        ...parsed.application,
        penalties: await penaltiesOf(engine, officeId, person.personId, filedOn),
        policy: casePolicyFor(target, filedOn),
      });
      if (!application.success)
        throw new EsaError('INVALID_INPUT', {
          issues: application.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
        });
      const filing = DpaFilingPayload.parse({ dpaRef: parsed.dpaRef, occurredAt: filedAt });
      const level = positionAtLevel(application.data.position, target);

      const opening = {
        actor: SYSTEM_ACTOR,
        workflowId: 'academic-standing',
        officeId,
        schoolId: person.schoolId,
        subjectPersonId: person.personId,
        title: `ขอมีหรือเลื่อนวิทยฐานะ ${level.th} — ${person.nameTh}`,
        input: application.data,
      };
      const caseId = await startCaseThen(engine, opening, async (tx, opened) => {
        await tx.dispatch({
          actor,
          caseId: opened.caseId,
          type: 'RECORD_DPA_FILING',
          payload: filing,
          reason: `นำเข้าคำขอจากระบบ DPA เลขที่คำขอ ${parsed.dpaRef} โดยเจ้าหน้าที่บริหารงานบุคคล (แถวที่ ${r.row})`,
        });
        await recordExternalRef(tx, {
          officeId,
          source: DPA,
          ref: parsed.dpaRef,
          childCaseId: opened.caseId,
          recordedBy: actor.id,
          at: engine.clock.now(),
        });
        return opened.caseId;
      });
      return { ...base, outcome: 'imported', caseId, stateLabel: await labelOf(caseId), reason: null };
    },
  });
}
