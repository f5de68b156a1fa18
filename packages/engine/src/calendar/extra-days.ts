/**
 * Days off that are data rather than rules: special holidays declared by
 * cabinet resolution (วันหยุดพิเศษ, มติ ครม.), announced weeks ahead, and an
 * office's own closures. The engine stores both in PostgreSQL; the calendar
 * takes them as an array validated here.
 */
import { z } from 'zod';
import { isLocalDate } from './bangkok-time';

export const localDateSchema = z
  .string()
  // abort: an object refinement after it (phase order, term order) must never see an impossible date such as 2027-02-30
  .refine(isLocalDate, { message: 'Expected a real date written YYYY-MM-DD', abort: true })
  // a hint for forms (the web shows a date field in พ.ศ.); `x-` keys are presentation and do not version a workflow
  .meta({ 'x-format': 'date' });

export const extraDaySchema = z.object({
  date: localDateSchema,
  nameTh: z.string().trim().min(1),
  nameEn: z.string().trim().min(1),
  kind: z.enum(['special', 'office_closure']),
  /**
   * The office (เขต) the day applies to. Without it the day applies to every
   * office; with it, only to a calendar built for that office.
   */
  officeId: z.string().min(1).optional(),
});

export type ExtraDay = z.infer<typeof extraDaySchema>;

const SPECIAL = { nameTh: 'วันหยุดพิเศษ (เพิ่มเติม)', nameEn: 'Special holiday (cabinet resolution)', kind: 'special' } as const;

/**
 * Special holidays already declared by cabinet for government agencies
 * (research/regulations.md §4.2, from vacanza/holidays `special_public_holidays`).
 * Admins add later ones as they are announced.
 */
export const DEFAULT_CABINET_SPECIAL_DAYS: readonly ExtraDay[] = Object.freeze([
  { date: '2023-05-05', ...SPECIAL },
  { date: '2023-07-31', ...SPECIAL },
  { date: '2023-12-29', ...SPECIAL },
  { date: '2024-04-12', ...SPECIAL },
  { date: '2024-12-30', ...SPECIAL },
  { date: '2025-06-02', ...SPECIAL },
  { date: '2025-08-11', ...SPECIAL },
  { date: '2026-01-02', ...SPECIAL },
]);
