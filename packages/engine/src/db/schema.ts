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
  case_id: string;
  history_seq: number;
  recipient_user_id: string;
  /** 'task' (you must act), later 'reminder', 'due', 'overdue', 'escalation', 'digest' */
  kind: string;
  step: string;
  payload: Json<Record<string, unknown>>;
  /** 'pending' | 'sent' | 'failed' */
  status: Generated<string>;
  attempts: Generated<number>;
  available_at: Timestamp;
  created_at: Timestamp;
  sent_at: Date | null;
  last_error: string | null;
}

export interface DB {
  offices: OfficesTable;
  schools: SchoolsTable;
  people: PeopleTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  workflow_versions: WorkflowVersionsTable;
  cases: CasesTable;
  case_history: CaseHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
}
