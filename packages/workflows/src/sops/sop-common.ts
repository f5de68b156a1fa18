/**
 * What the seed-002 SOP workflows share: where a step comes from, the small
 * payloads their events carry, and the Thai fiscal quarter of an instant.
 *
 * The SOP manual (research/seed-002.md) gives mostly happy paths. Every
 * return or refusal path these workflows add is marked "(inferred …)" in the
 * step's `source`, so a reader can tell the seed's words from our design.
 */
import { localDateOfInstant, localDateSchema } from '@esa-flow/engine';
import { z } from 'zod';

/**
 * The source of a step of the SOP manual, e.g. `seed-002 §3.2 step 4`.
 * Sections and step numbers are those of research/seed-002.md §3.
 */
export function seed002(section: string, step: number | string, note?: string): string {
  return `seed-002 §${section} step ${step}${note ? ` (${note})` : ''}`;
}

/** An event that carries nothing but who and when. */
export const Empty = z.object({}).strict();

/** A free-text reason, e.g. why documents were sent back. */
export const NotePayload = z.object({ note: z.string().trim().min(1).max(2000) }).strict();

/** The number of a signed order (คำสั่ง), e.g. `123/2568`. */
export const OrderPayload = z.object({ orderNo: z.string().trim().min(1).max(100) }).strict();

/** The number of an official letter (หนังสือ), e.g. `ศธ 04xxx/1234`. */
export const LetterPayload = z.object({ letterNo: z.string().trim().min(1).max(100) }).strict();

/** A local date (YYYY-MM-DD, Asia/Bangkok). */
export const LocalDate = localDateSchema;

/** A fiscal year in the Buddhist era (ปีงบประมาณ พ.ศ.), e.g. 2568 = 1 Oct 2024 – 30 Sep 2025. */
export const FiscalYearBE = z.int().min(2560).max(2600);

/** A fiscal quarter: 1 = Oct–Dec, 2 = Jan–Mar, 3 = Apr–Jun, 4 = Jul–Sep. */
export const FiscalQuarter = z.int().min(1).max(4);

/**
 * The Thai fiscal year (พ.ศ.) and quarter of an instant, read on the
 * Bangkok calendar. Pure: machines call it with `event.at`.
 */
export function fiscalQuarterOf(at: string | Date): { fiscalYear: number; quarter: number } {
  const [y = 0, m = 1] = localDateOfInstant(typeof at === 'string' ? new Date(at) : at)
    .split('-')
    .map(Number);
  const fiscalYearCE = m >= 10 ? y + 1 : y;
  return { fiscalYear: fiscalYearCE + 543, quarter: Math.floor(((m + 2) % 12) / 3) + 1 };
}
