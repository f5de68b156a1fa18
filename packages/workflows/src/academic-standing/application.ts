/**
 * What a teacher files to open an academic-standing case (the case input):
 * who they are professionally, the level they ask for, and the evidence that
 * level needs. Checked by zod when the case is opened; the eligibility check
 * (eligibility.ts) reads it.
 */
import { localDateSchema } from '@esa-flow/engine';
import { z } from 'zod';
import { CasePolicy } from './policy';
import { CURRENT_LEVELS, EVIDENCE_KINDS, LEVELS, PENALTIES, POSITIONS } from './vocabulary';

/** One yearly PA result: the fiscal year (พ.ศ.) and each evaluator's score in percent. */
export const PaResult = z
  .object({
    fiscalYear: z.int().min(2560).max(2600),
    evaluatorPercents: z.array(z.number().min(0).max(100)).min(1).max(9),
  })
  .strict();
export type PaResult = z.infer<typeof PaResult>;

export const Application = z
  .object({
    position: z.enum(POSITIONS),
    currentLevel: z.enum(CURRENT_LEVELS),
    /** since when the person holds the current level (or the position, without a level) */
    currentLevelSince: localDateSchema,
    targetLevel: z.enum(LEVELS),
    /** learning area (กลุ่มสาระ), for the supervisor assigned as adviser after a failure */
    learningArea: z.string().trim().min(1).max(200).optional(),
    paResults: z.array(PaResult).max(20),
    penalties: z
      .array(z.object({ kind: z.enum(PENALTIES), date: localDateSchema }).strict())
      .max(20)
      .default([]),
    /** the passed pre-appointment development (a `pre-appointment-development` case that ended `developed`) */
    development: z.object({ passedOn: localDateSchema, caseId: z.string().uuid().optional() }).strict().optional(),
    evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), title: z.string().trim().min(1).max(300) }).strict()).max(50),
    /** an earlier failed request: the teacher may file again from `refileFrom` (the next semester) */
    previousAttempt: z.object({ refileFrom: localDateSchema, caseId: z.string().uuid().optional() }).strict().optional(),
    /**
     * The policy to run under; by default the one in force on the filing day
     * for the target level (`casePolicyFor`). The server passes the office's
     * own when it has one.
     */
    policy: CasePolicy.optional(),
  })
  .strict();
export type Application = z.infer<typeof Application>;
