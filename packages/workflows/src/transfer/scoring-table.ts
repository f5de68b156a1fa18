/**
 * The transfer scoring table (องค์ประกอบการพิจารณาย้าย) as versioned data per
 * year: components, their sub-criteria and points. Some components are
 * computed from the request's data (hardship of the current school, years at
 * the current school); the others are entered by the scoring working group
 * (T1) or the development-scoring committee (T3), and a second user verifies
 * them (T2, seed-003 §2.1).
 *
 * The default table reproduces the component list of the OBEC 2567
 * indicators (regulations.md §1.4, domain.md §1). The points of that sheet
 * were cut off in every copy found, so every number below is a configurable
 * placeholder (`pointsStatus: 'configurable_unverified'`): an office sets the
 * real points by publishing a new version of the table for the year.
 */
import { z } from 'zod';

const Label = z.object({ th: z.string().min(1), en: z.string().min(1) }).strict();
const Id = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

export const SubCriterion = z
  .object({
    id: Id,
    label: Label,
    points: z.number().min(0).max(1000),
    /** computed `years_at_current_school`: applies from this many full years */
    minYears: z.int().min(0).max(60).optional(),
    /** computed `current_school_hardship`: applies when the school's hardship flag equals this */
    hardship: z.boolean().optional(),
  })
  .strict();
export type SubCriterion = z.infer<typeof SubCriterion>;

export const COMPUTE_RULES = ['current_school_hardship', 'years_at_current_school'] as const;
export type ComputeRule = (typeof COMPUTE_RULES)[number];

/** Who enters an entered component (seed-003 §2.1 T1, T3; §2.2 A2, A4). */
export const ENTERED_BY = ['T1', 'T3', 'A2', 'A4'] as const;
export type EnteredBy = (typeof ENTERED_BY)[number];
/** The groups of the tables rounds 1–4 take (published: never widened). */
const TEACHER_GROUPS = ['T1', 'T3'] as const;

const componentWith = <G extends readonly [EnteredBy, ...EnteredBy[]]>(groups: G) =>
  z
    .object({
      id: Id,
      label: Label,
      /** where the component comes from */
      source: z.string().min(1),
      /** `computed` from the request's data, or `entered` by a working group */
      mode: z.enum(['computed', 'entered']),
      /**
       * for entered components: which group enters it — seed-003 §2.1 T1 or T3
       * (teachers), or, from round 5 on, §2.2 A2 (the administrators'
       * transfer-score committee) or A4 (the committee scoring management
       * ability, vision and self-development). Descriptive: every group enters
       * through ENTER_SCORES as the HR officer who keeps its sheet, and another
       * user verifies.
       */
      enteredBy: z.enum(groups).optional(),
      /** for computed components: the rule */
      compute: z.enum(COMPUTE_RULES).optional(),
      subCriteria: z.array(SubCriterion).min(1).max(20),
    })
    .strict()
    .refine((c) => (c.mode === 'computed') === (c.compute !== undefined), {
      message: 'a computed component names its rule, an entered one does not',
    })
    .refine((c) => new Set(c.subCriteria.map((s) => s.id)).size === c.subCriteria.length, { message: 'sub-criterion ids must be unique' });

const tableWith = <C extends z.ZodType<{ id: string }>>(component: C) =>
  z
    .object({
      id: Id,
      /** the Buddhist-era year the table was published for; it applies to later years until a newer one */
      year: z.int().min(2560).max(2700),
      version: z.int().min(1),
      title: Label,
      source: z.string().min(1),
      /** whether the points were checked against the official annex */
      pointsStatus: z.enum(['configurable_unverified', 'verified']),
      components: z.array(component).min(1).max(30),
    })
    .strict()
    .refine((t) => new Set(t.components.map((c) => c.id)).size === t.components.length, { message: 'component ids must be unique' });

/** A component of the tables rounds 1–4 take (entered by T1 or T3). */
export const ScoringComponent = componentWith(TEACHER_GROUPS);
/** A component from round 5 on: also A2 and A4 (school administrators' rounds). */
export const ScoringComponentV2 = componentWith(ENTERED_BY);
/** Any component, as the pure rules read it. */
export type ScoringComponent = z.infer<typeof ScoringComponentV2>;

/** The table rounds 1–4 take (their published schema). */
export const ScoringTable = tableWith(ScoringComponent);
/** The table from round 5 on (`TransferRoundParamsV4`): its components may be entered by A2 or A4. */
export const ScoringTableV2 = tableWith(ScoringComponentV2);
/** Any table, as the pure rules read it. */
export type ScoringTable = z.infer<typeof ScoringTableV2>;
/** A table as rounds 1–4 take it. */
export type ScoringTableV1 = z.infer<typeof ScoringTable>;

/** The levels both tables give the same (placeholders, configurable): one list each, read by both. */
const REASON_LEVELS: SubCriterion[] = [
  { id: 'home_district', label: { th: 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย', en: 'Home district of the requested school' }, points: 20 },
  { id: 'home_province', label: { th: 'กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย', en: 'Home province of the requested school' }, points: 15 },
  { id: 'care_parents_or_spouse', label: { th: 'ดูแลบิดา มารดา / อยู่ร่วมกับคู่สมรส', en: 'Caring for parents / living with spouse' }, points: 12 },
  { id: 'other', label: { th: 'เหตุผลอื่น', en: 'Other reason' }, points: 5 },
];
const HARDSHIP_LEVELS: SubCriterion[] = [
  { id: 'special_area', label: { th: 'อยู่ในพื้นที่พิเศษตามประกาศ', en: 'In an announced special area' }, points: 10, hardship: true },
  { id: 'normal_area', label: { th: 'พื้นที่ปกติ', en: 'Normal area' }, points: 5, hardship: false },
];
const DEVELOPMENT_LEVELS: SubCriterion[] = [
  { id: 'outstanding', label: { th: 'ดีเด่น', en: 'Outstanding' }, points: 10 },
  { id: 'good', label: { th: 'ดี', en: 'Good' }, points: 7 },
  { id: 'basic', label: { th: 'พื้นฐาน', en: 'Basic' }, points: 4 },
];
/** the administrators' management ability and vision (A4) */
const QUALITATIVE_LEVELS: SubCriterion[] = [
  { id: 'outstanding', label: { th: 'ดีเด่น', en: 'Outstanding' }, points: 20 },
  { id: 'good', label: { th: 'ดี', en: 'Good' }, points: 15 },
  { id: 'fair', label: { th: 'พอใช้', en: 'Fair' }, points: 10 },
];

const OBEC_2567 = 'ตัวชี้วัดในการประเมินตามองค์ประกอบการย้ายข้าราชการครู กรณีปกติ ปี พ.ศ. ๒๕๖๗ (regulations.md §1.4)';

/** OBEC 2567 component list; points are placeholders (configurable, unverified). */
export const DEFAULT_SCORING_TABLE: ScoringTableV1 = Object.freeze({
  id: 'obec_teacher_normal',
  year: 2567,
  version: 1,
  title: { th: 'องค์ประกอบการพิจารณาย้ายข้าราชการครู กรณีปกติ', en: 'Teacher transfer components, normal case' },
  source: OBEC_2567,
  pointsStatus: 'configurable_unverified',
  components: [
    {
      id: 'reason',
      label: { th: 'เหตุผลในการขอย้าย', en: 'Reason for the transfer' },
      source: `${OBEC_2567} องค์ประกอบที่ 1`,
      mode: 'entered',
      enteredBy: 'T1',
      subCriteria: REASON_LEVELS,
    },
    {
      id: 'hardship',
      label: { th: 'สภาพความยากลำบากในการปฏิบัติงานในสถานศึกษาปัจจุบัน', en: 'Hardship of the current school' },
      source: `${OBEC_2567} องค์ประกอบที่ 2`,
      mode: 'computed',
      compute: 'current_school_hardship',
      subCriteria: HARDSHIP_LEVELS,
    },
    {
      id: 'years_at_school',
      label: { th: 'ระยะเวลาการปฏิบัติหน้าที่สอนในสถานศึกษาปัจจุบัน', en: 'Years teaching at the current school' },
      source: `${OBEC_2567} องค์ประกอบที่ 3`,
      mode: 'computed',
      compute: 'years_at_current_school',
      subCriteria: [
        { id: 'ten_or_more', label: { th: '10 ปีขึ้นไป', en: '10 years or more' }, points: 10, minYears: 10 },
        { id: 'one_to_nine', label: { th: '1–9 ปี', en: '1–9 years' }, points: 5, minYears: 1 },
      ],
    },
    {
      id: 'workload',
      label: { th: 'ภาระงานของข้าราชการครู', en: 'Workload' },
      source: `${OBEC_2567} องค์ประกอบที่ 4 (sub-criteria not visible in the source: placeholder levels)`,
      mode: 'entered',
      enteredBy: 'T1',
      subCriteria: [
        { id: 'high', label: { th: 'ภาระงานมาก', en: 'High' }, points: 10 },
        { id: 'medium', label: { th: 'ภาระงานปานกลาง', en: 'Medium' }, points: 7 },
        { id: 'low', label: { th: 'ภาระงานน้อย', en: 'Low' }, points: 4 },
      ],
    },
    {
      id: 'development',
      label: { th: 'การพัฒนาตนเองและพัฒนาวิชาชีพ', en: 'Self and professional development' },
      source: 'seed-003 §2.1 T3 (คณะกรรมการคิดค่าคะแนนการพัฒนาตนเองและพัฒนาวิชาชีพ); sub-criteria are placeholder levels',
      mode: 'entered',
      enteredBy: 'T3',
      subCriteria: DEVELOPMENT_LEVELS,
    },
  ],
} satisfies ScoringTableV1);

const SEED_003_ADMIN = 'seed-003 §2.2 (แผนบริหารทรัพยากรบุคคล สพม.ลำปาง ลำพูน ปีงบประมาณ 2567, items 1.15–1.18)';

/**
 * The school administrators' table (การย้ายผู้บริหารสถานศึกษา, seed-003
 * §2.2): the reason and the two computed components as for teachers, the
 * reason entered by the transfer-score committee (A2), and the three
 * qualitative components scored by the administrators' scoring committee
 * (A4): ความสามารถในการบริหารจัดการศึกษา, วิสัยทัศน์ในการบริหารจัดการศึกษา,
 * การพัฒนาตนเองและพัฒนาวิชาชีพ. The source names the components and the
 * committees only: every level and point below is a configurable
 * placeholder (`configurable_unverified`).
 */
export const SCHOOL_ADMINISTRATOR_SCORING_TABLE: ScoringTable = Object.freeze({
  id: 'obec_school_administrator',
  year: 2567,
  version: 1,
  title: { th: 'องค์ประกอบการพิจารณาย้ายผู้บริหารสถานศึกษา', en: 'School administrator transfer components' },
  source: SEED_003_ADMIN,
  pointsStatus: 'configurable_unverified',
  components: [
    {
      id: 'reason',
      label: { th: 'เหตุผลในการขอย้าย', en: 'Reason for the transfer' },
      source: `${SEED_003_ADMIN} A2 (คณะกรรมการคิดค่าคะแนนการย้าย, item 1.16); levels as the teacher table, placeholders`,
      mode: 'entered',
      enteredBy: 'A2',
      subCriteria: REASON_LEVELS,
    },
    {
      id: 'hardship',
      label: { th: 'สภาพความยากลำบากของสถานศึกษาปัจจุบัน', en: 'Hardship of the current school' },
      source: `${SEED_003_ADMIN} A2 (computed from the request, as for teachers); placeholder points`,
      mode: 'computed',
      compute: 'current_school_hardship',
      subCriteria: HARDSHIP_LEVELS,
    },
    {
      id: 'years_at_school',
      label: { th: 'ระยะเวลาการดำรงตำแหน่งผู้บริหารในสถานศึกษาปัจจุบัน', en: 'Years as an administrator at the current school' },
      source: `${SEED_003_ADMIN} A2 (computed from the request, as for teachers); placeholder points`,
      mode: 'computed',
      compute: 'years_at_current_school',
      subCriteria: [
        { id: 'four_or_more', label: { th: '4 ปีขึ้นไป', en: '4 years or more' }, points: 10, minYears: 4 },
        { id: 'one_to_three', label: { th: '1–3 ปี', en: '1–3 years' }, points: 5, minYears: 1 },
      ],
    },
    {
      id: 'management_ability',
      label: { th: 'ความสามารถในการบริหารจัดการศึกษา', en: 'Educational management ability' },
      source: `${SEED_003_ADMIN} A4 (item 1.18); sub-criteria are placeholder levels`,
      mode: 'entered',
      enteredBy: 'A4',
      subCriteria: QUALITATIVE_LEVELS,
    },
    {
      id: 'vision',
      label: { th: 'วิสัยทัศน์ในการบริหารจัดการศึกษา', en: 'Vision in educational management' },
      source: `${SEED_003_ADMIN} A4 (item 1.18); sub-criteria are placeholder levels`,
      mode: 'entered',
      enteredBy: 'A4',
      subCriteria: QUALITATIVE_LEVELS,
    },
    {
      id: 'development',
      label: { th: 'การพัฒนาตนเองและพัฒนาวิชาชีพ', en: 'Self and professional development' },
      source: `${SEED_003_ADMIN} A4 (item 1.18); sub-criteria are placeholder levels`,
      mode: 'entered',
      enteredBy: 'A4',
      subCriteria: DEVELOPMENT_LEVELS,
    },
  ],
} satisfies ScoringTable);

/** Every published table, oldest first. A new year's points are a new entry, never an edit. */
export const SCORING_TABLES: readonly ScoringTable[] = [DEFAULT_SCORING_TABLE];

/** Every published administrators' table, oldest first. */
export const SCHOOL_ADMINISTRATOR_SCORING_TABLES: readonly ScoringTable[] = [SCHOOL_ADMINISTRATOR_SCORING_TABLE];

/** The table in force for a year: the newest version of the latest year not after it. */
export function scoringTableFor(yearBe: number, tables: readonly ScoringTable[] = SCORING_TABLES): ScoringTable {
  const candidates = tables.filter((t) => t.year <= yearBe).sort((a, b) => b.year - a.year || b.version - a.version);
  const table = candidates[0];
  if (!table) throw new RangeError(`no scoring table for ${yearBe}`);
  return table;
}

/** The facts computed components read. */
export interface ScoringFacts {
  /** the current school is in an announced special (hardship) area */
  readonly currentSchoolHardship: boolean;
  /** full years at the current school, counted to the last day of the request window */
  readonly yearsAtCurrentSchool: number;
}

export interface ScoreLine {
  readonly componentId: string;
  readonly mode: 'computed' | 'entered';
  /** null: no sub-criterion applies (0 points) */
  readonly subCriterionId: string | null;
  readonly points: number;
}

export interface ScoreSheet {
  readonly table: { readonly id: string; readonly year: number; readonly version: number };
  readonly lines: readonly ScoreLine[];
  readonly total: number;
}

/**
 * Scores one request: computed components from the facts, entered ones from
 * the sub-criterion the working group chose. Returns the problems instead
 * when an entered component is missing or names an unknown sub-criterion,
 * or a computed one is entered.
 */
export function scoreRequest(
  table: ScoringTable,
  facts: ScoringFacts,
  entries: Readonly<Record<string, string>>,
): { ok: true; sheet: ScoreSheet } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const lines: ScoreLine[] = [];
  for (const c of table.components) {
    if (c.mode === 'computed') {
      if (entries[c.id] !== undefined) problems.push(`${c.id}: computed from data, not entered`);
      const sub = computedSub(c, facts);
      lines.push({ componentId: c.id, mode: 'computed', subCriterionId: sub?.id ?? null, points: sub?.points ?? 0 });
      continue;
    }
    const chosen = entries[c.id];
    const sub = c.subCriteria.find((s) => s.id === chosen);
    if (chosen === undefined) problems.push(`${c.id}: missing`);
    else if (!sub) problems.push(`${c.id}: unknown sub-criterion "${chosen}"`);
    lines.push({ componentId: c.id, mode: 'entered', subCriterionId: sub?.id ?? null, points: sub?.points ?? 0 });
  }
  for (const id of Object.keys(entries)) {
    if (!table.components.some((c) => c.id === id)) problems.push(`${id}: not a component of ${table.id}@${table.year}v${table.version}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const total = lines.reduce((sum, l) => sum + l.points, 0);
  return { ok: true, sheet: { table: { id: table.id, year: table.year, version: table.version }, lines, total } };
}

function computedSub(c: ScoringComponent, facts: ScoringFacts): SubCriterion | undefined {
  switch (c.compute) {
    case 'current_school_hardship':
      return c.subCriteria.find((s) => s.hardship === facts.currentSchoolHardship);
    case 'years_at_current_school':
      return [...c.subCriteria]
        .filter((s) => s.minYears !== undefined && facts.yearsAtCurrentSchool >= s.minYears)
        .sort((a, b) => (b.minYears ?? 0) - (a.minYears ?? 0))[0];
    default:
      return undefined;
  }
}
