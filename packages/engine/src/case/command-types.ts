import type { Actor } from '../access/actor';

export interface StartCaseCommand {
  readonly actor: Actor;
  readonly workflowId: string;
  /** default: the latest registered version */
  readonly version?: number;
  readonly officeId: string;
  readonly schoolId?: string | null;
  /** the person the case is about (e.g. the teacher who files it) */
  readonly subjectPersonId?: string | null;
  readonly title: string;
  readonly input: unknown;
  /** makes a retried command a no-op that returns the first result */
  readonly idempotencyKey?: string;
}

export interface DispatchCommand {
  readonly actor: Actor;
  readonly caseId: string;
  readonly type: string;
  readonly payload?: unknown;
  /** why, in the actor's words; kept in the history */
  readonly reason?: string | null;
  readonly idempotencyKey?: string;
  /** refuse with REVISION_CONFLICT when the case has moved past this revision */
  readonly expectedRevision?: number;
}

export interface CommandResult {
  readonly caseId: string;
  readonly revision: number;
  /** active leaf steps, comma-separated */
  readonly state: string;
  readonly status: 'active' | 'done';
  readonly historySeq: number;
  /** true when an idempotency key turned this call into a replay of the first one */
  readonly replayed: boolean;
}
