import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { ActingRole, Role } from '../access/roles';
import type { StepDeadlineSpecInput } from '../calendar/deadline-spec';
import type { ErrorCode } from '../errors';

export interface Label {
  readonly th: string;
  readonly en: string;
}

/**
 * How a step's SLA clock warns and escalates. Every field has a default
 * (see `resolveSlaPolicy`); a step sets only what differs.
 */
export interface StepSlaPolicy {
  /** reminders to the assignees at 08:30, this many working days before the due day; @defaultValue [2] */
  readonly remindWorkingDaysBefore?: readonly number[];
  /** a "due today" notice at 08:30 of the due day; @defaultValue true */
  readonly dueTodayNotice?: boolean;
  /** after the due moment, escalate every this many working days (at 16:30); @defaultValue 1 */
  readonly escalateEveryWorkingDays?: number;
  /** who is told at escalation 1, 2, …; the last one keeps being told; @defaultValue ['group_director', 'area_director'] */
  readonly escalationChain?: readonly ActingRole[];
  /** stop escalating after this many; @defaultValue 5 */
  readonly maxEscalations?: number;
}

/** What a step (a leaf state) means to people. */
export interface StepMeta {
  readonly label: Label;
  /** who must act while the case waits here; they are notified on entry */
  readonly roles: readonly ActingRole[];
  /** the time standard of the step (see docs/calendar.md); opens an SLA clock on entry */
  readonly deadline?: StepDeadlineSpecInput;
  readonly sla?: StepSlaPolicy;
  /**
   * The case waits on the applicant here (e.g. revising the work). Entering
   * it pauses the clocks of the steps left, keeping their remaining office
   * time; re-entering those steps resumes them.
   */
  readonly waitsOnApplicant?: boolean;
  /**
   * A committee decides at this step: cases waiting here go on the agenda of
   * the office's committees of this `kind`, and a recorded resolution is sent
   * to the case as the event named for it (sent by the committee, so the
   * event must allow the role `committee`).
   */
  readonly committee?: { readonly kind: string; readonly resolutions: { readonly approve: string; readonly reject: string } };
  /**
   * Events the system sends to the case at a moment while it waits here
   * (e.g. `LAPSE` at the fix-by moment): written as a timer row in the
   * transaction that enters the step, fired by the worker's timer path as the
   * system actor, cancelled when the step is left. The event must allow the
   * role `system` and take an empty payload.
   */
  readonly systemEvents?: readonly StepSystemEvent[];
  /**
   * A path in the case's data holding who must act here for this case
   * (`{ role, schoolId }`, access/assignee.ts): narrows the step's office roles
   * to that role, held for that school (null: office-wide). Without a value
   * there, `roles` and the case's scope apply.
   */
  readonly assignee?: string;
  /** who may extend this step's deadline (ขยายเวลา); nobody when absent */
  readonly extendableBy?: readonly ActingRole[];
  /** where the step comes from: seed file and section, or a regulation */
  readonly source: string;
}

export interface StepSystemEvent {
  readonly event: string;
  /** when: a spec read from the case's data (`from_data`) or counted from the moment of entry */
  readonly at: StepDeadlineSpecInput;
}

/**
 * A date guard of an event: after the moment, the engine refuses the event
 * (`refuse`, error DEADLINE_PASSED naming `rule`) or accepts it and records
 * the lateness in history (`mark_late`).
 */
export interface EventDateGuard {
  /** `'step_deadline'`: the due moment of the running clock of the step the case waits at (extensions included); or a spec */
  readonly until: 'step_deadline' | StepDeadlineSpecInput;
  readonly mode: 'refuse' | 'mark_late';
  /**
   * What is compared with the moment: `'now'` (the default), or the event's
   * `occurredAt` when it carries one (a grievance received on paper in time
   * but recorded later is in time). Such a guard never hides the event from
   * `availableEvents`: the moment is known only when the event is sent.
   */
  readonly against?: 'now' | 'occurred_at';
  /** the rule as people read it, e.g. { th: 'พ้นกำหนดรับรองคำขอแล้ว (schoolReviewUntil)', … } */
  readonly rule: Label;
}

/** What an event (an action someone takes) requires. */
export interface EventMeta<TPayload extends z.ZodType = z.ZodType> {
  readonly label: Label;
  readonly payload: TPayload;
  /** who may send it; deny by default */
  readonly roles: readonly ActingRole[];
  /** as a step's `assignee`: who may send it on this case is read from the case's data */
  readonly assignee?: string;
  /** a date guard, evaluated by the engine (and by `availableEvents`) */
  readonly dateGuard?: EventDateGuard;
  /**
   * The event may carry `occurredAt` (an ISO instant in its payload): when
   * the real-world event happened (the day the teacher was notified, the
   * university's report). Not in the future, not before `notBefore` (a
   * context path, or the moment the case entered its step); the clocks the
   * event opens count from it. History keeps both moments.
   */
  readonly occurredAt?: { readonly notBefore: 'step_entered' | string };
  /**
   * People told when the event is applied (a 'notice' notification, not a
   * task): e.g. the teacher whose request the director never certified, told
   * that it lapsed or went on as not certified. `byState` gives the message
   * per state the case lands in (its state key); `message` otherwise.
   */
  readonly informs?: EventNotice;
  /**
   * Only the system sends it, through the host service named here (e.g. a
   * round's matching): the roles must be `['system']`, and a person sending
   * it (the generic events route) is refused with `SYSTEM_ONLY_EVENT`, which
   * names the service, instead of a bare `FORBIDDEN`.
   */
  readonly systemOnly?: Label;
  /**
   * Why the machine refuses the event now, when it handles it at the current
   * step but a guard says no: a code of the error catalogue (e.g.
   * `SCORES_NEED_ANOTHER_USER`) with details, or null for the generic
   * `EVENT_NOT_ALLOWED`. Pure, like the guards it explains.
   */
  readonly explainRefusal?: (context: unknown, event: EngineEvent) => RefusalExplanation | null;
  /**
   * Whether the event is offered on this case now (its `availableEvents`),
   * read from the case's data: an event the machine handles at the step but
   * always refuses for this case (e.g. a resolution that comes through
   * another office, explained by `explainRefusal`) is not offered. Pure.
   * Absent: offered whenever the actor holds one of its roles.
   */
  readonly offeredWhen?: (context: unknown) => boolean;
  /**
   * Schools the payload names that must be schools of the case's office:
   * `field` of the payload, or of every item of the list at `list`; an item
   * carrying `unless` (e.g. a vacancy of another area) is not checked. A
   * school that does not exist or is of another office: `SCHOOL_NOT_IN_OFFICE`.
   */
  readonly schoolRefs?: readonly { readonly list?: string; readonly field: string; readonly unless?: string }[];
}

export interface EventNotice {
  readonly roles: readonly ActingRole[];
  readonly message: Label;
  readonly byState?: Readonly<Record<string, Label>>;
}

/** A guard's refusal, as people read it: a code of the one error catalogue and what to show with it. */
export interface RefusalExplanation {
  readonly code: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The event the engine hands to a machine: the payload plus who and when. */
export interface EngineEvent<TType extends string = string, TPayload = unknown> {
  readonly type: TType;
  readonly payload: TPayload;
  readonly actor: { readonly kind: 'user' | 'committee' | 'system'; readonly id: string; readonly roles: readonly ActingRole[] };
  /** ISO instant the command was made (from the engine's clock) */
  readonly at: string;
}

/** The input the engine hands to a machine when a case starts. */
export interface EngineInput<TData = unknown> {
  readonly data: TData;
  readonly caseId: string;
  readonly officeId: string;
  readonly schoolId: string | null;
  readonly subjectPersonId: string | null;
  readonly at: string;
}

export interface WorkflowConfig<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** kebab-case, e.g. `teacher-transfer` */
  readonly id: string;
  /** a positive integer; a changed machine needs a new one */
  readonly version: number;
  readonly title: Label;
  readonly machine: TMachine;
  /** the data needed to open a case */
  readonly input: z.ZodType;
  /** who may open a case */
  readonly starters: readonly (Role | 'system')[];
  readonly steps: Readonly<Record<string, StepMeta>>;
  readonly events: Readonly<Record<string, EventMeta>>;
  /**
   * Names a person reads for the code names of this workflow: payload and
   * input fields by key, enum values, and states a step does not name (final
   * ones such as `withdrawn`, groups), by path or by last name. Presentation:
   * not part of the content hash (see presented-schema.ts).
   */
  readonly labels?: WorkflowLabels;
  /**
   * Timed system events of a version published before steps could declare
   * them: the closing events a host poller used to send to its cases (the
   * same events at the same moments, which its machine refuses before then),
   * now timer rows exactly like `StepMeta.systemEvents`, by step. Only who
   * sends them changed, not what the version does: not part of the content
   * hash. Cases already waiting at such a step get their rows from
   * `planRetrofitSystemEvents`.
   */
  readonly retrofitSystemEvents?: Readonly<Record<string, readonly StepSystemEvent[]>>;
}

/** The timed system events of a step: declared on the step, or retrofitted on a version published before (WorkflowConfig.retrofitSystemEvents). */
export function stepSystemEvents(def: Pick<WorkflowConfig, 'steps' | 'retrofitSystemEvents'>, step: string): readonly StepSystemEvent[] {
  const declared = def.steps[step]?.systemEvents ?? [];
  const retrofit = def.retrofitSystemEvents?.[step] ?? [];
  return retrofit.length === 0 ? declared : [...declared, ...retrofit];
}

export interface WorkflowLabels {
  readonly fields: Readonly<Record<string, Label>>;
  readonly values: Readonly<Record<string, Label>>;
  readonly states: Readonly<Record<string, Label>>;
  /**
   * Fields (by key) whose value is chosen, not typed: the id of a person, of
   * a person's account (`user`) or of a school of the office. The presented
   * schema marks them `x-picker` (on the items of a list); a form shows a
   * picker by name instead of a box for an id. Presentation: not part of a
   * version's content hash.
   */
  readonly pickers?: Readonly<Record<string, Picker>>;
  /**
   * Fields (by key) a form shows with a widget of their own (`x-widget`):
   * `score-table`, a transfer request's scores chosen per component of its
   * round's scoring table; `hidden`, an optional link to another case that a
   * person cannot be asked to type (its id). Presentation, like `pickers`.
   */
  readonly widgets?: Readonly<Record<string, 'score-table' | 'hidden'>>;
}

export type Picker = 'person' | 'user' | 'school';

export interface WorkflowDefinition<TMachine extends AnyStateMachine = AnyStateMachine> extends WorkflowConfig<TMachine> {
  /** `id@version` */
  readonly key: string;
  /** sha256 over the machine (with its guards and actions), steps, events and input */
  readonly contentHash: string;
  /** every leaf step path; final ones marked */
  readonly leafSteps: readonly { path: string; final: boolean }[];
}
