/**
 * Kysely table types. They describe what the migrations in ./migrations create;
 * change both together (a new migration, never an edited one).
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null = object | null> = JSONColumnType<T, string, string>;

export interface OfficesTable {
  id: Generated<string>;
  code: string;
  name_th: string;
  name_en: string;
  /** 'primary' (สพป.) or 'secondary' (สพม.) */
  level: string;
  created_at: Generated<Date>;
  /** the demo office of `pnpm start`; never created in an office's own database unless asked */
  demo: Generated<boolean>;
}

export interface SchoolsTable {
  id: Generated<string>;
  office_id: string;
  code: string;
  name_th: string;
  name_en: string;
  created_at: Generated<Date>;
}

export interface PeopleTable {
  id: Generated<string>;
  citizen_id: string | null;
  title_th: string | null;
  first_name_th: string;
  last_name_th: string;
  first_name_en: string | null;
  last_name_en: string | null;
  email: string | null;
  office_id: string;
  school_id: string | null;
  position: string | null;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  person_id: string | null;
  username: string;
  password_hash: string | null;
  email: string | null;
  /** 'th' or 'en': the language of e-mails and the UI default */
  preferred_lang: Generated<string>;
  disabled_at: Date | null;
  created_at: Generated<Date>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  /** a demo sign-in (password known to everyone) */
  demo: Generated<boolean>;
  /** the password was set by someone else (operator, admin reset): it must be changed at the next sign-in */
  must_change_password: Generated<boolean>;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  /** 'cookie' (the UI) or 'token' (bearer, integrations) */
  kind: string;
  /** sha256 of the secret; the secret itself is never stored */
  secret_hash: string;
  name: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** tokens: 'read' (GET/HEAD only) or 'full'; null for cookie sessions */
  scope: string | null;
}

/** Sign-in back-off per (username as typed, source address): docs/access.md "Signing in". */
export interface SignInThrottleTable {
  username: string;
  source: string;
  /** failed attempts in a row from this source for this username */
  failures: Generated<number>;
  blocked_until: Timestamp | null;
  /** the last successful sign-in from this source: a known source is not slowed by the per-username limit */
  last_success_at: Timestamp | null;
  updated_at: Timestamp;
}

/** Fixed-window rate-limit counters shared by every API process. */
export interface RateLimitHitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface SignInAttemptsTable {
  id: Generated<string>;
  username: string;
  user_id: string | null;
  at: Timestamp;
  /** 'success' | 'bad_credentials' | 'locked' | 'disabled' */
  outcome: string;
  ip: string | null;
  user_agent: string | null;
}

export interface RoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  office_id: string;
  /** set: the role holds for this school only; null: for the whole office */
  school_id: string | null;
  valid_from: DefaultedTimestamp;
  valid_until: Date | null;
  created_at: Generated<Date>;
}

export interface WorkflowVersionsTable {
  workflow_id: string;
  version: number;
  content_hash: string;
  description: Json<Record<string, unknown>>;
  published_at: Generated<Date>;
}

export interface CasesTable {
  id: Generated<string>;
  workflow_id: string;
  workflow_version: number;
  office_id: string;
  school_id: string | null;
  subject_person_id: string | null;
  title: string;
  /** the active leaf steps, dot-joined paths, sorted, comma-separated */
  state: string;
  /** 'active' | 'done' */
  status: string;
  snapshot: Json<Record<string, unknown>>;
  revision: number;
  history_length: number;
  history_head: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the cycle (parent case) that opened this case; null for a case opened on its own */
  parent_case_id: ColumnType<string | null, string | null | undefined, never>;
  /** the child's key within its cycle (e.g. a personnel number); set exactly when parent_case_id is */
  cycle_key: ColumnType<string | null, string | null | undefined, never>;
}

export interface CaseHistoryTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  at: Timestamp;
  /** 'user' | 'committee' | 'system' */
  actor_kind: string;
  actor_id: string;
  actor_roles: Json<string[]>;
  event_type: string;
  payload: Json<object | null>;
  reason: string | null;
  from_state: string | null;
  to_state: string;
  prev_hash: string | null;
  hash: string;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  key: string;
  command: string;
  request_hash: string;
  case_id: string | null;
  response: Json<object> | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  /** null for notifications about no single case (the daily digest) */
  case_id: string | null;
  history_seq: number | null;
  /** the SLA timer that caused it, for reminders, due and overdue notices, escalations */
  timer_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** the meeting a meeting notice is about */
  meeting_id: ColumnType<string | null, string | null | undefined, string | null>;
  recipient_user_id: string;
  /** 'task' (you must act), later 'reminder', 'due', 'overdue', 'escalation', 'digest' */
  kind: string;
  step: string;
  payload: Json<Record<string, unknown>>;
  /** 'pending' | 'claimed' (a deliverer is sending it) | 'sent' | 'failed' */
  status: Generated<string>;
  /** delivery attempts started (counted when claimed) */
  attempts: Generated<number>;
  available_at: Timestamp;
  created_at: Timestamp;
  sent_at: Date | null;
  last_error: string | null;
  /** the deliverer's claim; every write after sending checks it. Set exactly while 'claimed'. */
  claim_token: string | null;
  claimed_at: Timestamp | null;
  /** the Message-ID the mail went out with (stable per notification) */
  message_id: string | null;
  /** the SMTP server's final reply, or 'captured' */
  smtp_response: string | null;
  /** the address the mail went to */
  sent_to: string | null;
  /** an ErrorCode from the catalogue: why the last attempt failed */
  last_error_code: string | null;
  failed_at: Timestamp | null;
}

/** Mail kept instead of sent while no SMTP server is configured: the local mailbox. */
export interface CapturedMailTable {
  id: Generated<string>;
  notification_id: ColumnType<string | null, string | number | null | undefined, never>;
  to: string;
  subject: string;
  text: string;
  html: string;
  message_id: string;
  /** from the deliverer's clock */
  created_at: ColumnType<Date, Date | string, never>;
}

/** The worker's daily audit of the histories (migration 0011). */
export interface HistoryAuditsTable {
  /** Bangkok calendar day, 'YYYY-MM-DD' */
  day: string;
  started_at: ColumnType<Date, Date | string, Date | string>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ok: boolean | null;
  cases: number | null;
  finding: ColumnType<unknown, string | null | undefined, string | null>;
  checkpoint: string | null;
  claimed_by: ColumnType<string, string | undefined, string>;
}

export interface CalendarDaysTable {
  id: Generated<string>;
  /** 'YYYY-MM-DD' (Bangkok date) */
  date: ColumnType<string, string, string>;
  /** null: nationwide (a cabinet special holiday) */
  office_id: string | null;
  /** 'special' | 'office_closure' */
  kind: string;
  name_th: string;
  name_en: string;
  /** e.g. 'มติ ครม. 13 พ.ค. 2568' */
  source: string;
  created_by: string;
  created_at: Timestamp;
  removed_by: string | null;
  removed_at: Timestamp | null;
}

export interface CalendarRevisionTable {
  id: number;
  revision: ColumnType<string, string | number, string | number>;
}

export interface SlaClocksTable {
  id: Generated<string>;
  case_id: string;
  office_id: string;
  step: string;
  /** the history seq of the event that entered the step */
  opened_seq: number;
  spec: Json<Record<string, unknown>>;
  policy: Json<Record<string, unknown>>;
  /** 'running' | 'paused' | 'met' | 'breached' | 'cancelled' */
  status: string;
  started_at: Timestamp;
  due_at: Timestamp | null;
  remind_at: Timestamp | null;
  /** what due_at was computed from, so a calendar change can recompute it */
  due_basis: Json<Record<string, unknown>>;
  paused_at: Timestamp | null;
  remaining_minutes: number | null;
  overdue_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_seq: number | null;
  revision: Generated<number>;
}

export interface SlaTimersTable {
  id: Generated<string>;
  clock_id: string;
  case_id: string;
  /** 'reminder' | 'due_today' | 'overdue' | 'escalation' */
  kind: string;
  /** which reminder, or which escalation level (1 = first) */
  level: number;
  fire_at: Timestamp;
  /** 'pending' | 'fired' | 'cancelled' */
  status: string;
  revision: Generated<number>;
  fired_at: Timestamp | null;
  fired_by: string | null;
  created_at: Timestamp;
}

export interface CommitteesTable {
  id: Generated<string>;
  office_id: string;
  /** 'screening' | 'area_approval' | 'evaluation' | 'scoring' | 'budget' | … (what steps name in `committee.kind`) */
  kind: string;
  name_th: string;
  name_en: string;
  /** { kind: 'majority' } (more than half of the seated members) or { kind: 'at_least', count } */
  quorum: Json<Record<string, unknown>>;
  notice_working_days: Generated<number>;
  created_by: string;
  created_at: Timestamp;
}

export interface CommitteeMembersTable {
  id: Generated<string>;
  committee_id: string;
  person_id: string;
  /** 'chair' | 'secretary' | 'member' */
  seat: string;
  term_from: ColumnType<string, string, string>;
  term_until: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<string>;
  committee_id: string;
  office_id: string;
  title: string;
  scheduled_at: Timestamp;
  place: string;
  /** 'scheduled' | 'open' | 'closed' | 'cancelled' */
  status: string;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  case_id: string;
  step: string;
  position: number;
  /** 'listed' | 'decided' | 'deferred' | 'applied' | 'removed' */
  status: string;
  /** 'approve' | 'reject' | 'defer' */
  resolution: string | null;
  resolution_note: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  applied_seq: number | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  member_id: string;
  present: boolean;
  recorded_at: Timestamp;
}

export interface AgendaRecusalsTable {
  item_id: string;
  member_id: string;
  reason: string;
  recorded_at: Timestamp;
}

export interface AgendaVotesTable {
  item_id: string;
  member_id: string;
  /** 'approve' | 'reject' | 'defer' | 'abstain' */
  vote: string;
  cast_at: Timestamp;
}

/** One opening of a cycle's children, with its progress; resumed after a crash. */
export interface CycleRunsTable {
  id: Generated<string>;
  parent_case_id: string;
  workflow_id: string;
  workflow_version: number;
  /** the actor id who asked for the opening (of the latest attempt) */
  requested_by: string;
  /** valid population rows of the latest attempt */
  total: number;
  /** population rows refused (invalid input, unknown school or person, duplicate key) in the latest attempt */
  rejected: number;
  /** children created by this opening, over all its attempts */
  created: Generated<number>;
  attempts: Generated<number>;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  /** the parent's history row (`@cycle.opened`) written when the opening finished */
  parent_history_seq: number | null;
}

export interface DB {
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_throttle: SignInThrottleTable;
  rate_limit_hits: RateLimitHitsTable;
  committees: CommitteesTable;
  committee_members: CommitteeMembersTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  meeting_attendance: MeetingAttendanceTable;
  agenda_recusals: AgendaRecusalsTable;
  agenda_votes: AgendaVotesTable;
  calendar_days: CalendarDaysTable;
  calendar_revision: CalendarRevisionTable;
  sla_clocks: SlaClocksTable;
  sla_timers: SlaTimersTable;
  offices: OfficesTable;
  schools: SchoolsTable;
  people: PeopleTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  workflow_versions: WorkflowVersionsTable;
  cases: CasesTable;
  cycle_runs: CycleRunsTable;
  case_history: CaseHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  captured_mail: CapturedMailTable;
  history_audits: HistoryAuditsTable;
}
