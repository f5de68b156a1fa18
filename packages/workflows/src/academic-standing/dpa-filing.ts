/**
 * A request the teacher filed in OTEPC's DPA system (ระบบ DPA, ก.ค.ศ.) as
 * `academic-standing@4` records it (issue 21): the DPA request number, the
 * moment it was filed there, and the eligibility check as of that day — the
 * evidence stays in DPA, where the office reads it, so the check does not ask
 * the case for it. Pure.
 */
import { z } from 'zod';
import type { Application } from './application';
import { checkEligibility, type EligibilityResult } from './eligibility';
import type { CasePolicy } from './policy';
import { dateOf } from './timing';

/** A DPA request number as the DPA system shows it (letters, digits, `-`, `/`, `.`, `_`; at most 60). */
export const DpaReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,59}$/, 'a DPA request number');

/** `RECORD_DPA_FILING`: the HR officer records the request the teacher filed in DPA. */
export const DpaFilingPayload = z
  .object({
    dpaRef: DpaReference.meta({ 'x-label': { th: 'เลขที่คำขอในระบบ DPA', en: 'DPA request number' } }),
    occurredAt: z.iso
      .datetime({ offset: true })
      .meta({ 'x-label': { th: 'วันเวลาที่ยื่นคำขอในระบบ DPA', en: 'When the request was filed in DPA' } }),
  })
  .strict();
export type DpaFilingPayload = z.infer<typeof DpaFilingPayload>;

/** What the case keeps of a DPA filing. */
export interface DpaFiling {
  readonly system: 'DPA';
  readonly ref: string;
  readonly filedAt: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** The eligibility check of a request filed in DPA, as of the day it was filed there; the evidence criterion reads "in DPA". */
export function dpaFilingEligibility(application: Omit<Application, 'policy'>, policy: CasePolicy, filedAt: string): EligibilityResult {
  const checked = checkEligibility(application as Application, policy, dateOf(filedAt));
  const reasons = checked.reasons.map((r) =>
    r.criterion === 'evidence'
      ? {
          criterion: r.criterion,
          ok: true,
          th: 'หลักฐานประกอบคำขอยื่นไว้ในระบบ DPA (ตรวจในระบบ DPA)',
          en: 'The evidence was filed in DPA (checked there)',
        }
      : r,
  );
  return { eligible: reasons.every((r) => r.ok), asOf: checked.asOf, reasons };
}
