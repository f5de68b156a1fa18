/**
 * The payloads of the academic-standing events (validated by the engine
 * before the machine sees them) and the machine's event and context types.
 */
import { CommitteeResolutionPayload, type EngineEvent } from '@esa-flow/engine';
import { z } from 'zod';
import type { Application } from './application';
import type { EligibilityResult } from './eligibility';
import type { CasePolicy } from './policy';
import type { Aspect } from './vocabulary';

export const Empty = z.object({}).strict();
const text = (max: number) => z.string().trim().min(1).max(max);

export const NotePayload = z.object({ note: text(2000) }).strict();
export const OptionalNotePayload = z.object({ note: text(2000).optional() }).strict();

/** An appointed evaluator: the user who scores in the system, and their name for the order. */
export const Evaluator = z.object({ userId: z.string().uuid(), personId: z.string().uuid().optional(), name: text(200) }).strict();
export type Evaluator = z.infer<typeof Evaluator>;

/** The committees the area proposes for ด้านที่ 1 and ด้านที่ 2 (seed-004 §2.1 step 3). */
export const ProposeCommitteesPayload = z
  .object({ aspect1: z.array(Evaluator).min(1).max(9), aspect2: z.array(Evaluator).min(1).max(9) })
  .strict();

/** One evaluator's score of one aspect, in percent. */
export const ScorePayload = z
  .object({ aspect: z.union([z.literal(1), z.literal(2)]), percent: z.number().min(0).max(100), note: text(2000).optional() })
  .strict();

/** What is to be revised in the academic work, and why. */
export const RevisionRequestPayload = z.object({ note: text(4000) }).strict();
export const RevisionSubmittedPayload = z.object({ evidenceTitle: text(300), note: text(2000).optional() }).strict();

export const CertifyPayload = z.object({ dpaReference: text(200).optional() }).strict();
/** The number of the appointment order (คำสั่ง), e.g. `123/2568`. */
export const OrderPayload = z.object({ orderNumber: text(100) }).strict();
export const LetterPayload = z.object({ letterNo: text(100) }).strict();

/** The failure as recorded: the committee's recommendations and the supervisor assigned as adviser (seed-004 §2.3). */
export const FailurePayload = z
  .object({
    recommendations: text(4000),
    adviser: z.object({ personId: z.string().uuid().optional(), name: text(200) }).strict(),
  })
  .strict();

export const GrievancePayload = z.object({ grounds: text(4000) }).strict();
export const WithdrawPayload = z.object({ reason: text(2000).optional() }).strict();
export { CommitteeResolutionPayload };

type P<S extends z.ZodType> = z.infer<S>;
type Resolution = P<typeof CommitteeResolutionPayload>;

export type AcademicEvent =
  | EngineEvent<'ACCEPT_ELIGIBLE', P<typeof OptionalNotePayload>>
  | EngineEvent<'REJECT_INELIGIBLE', P<typeof NotePayload>>
  | EngineEvent<'PROPOSE_COMMITTEES', P<typeof ProposeCommitteesPayload>>
  | EngineEvent<'COMMITTEES_APPROVED' | 'COMMITTEES_REJECTED', Resolution>
  | EngineEvent<'SUBMIT_SCORE', P<typeof ScorePayload>>
  | EngineEvent<'REQUEST_REVISION', P<typeof RevisionRequestPayload>>
  | EngineEvent<'SUBMIT_REVISION', P<typeof RevisionSubmittedPayload>>
  | EngineEvent<'REVISION_LAPSED' | 'GRIEVANCE_WINDOW_CLOSED', P<typeof Empty>>
  | EngineEvent<'ASPECT1_APPROVED' | 'ASPECT1_REJECTED' | 'ASPECT2_APPROVED' | 'ASPECT2_REJECTED', Resolution>
  | EngineEvent<'CERTIFY_RESULT', P<typeof CertifyPayload>>
  | EngineEvent<'PREPARE_ORDER', P<typeof OrderPayload>>
  | EngineEvent<'SIGN_ORDER', P<typeof Empty>>
  | EngineEvent<'KKS_REPORTED' | 'KKS_APPROVED', P<typeof LetterPayload>>
  | EngineEvent<'KKS_NOT_APPROVED', P<typeof NotePayload>>
  | EngineEvent<'RECORD_FAILURE', P<typeof FailurePayload>>
  | EngineEvent<'FILE_GRIEVANCE', P<typeof GrievancePayload>>
  | EngineEvent<'GRIEVANCE_UPHELD' | 'GRIEVANCE_DISMISSED', Resolution>
  | EngineEvent<'WITHDRAW', P<typeof WithdrawPayload>>;

export interface ScoreRecord {
  readonly aspect: Aspect;
  readonly evaluatorId: string;
  readonly percent: number;
  readonly at: string;
  readonly note: string | null;
}

export interface RevisionRecord {
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly note: string;
  /** when the window closes (from the case's policy) */
  readonly dueAt: string;
  readonly submittedAt: string | null;
  readonly lapsedAt: string | null;
}

export type Outcome = 'passed' | 'failed' | 'ineligible' | 'withdrawn';

export interface AcademicContext {
  readonly application: Omit<Application, 'policy'>;
  readonly policy: CasePolicy;
  readonly subjectPersonId: string | null;
  readonly filedAt: string;
  /** computed when the case is filed; what the officer confirms or overrides */
  readonly eligibility: EligibilityResult;
  readonly eligibilityDecision: { readonly accepted: boolean; readonly at: string; readonly note: string | null } | null;
  readonly committees: {
    readonly aspect1: readonly Evaluator[];
    readonly aspect2: readonly Evaluator[];
    readonly proposedAt: string;
    readonly approvedAt: string | null;
    readonly approvedAtMeeting: string | null;
  } | null;
  readonly scores: readonly ScoreRecord[];
  readonly revisions: readonly RevisionRecord[];
  readonly aspectApprovals: {
    readonly aspect1: { at: string; meetingId: string } | null;
    readonly aspect2: { at: string; meetingId: string } | null;
  };
  readonly outcome: { readonly result: Outcome; readonly at: string; readonly reason: string | null } | null;
  readonly failure: {
    readonly recommendations: string;
    readonly adviser: { personId?: string | undefined; name: string };
    readonly refileFrom: string;
    readonly recordedAt: string;
  } | null;
  /** until when a grievance may be filed against the decision */
  readonly grievanceDueAt: string | null;
  readonly grievances: readonly {
    filedAt: string;
    grounds: string;
    resolution: 'upheld' | 'dismissed' | null;
    decidedAt: string | null;
    /** version 3: received on paper, recorded by HR with its received date */
    onPaper?: { receivedAt: string; recordedAt: string; recordedBy: string; ref: string | null };
  }[];
  /** version 3: when the teacher was notified of the decision (the grievance window counts from it) */
  readonly notifiedAt?: string | null;
  /** version 4: the request was filed in OTEPC's DPA system and recorded here by HR (dpa-filing.ts) */
  readonly dpaFiling?: {
    readonly system: 'DPA';
    readonly ref: string;
    readonly filedAt: string;
    readonly recordedBy: string;
    readonly recordedAt: string;
  } | null;
  readonly certification: { readonly at: string; readonly dpaReference: string | null } | null;
  readonly order: {
    readonly number: string;
    readonly effectiveDate: string;
    readonly preparedAt: string;
    readonly signedAt: string | null;
  } | null;
  readonly kks: { readonly at: string; readonly reference: string; readonly approved: boolean | null } | null;
}
