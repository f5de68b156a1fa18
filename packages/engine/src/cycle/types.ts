import type { ErrorCode } from '../errors';

/** One member of a cycle's population: the child case to open for them. */
export interface CycleChildSpec {
  /** unique within the cycle (e.g. the teacher's personnel number); 1–200 characters */
  readonly key: string;
  /** the person the child is about, of the parent's office */
  readonly subjectPersonId: string | null;
  /** a school of the parent's office, or null */
  readonly schoolId: string | null;
  readonly title: string;
  /** the child workflow's input, validated by its zod schema */
  readonly input: unknown;
}

/** A population row that was not opened, and why. Nothing is written for it. */
export interface RejectedChild {
  /** its position in the population */
  readonly index: number;
  readonly key: string;
  /** `INVALID_INPUT` (key, title or input), `SCHOOL_NOT_IN_OFFICE`, `PERSON_NOT_IN_OFFICE` */
  readonly code: ErrorCode;
  readonly issues: readonly { path: string; code: string; message: string }[];
}

export interface CycleOpeningProgress {
  /** valid children that exist now (opened before, or by this opening so far) */
  readonly done: number;
  /** valid children of the population */
  readonly total: number;
  /** children created by this call so far */
  readonly created: number;
}

export interface OpenCycleChildrenOptions {
  readonly parentCaseId: string;
  readonly workflowId: string;
  /** default: the latest registered version */
  readonly version?: number;
  readonly population: Iterable<CycleChildSpec> | AsyncIterable<CycleChildSpec>;
  /** children per transaction; default 1000, at most 5000 */
  readonly batchSize?: number;
  /** called after each committed batch; what it throws stops the opening (committed batches stay) */
  readonly onProgress?: (p: CycleOpeningProgress) => void;
  /** refuse (`CYCLE_CLOSED`) unless the parent waits at one of these steps, e.g. the round's opening window */
  readonly whileParentAt?: readonly string[];
}

export interface CycleOpeningResult {
  /** the opening's `cycle_runs` row; null when there was nothing to do */
  readonly runId: string | null;
  readonly parentCaseId: string;
  /** `id@version` of the children */
  readonly workflow: string;
  /** valid population rows */
  readonly total: number;
  /** children created by this call */
  readonly created: number;
  /** valid rows whose child existed before this call (an earlier opening, or the attempt that crashed) */
  readonly alreadyPresent: number;
  readonly rejected: readonly RejectedChild[];
  /** this call finished an opening that an earlier attempt left unfinished */
  readonly resumed: boolean;
  /** the parent's `@cycle.opened` history row; null when there was nothing to do */
  readonly parentHistorySeq: number | null;
}

export interface CycleStateCount {
  readonly workflowId: string;
  readonly state: string;
  readonly status: 'active' | 'done';
  readonly count: number;
}

export interface CycleRunView {
  readonly runId: string;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly total: number;
  readonly created: number;
  readonly rejected: number;
  readonly attempts: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

export interface CycleProgress {
  readonly parentCaseId: string;
  /** children of the cycle */
  readonly total: number;
  /** children that reached a final state */
  readonly done: number;
  readonly active: number;
  /** children by workflow, state and status, most numerous first */
  readonly byState: readonly CycleStateCount[];
  /** openings of children, newest first; an unfinished one is in progress or crashed */
  readonly openings: readonly CycleRunView[];
}

/** When a cycle's children count as settled. */
export type CycleSettledWhen =
  /** every child reached a final state */
  | 'all_done'
  /** every child reached a final state or waits only at these steps */
  | { readonly steps: readonly string[] };

export interface AdvanceCycleOptions {
  /** the parent's event; it must allow the role `system` */
  readonly event: string;
  readonly payload?: unknown;
  readonly when: CycleSettledWhen;
  /** advance even when not settled if the parent's current step has an SLA clock past its due moment */
  readonly orWhenOverdue?: boolean;
  /** advance even when not settled once the engine's clock is past this moment (a window that is the round's own data) */
  readonly orAfter?: Date;
}

export type AdvanceCycleOutcome =
  | {
      readonly advanced: true;
      readonly because: 'settled' | 'deadline_passed';
      readonly revision: number;
      readonly state: string;
      readonly settled: number;
      readonly total: number;
    }
  | {
      readonly advanced: false;
      readonly because: 'not_settled' | 'no_children' | 'opening_in_progress' | 'event_not_allowed';
      readonly settled: number;
      readonly total: number;
    };
