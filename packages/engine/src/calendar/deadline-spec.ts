/**
 * `DeadlineSpec`: how long a step may take, as data. One kind per way the
 * sources state a time limit (research/seed-002.md §4, regulations.md §4).
 * Every spec keeps the verbatim phrase it was read from.
 *
 * Day counts follow the Civil and Commercial Code: day one is the day after
 * the trigger (ม.193/3) and a last day that is not a working day moves to the
 * next working day (ม.193/8). "วัน" means calendar days unless the source
 * says working days (วันทำการ).
 */
import { z } from 'zod';
import { localDateSchema } from './extra-days';

const common = {
  /** The source's own words, verbatim, e.g. 'ภายใน ๒ วัน นับจาก สพฐ.แจ้งแนวปฏิบัติให้ สพป.ทราบ'. */
  phrase: z.string().trim().min(1),
  /** Where the phrase comes from, e.g. 'seed-002 §3.4 step 1'. */
  source: z.string().min(1).optional(),
  /** Why the phrase was read this way, when it needed interpretation. */
  note: z.string().min(1).optional(),
};

/** An external calendar that may replace a counted deadline ('หรือตามปฏิทินที่กำหนด'); recorded only. */
const overriddenBy = z.string().min(1).optional();

const days = (max: number) => z.int().min(1).max(max);

export const calendarDaysSpecSchema = z.object({
  kind: z.literal('calendar_days'),
  days: days(3660),
  overriddenBy,
  ...common,
});

export const workingDaysSpecSchema = z.object({
  kind: z.literal('working_days'),
  days: days(2500),
  overriddenBy,
  ...common,
});

/** "ภายใน 3 - 5 วัน": remind at the end of day `minDays`, due at the end of day `maxDays`. */
export const rangeSpecSchema = z
  .object({
    kind: z.literal('range'),
    unit: z.enum(['calendar_days', 'working_days']),
    minDays: days(2500),
    maxDays: days(2500),
    overriddenBy,
    ...common,
  })
  .refine((s) => s.minDays < s.maxDays, { message: 'minDays must be less than maxDays', path: ['maxDays'] });

/** "ทันที": by the end of the same working day, or of the next one when triggered after 16:30 or on a day off. */
export const immediatelySpecSchema = z.object({ kind: z.literal('immediately'), ...common });

/** "ภายในวันที่ ๕ ของทุกเดือน": the next day `day` of a month (the month's last day when shorter). */
export const dayOfMonthSpecSchema = z.object({ kind: z.literal('day_of_month'), day: z.int().min(1).max(31), ...common });

/**
 * "ภายในไตรมาส": the last day of the quarter containing the trigger or, with
 * `fiscalQuarter`, of the next such fiscal quarter (Q1 Oct–Dec, Q2 Jan–Mar,
 * Q3 Apr–Jun, Q4 Jul–Sep).
 */
export const quarterEndSpecSchema = z.object({
  kind: z.literal('quarter_end'),
  fiscalQuarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  ...common,
});

/** "เมื่อสิ้นปีงบประมาณ": 30 September, the end of the Thai fiscal year (1 Oct–30 Sep). */
export const fiscalYearEndSpecSchema = z.object({ kind: z.literal('fiscal_year_end'), ...common });

/** "6 ก.พ. 2568 เวลา 15.00 น.": an exact Bangkok date and time, not moved for holidays. */
export const fixedSpecSchema = z.object({
  kind: z.literal('fixed'),
  date: localDateSchema,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour)')
    .default('16:30'),
  ...common,
});

/** "ตามปฏิทินที่ สพฐ. กำหนด", "ภายในกำหนด": set by someone else; recorded, no timer. */
export const externalSpecSchema = z.object({
  kind: z.literal('external'),
  /** Whose calendar or schedule decides, e.g. 'สพฐ.', 'คณะกรรมการแผนปฏิบัติการประจำปี'. */
  calendar: z.string().min(1),
  ...common,
});

/** "หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว": follows the previous steps; no time limit, no timer. */
export const afterCompletionSpecSchema = z.object({ kind: z.literal('after_completion'), ...common });

/** A dotted path into the case's context, e.g. `params.phases.schoolReviewUntil`. */
export const contextPathSchema = z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'Expected a dotted context path');

/**
 * "ภายในวันที่กำหนดในปฏิทินของรอบ", "แก้ไขภายในวันที่ 6 ก.พ. 2568 เวลา 15.00 น."
 * as the director entered it: a moment read from the case's own data at
 * `path` — an ISO instant, a Bangkok date `YYYY-MM-DD` (16:30 of that day),
 * or `{ date, time? }` — optionally followed by a count of days from it
 * (`plus`, counted as `calendar_days`/`working_days` are, ม.193/3 and /8),
 * whose number may itself come from the data (`daysPath`). Read when the
 * step is entered (docs/sla.md "Moments from the case's data").
 */
export const fromDataSpecSchema = z.object({
  kind: z.literal('from_data'),
  path: contextPathSchema,
  /** other paths: the latest of all the moments counts (e.g. the later of the review and the correction deadlines) */
  laterOf: z.array(contextPathSchema).min(1).max(5).optional(),
  plus: z
    .object({
      /** `office_days`: calendar or working days as the office's day-count policy says when the clock opens */
      unit: z.enum(['calendar_days', 'working_days', 'office_days']),
      days: days(3660).optional(),
      daysPath: contextPathSchema.optional(),
    })
    .refine((p) => (p.days === undefined) !== (p.daysPath === undefined), { message: 'plus needs exactly one of days and daysPath' })
    .optional(),
  /** seconds after the moment (e.g. 1: a lapse at 15.00.01 for a fix-by of 15.00 น.) */
  offsetSeconds: z.int().min(-86_400).max(86_400).optional(),
  ...common,
});

export const deadlineSpecSchema = z.discriminatedUnion('kind', [
  calendarDaysSpecSchema,
  workingDaysSpecSchema,
  rangeSpecSchema,
  immediatelySpecSchema,
  dayOfMonthSpecSchema,
  quarterEndSpecSchema,
  fiscalYearEndSpecSchema,
  fixedSpecSchema,
  externalSpecSchema,
  afterCompletionSpecSchema,
]);

/** A validated deadline spec (defaults applied). */
export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;
/** What may be written in a definition before validation. */
export type DeadlineSpecInput = z.input<typeof deadlineSpecSchema>;
export type DeadlineKind = DeadlineSpec['kind'];

export const DEADLINE_KINDS: readonly DeadlineKind[] = deadlineSpecSchema.options.map((o) => o.shape.kind.value);

/**
 * What a step's deadline, a timed system event or a date guard may say: every
 * kind above, or a moment read from the case's data (`from_data`). Kept apart
 * from `deadlineSpecSchema` because workflows embed that one in their inputs
 * (a policy's windows): widening it would change their published versions.
 */
/**
 * "ภายใน 3 วัน" where the source does not say whether the days are calendar
 * or working days: the office decides (its day-count policy, versioned data:
 * docs/sla.md "The office's day-count policy"). `days` counts like
 * `calendar_days`/`working_days`; `minDays`/`maxDays` like a `range`. Read
 * when the clock opens: the clock keeps the spec it was resolved to and the
 * policy version it read, so a later change of policy moves no clock already
 * open. Only as a step's deadline (not a system event's moment or a guard).
 */
export const officeDaysSpecSchema = z
  .object({
    kind: z.literal('office_days'),
    days: days(2500).optional(),
    minDays: days(2500).optional(),
    maxDays: days(2500).optional(),
    overriddenBy,
    ...common,
  })
  .refine(
    (s) =>
      (s.days !== undefined) !== (s.minDays !== undefined && s.maxDays !== undefined) &&
      (s.minDays === undefined) === (s.maxDays === undefined),
    {
      message: 'office_days needs either days or both minDays and maxDays',
    },
  )
  .refine((s) => s.minDays === undefined || s.maxDays === undefined || s.minDays < s.maxDays, {
    message: 'minDays must be less than maxDays',
    path: ['maxDays'],
  });

export const stepDeadlineSpecSchema = z.discriminatedUnion('kind', [
  ...deadlineSpecSchema.options,
  fromDataSpecSchema,
  officeDaysSpecSchema,
]);
export type StepDeadlineSpec = z.infer<typeof stepDeadlineSpecSchema>;
export type StepDeadlineSpecInput = z.input<typeof stepDeadlineSpecSchema>;

/** Validate a spec from a definition or the database; throws a ZodError naming the bad field. */
export function parseDeadlineSpec(input: unknown): DeadlineSpec {
  return deadlineSpecSchema.parse(input);
}
