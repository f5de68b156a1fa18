-- esa-flow schema, as PostgreSQL 15 prints it (pnpm run schema:types writes this file; do not edit)

-- sequences

create sequence calendar_days_id_seq as bigint;

create sequence calendar_revision_seq as bigint;

create sequence captured_mail_id_seq as bigint;

create sequence case_history_id_seq as bigint;

create sequence notifications_id_seq as bigint;

create sequence personnel_entries_id_seq as bigint;

create sequence sign_in_attempts_id_seq as bigint;

create sequence sla_timers_id_seq as bigint;

-- tables

create table agenda_items (
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  case_id uuid not null,
  step text not null,
  "position" integer not null,
  status text not null,
  resolution text,
  resolution_note text,
  decided_by text,
  decided_at timestamp with time zone,
  applied_seq integer,
  list_resolution_id uuid,
  list_exception boolean not null default false
);
alter table agenda_items set ();

create table agenda_recusals (
  item_id uuid not null,
  member_id uuid not null,
  reason text not null,
  recorded_at timestamp with time zone not null
);
alter table agenda_recusals set ();

create table agenda_votes (
  item_id uuid not null,
  member_id uuid not null,
  vote text not null,
  cast_at timestamp with time zone not null
);
alter table agenda_votes set ();

create table calendar_days (
  id bigint not null default nextval('calendar_days_id_seq'::regclass),
  date date not null,
  office_id uuid,
  kind text not null,
  name_th text not null,
  name_en text not null,
  source text not null,
  created_by text not null,
  created_at timestamp with time zone not null,
  removed_by text,
  removed_at timestamp with time zone
);
alter table calendar_days set ();

create table calendar_revision (
  id integer not null,
  revision bigint not null
);
alter table calendar_revision set ();

create table captured_mail (
  id bigint not null default nextval('captured_mail_id_seq'::regclass),
  notification_id bigint,
  "to" text not null,
  subject text not null,
  text text not null,
  html text not null,
  message_id text not null,
  created_at timestamp with time zone not null
);
alter table captured_mail set ();

create table case_files (
  case_id uuid not null,
  file_id uuid not null,
  attached_by text not null,
  attached_at timestamp with time zone not null,
  attached_seq integer not null,
  removed_by text,
  removed_at timestamp with time zone,
  removed_seq integer
);
alter table case_files set ();

create table case_history (
  id bigint not null default nextval('case_history_id_seq'::regclass),
  case_id uuid not null,
  seq integer not null,
  at timestamp with time zone not null,
  actor_kind text not null,
  actor_id text not null,
  actor_roles jsonb not null,
  event_type text not null,
  payload jsonb not null,
  reason text,
  from_state text,
  to_state text not null,
  prev_hash text,
  hash text not null,
  late jsonb,
  acting jsonb
);
alter table case_history set ();

create table case_waiting (
  case_id uuid not null,
  step text not null,
  holder_key text not null,
  subject_person_id uuid,
  due_at timestamp with time zone
);
alter table case_waiting set (autovacuum_vacuum_scale_factor=0.02, autovacuum_vacuum_insert_scale_factor=0.02);

create table cases (
  id uuid not null default gen_random_uuid(),
  workflow_id text not null,
  workflow_version integer not null,
  office_id uuid not null,
  school_id uuid,
  subject_person_id uuid,
  title text not null,
  state text not null,
  status text not null,
  snapshot jsonb not null,
  revision integer not null,
  history_length integer not null,
  history_head text not null,
  created_by text not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  parent_case_id uuid,
  cycle_key text,
  waiting_for jsonb,
  waiting_keys text[]
);
alter table cases set (autovacuum_vacuum_scale_factor=0.02, autovacuum_vacuum_insert_scale_factor=0.02);

create table committee_members (
  id uuid not null default gen_random_uuid(),
  committee_id uuid not null,
  person_id uuid not null,
  seat text not null,
  term_from date not null,
  term_until date,
  created_at timestamp with time zone not null
);
alter table committee_members set ();

create table committees (
  id uuid not null default gen_random_uuid(),
  office_id uuid not null,
  kind text not null,
  name_th text not null,
  name_en text not null,
  quorum jsonb not null,
  notice_working_days integer not null default 3,
  created_by text not null,
  created_at timestamp with time zone not null
);
alter table committees set ();

create table cycle_external_refs (
  parent_case_id uuid,
  source text not null,
  ref text not null,
  child_case_id uuid not null,
  recorded_by uuid not null,
  recorded_at timestamp with time zone not null,
  office_id uuid not null
);
alter table cycle_external_refs set ();

create table cycle_runs (
  id uuid not null default gen_random_uuid(),
  parent_case_id uuid not null,
  workflow_id text not null,
  workflow_version integer not null,
  requested_by text not null,
  total integer not null,
  rejected integer not null,
  created integer not null default 0,
  attempts integer not null default 1,
  started_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  finished_at timestamp with time zone,
  parent_history_seq integer
);
alter table cycle_runs set ();

create table document_numbers (
  id uuid not null default gen_random_uuid(),
  office_id uuid not null,
  register text not null,
  be_year integer not null,
  number integer not null,
  subject_key text not null,
  title text not null,
  case_id uuid,
  issued_by text not null,
  issued_at timestamp with time zone not null,
  cancelled_by text,
  cancelled_at timestamp with time zone,
  cancel_reason text
);
alter table document_numbers set ();

create table document_registers (
  office_id uuid not null,
  register text not null,
  be_year integer not null,
  last_number integer not null
);
alter table document_registers set ();

create table file_chunks (
  staging_id uuid not null,
  idx integer not null,
  content_sha256 text,
  data bytea not null
);
alter table file_chunks set ();

create table file_contents (
  sha256 text not null,
  size bigint not null,
  chunk_count integer not null,
  created_at timestamp with time zone not null
);
alter table file_contents set ();

create table files (
  id uuid not null default gen_random_uuid(),
  office_id uuid not null,
  uploaded_by uuid not null,
  uploaded_at timestamp with time zone not null,
  kind text not null,
  name text not null,
  media_type text not null,
  sha256 text not null,
  size bigint not null
);
alter table files set ();

create table history_audits (
  day date not null,
  started_at timestamp with time zone not null,
  finished_at timestamp with time zone,
  ok boolean,
  cases integer,
  finding jsonb,
  checkpoint text,
  claimed_by text not null default ''::text
);
alter table history_audits set ();

create table idempotency_keys (
  actor_id text not null,
  key text not null,
  command text not null,
  request_hash text not null,
  case_id uuid,
  response jsonb,
  created_at timestamp with time zone not null default now()
);
alter table idempotency_keys set ();

create table list_resolutions (
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  resolution text not null,
  note text,
  items integer not null,
  exceptions integer not null,
  decided_by text not null,
  decided_at timestamp with time zone not null
);
alter table list_resolutions set ();

create table meeting_attendance (
  meeting_id uuid not null,
  member_id uuid not null,
  present boolean not null,
  recorded_at timestamp with time zone not null
);
alter table meeting_attendance set ();

create table meeting_files (
  meeting_id uuid not null,
  file_id uuid not null,
  attached_by uuid not null,
  attached_at timestamp with time zone not null,
  removed_by uuid,
  removed_at timestamp with time zone,
  removed_reason text
);
alter table meeting_files set ();

create table meetings (
  id uuid not null default gen_random_uuid(),
  committee_id uuid not null,
  office_id uuid not null,
  title text not null,
  scheduled_at timestamp with time zone not null,
  place text not null,
  status text not null,
  opened_at timestamp with time zone,
  closed_at timestamp with time zone,
  created_by text not null,
  created_at timestamp with time zone not null
);
alter table meetings set ();

create table notifications (
  id bigint not null default nextval('notifications_id_seq'::regclass),
  case_id uuid,
  history_seq integer,
  recipient_user_id uuid not null,
  kind text not null,
  step text not null,
  payload jsonb not null,
  status text not null default 'pending'::text,
  attempts integer not null default 0,
  available_at timestamp with time zone not null,
  created_at timestamp with time zone not null,
  sent_at timestamp with time zone,
  last_error text,
  timer_id bigint,
  claim_token uuid,
  claimed_at timestamp with time zone,
  message_id text,
  smtp_response text,
  sent_to text,
  last_error_code text,
  failed_at timestamp with time zone,
  meeting_id uuid
);
alter table notifications set ();

create table office_deadline_policies (
  office_id uuid not null,
  version integer not null,
  day_count text not null,
  effective_from timestamp with time zone not null,
  reason text not null,
  changed_by uuid not null,
  changed_at timestamp with time zone not null
);
alter table office_deadline_policies set ();

create table office_document_settings (
  office_id uuid not null,
  version integer not null,
  emblem_file_id uuid,
  thai_digits boolean not null,
  changed_by uuid not null,
  changed_at timestamp with time zone not null,
  address_th text,
  unit_th text,
  phone text,
  email text
);
alter table office_document_settings set ();

create table office_salary_round_settings (
  office_id uuid not null,
  version integer not null,
  auto_open boolean not null,
  changed_by uuid not null,
  changed_at timestamp with time zone not null
);
alter table office_salary_round_settings set ();

create table offices (
  id uuid not null default gen_random_uuid(),
  code text not null,
  name_th text not null,
  name_en text not null,
  level text not null,
  created_at timestamp with time zone not null default now(),
  demo boolean not null default false
);
alter table offices set ();

create table people (
  id uuid not null default gen_random_uuid(),
  citizen_id text,
  title_th text,
  first_name_th text not null,
  last_name_th text not null,
  first_name_en text,
  last_name_en text,
  email text,
  office_id uuid not null,
  school_id uuid,
  "position" text,
  created_at timestamp with time zone not null default now()
);
alter table people set ();

create table personnel_entries (
  id bigint not null generated always as identity,
  office_id uuid not null,
  person_id uuid not null,
  field text not null,
  effective_on date not null,
  value jsonb not null,
  source text not null,
  source_ref text,
  recorded_by uuid,
  recorded_at timestamp with time zone not null
);
alter table personnel_entries set ();

create table rate_limit_hits (
  bucket text not null,
  window_start timestamp with time zone not null,
  hits integer not null
);
alter table rate_limit_hits set ();

create table role_assignments (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  role text not null,
  office_id uuid not null,
  school_id uuid,
  valid_from timestamp with time zone not null default now(),
  valid_until timestamp with time zone,
  created_at timestamp with time zone not null default now(),
  acting_for boolean not null default false
);
alter table role_assignments set ();

create table salary_round_openings (
  office_id uuid not null,
  fiscal_year_be integer not null,
  round integer not null,
  case_id uuid not null,
  as_of date not null,
  status text not null,
  opened_by text not null,
  done integer not null default 0,
  total integer not null default 0,
  considered integer,
  not_considered integer,
  rejected integer,
  error text,
  started_at timestamp with time zone not null,
  heartbeat_at timestamp with time zone not null,
  finished_at timestamp with time zone
);
alter table salary_round_openings set ();

create table schools (
  id uuid not null default gen_random_uuid(),
  office_id uuid not null,
  code text not null,
  name_th text not null,
  name_en text not null,
  created_at timestamp with time zone not null default now()
);
alter table schools set ();

create table sessions (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null,
  secret_hash text not null,
  name text,
  created_at timestamp with time zone not null,
  expires_at timestamp with time zone not null,
  last_seen_at timestamp with time zone,
  revoked_at timestamp with time zone,
  scope text
);
alter table sessions set ();

create table sign_in_attempts (
  id bigint not null default nextval('sign_in_attempts_id_seq'::regclass),
  username text not null,
  user_id uuid,
  at timestamp with time zone not null,
  outcome text not null,
  ip text,
  user_agent text
);
alter table sign_in_attempts set ();

create table sign_in_throttle (
  username text not null,
  source text not null,
  failures integer not null default 0,
  blocked_until timestamp with time zone,
  last_success_at timestamp with time zone,
  updated_at timestamp with time zone not null
);
alter table sign_in_throttle set ();

create table sla_clocks (
  id uuid not null default gen_random_uuid(),
  case_id uuid not null,
  office_id uuid not null,
  step text not null,
  opened_seq integer not null,
  spec jsonb not null,
  policy jsonb not null,
  status text not null,
  started_at timestamp with time zone not null,
  due_at timestamp with time zone,
  remind_at timestamp with time zone,
  due_basis jsonb not null,
  paused_at timestamp with time zone,
  remaining_minutes double precision,
  overdue_at timestamp with time zone,
  closed_at timestamp with time zone,
  closed_seq integer,
  revision integer not null default 1,
  extensions jsonb not null default '[]'::jsonb
);
alter table sla_clocks set (autovacuum_vacuum_scale_factor=0.02, autovacuum_vacuum_insert_scale_factor=0.02);

create table sla_timers (
  id bigint not null default nextval('sla_timers_id_seq'::regclass),
  clock_id uuid,
  case_id uuid not null,
  kind text not null,
  level integer not null,
  fire_at timestamp with time zone not null,
  status text not null,
  revision integer not null default 1,
  fired_at timestamp with time zone,
  fired_by text,
  created_at timestamp with time zone not null,
  step text,
  event text
);
alter table sla_timers set ();

create table stored_forms (
  name text not null,
  fingerprint text not null,
  recorded_at timestamp with time zone not null
);
alter table stored_forms set ();

create table transfer_exchanges (
  id uuid not null default gen_random_uuid(),
  request_case_id uuid not null,
  sending_office_id uuid not null,
  sending_round_case_id uuid not null,
  receiving_office_id uuid not null,
  receiving_round_case_id uuid not null,
  candidate jsonb not null,
  state text not null,
  placement jsonb,
  explanation jsonb,
  decision text,
  resolution_ref text,
  decided_on date,
  decided_by uuid,
  forwarded_at timestamp with time zone not null,
  ranked_at timestamp with time zone,
  decided_at timestamp with time zone,
  returned_at timestamp with time zone
);
alter table transfer_exchanges set ();

create table users (
  id uuid not null default gen_random_uuid(),
  person_id uuid,
  username text not null,
  password_hash text,
  email text,
  preferred_lang text not null default 'th'::text,
  disabled_at timestamp with time zone,
  created_at timestamp with time zone not null default now(),
  failed_sign_ins integer not null default 0,
  locked_until timestamp with time zone,
  demo boolean not null default false,
  must_change_password boolean not null default false
);
alter table users set ();

create table workflow_versions (
  workflow_id text not null,
  version integer not null,
  content_hash text not null,
  description jsonb not null,
  published_at timestamp with time zone not null default now()
);
alter table workflow_versions set ();

-- constraints

alter table agenda_items add constraint agenda_items_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table agenda_items add constraint agenda_items_list_resolution_id_fkey FOREIGN KEY (list_resolution_id) REFERENCES list_resolutions(id);

alter table agenda_items add constraint agenda_items_meeting_case_key UNIQUE (meeting_id, case_id);

alter table agenda_items add constraint agenda_items_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings(id);

alter table agenda_items add constraint agenda_items_pkey PRIMARY KEY (id);

alter table agenda_items add constraint agenda_items_resolution_check CHECK ((resolution = ANY (ARRAY['approve'::text, 'reject'::text, 'defer'::text])));

alter table agenda_items add constraint agenda_items_status_check CHECK ((status = ANY (ARRAY['listed'::text, 'decided'::text, 'deferred'::text, 'applied'::text, 'removed'::text])));

alter table agenda_recusals add constraint agenda_recusals_item_id_fkey FOREIGN KEY (item_id) REFERENCES agenda_items(id);

alter table agenda_recusals add constraint agenda_recusals_member_id_fkey FOREIGN KEY (member_id) REFERENCES committee_members(id);

alter table agenda_recusals add constraint agenda_recusals_pkey PRIMARY KEY (item_id, member_id);

alter table agenda_votes add constraint agenda_votes_item_id_fkey FOREIGN KEY (item_id) REFERENCES agenda_items(id);

alter table agenda_votes add constraint agenda_votes_member_id_fkey FOREIGN KEY (member_id) REFERENCES committee_members(id);

alter table agenda_votes add constraint agenda_votes_pkey PRIMARY KEY (item_id, member_id);

alter table agenda_votes add constraint agenda_votes_vote_check CHECK ((vote = ANY (ARRAY['approve'::text, 'reject'::text, 'defer'::text, 'abstain'::text])));

alter table calendar_days add constraint calendar_days_kind_check CHECK ((kind = ANY (ARRAY['special'::text, 'office_closure'::text])));

alter table calendar_days add constraint calendar_days_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table calendar_days add constraint calendar_days_pkey PRIMARY KEY (id);

alter table calendar_days add constraint calendar_days_scope CHECK (((kind = 'special'::text) = (office_id IS NULL)));

alter table calendar_revision add constraint calendar_revision_id_check CHECK ((id = 1));

alter table calendar_revision add constraint calendar_revision_pkey PRIMARY KEY (id);

alter table captured_mail add constraint captured_mail_message_id_key UNIQUE (message_id);

alter table captured_mail add constraint captured_mail_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notifications(id);

alter table captured_mail add constraint captured_mail_pkey PRIMARY KEY (id);

alter table case_files add constraint case_files_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table case_files add constraint case_files_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id);

alter table case_files add constraint case_files_pk PRIMARY KEY (case_id, file_id);

alter table case_history add constraint case_history_actor_kind_check CHECK ((actor_kind = ANY (ARRAY['user'::text, 'committee'::text, 'system'::text])));

alter table case_history add constraint case_history_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table case_history add constraint case_history_case_seq_key UNIQUE (case_id, seq);

alter table case_history add constraint case_history_pkey PRIMARY KEY (id);

alter table case_history add constraint case_history_seq_check CHECK ((seq > 0));

alter table case_waiting add constraint case_waiting_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;

alter table case_waiting add constraint case_waiting_pkey PRIMARY KEY (case_id, step, holder_key);

alter table cases add constraint cases_cycle_child_whole CHECK (((parent_case_id IS NULL) = (cycle_key IS NULL)));

alter table cases add constraint cases_cycle_key_check CHECK (((length(cycle_key) >= 1) AND (length(cycle_key) <= 200)));

alter table cases add constraint cases_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table cases add constraint cases_parent_case_id_fkey FOREIGN KEY (parent_case_id) REFERENCES cases(id);

alter table cases add constraint cases_pkey PRIMARY KEY (id);

alter table cases add constraint cases_school_in_office FOREIGN KEY (school_id, office_id) REFERENCES schools(id, office_id);

alter table cases add constraint cases_status_check CHECK ((status = ANY (ARRAY['active'::text, 'done'::text])));

alter table cases add constraint cases_subject_person_id_fkey FOREIGN KEY (subject_person_id) REFERENCES people(id);

alter table cases add constraint cases_workflow_version_fkey FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_versions(workflow_id, version);

alter table committee_members add constraint committee_members_committee_id_fkey FOREIGN KEY (committee_id) REFERENCES committees(id);

alter table committee_members add constraint committee_members_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id);

alter table committee_members add constraint committee_members_pkey PRIMARY KEY (id);

alter table committee_members add constraint committee_members_seat_check CHECK ((seat = ANY (ARRAY['chair'::text, 'secretary'::text, 'member'::text])));

alter table committees add constraint committees_notice_working_days_check CHECK (((notice_working_days >= 0) AND (notice_working_days <= 30)));

alter table committees add constraint committees_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table committees add constraint committees_pkey PRIMARY KEY (id);

alter table cycle_external_refs add constraint cycle_external_refs_child_case_id_fkey FOREIGN KEY (child_case_id) REFERENCES cases(id);

alter table cycle_external_refs add constraint cycle_external_refs_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table cycle_external_refs add constraint cycle_external_refs_parent_case_id_fkey FOREIGN KEY (parent_case_id) REFERENCES cases(id);

alter table cycle_external_refs add constraint cycle_external_refs_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id);

alter table cycle_external_refs add constraint cycle_external_refs_source_check CHECK ((source ~ '^[A-Z][A-Z0-9_]{0,19}$'::text));

alter table cycle_runs add constraint cycle_runs_attempts_check CHECK ((attempts >= 1));

alter table cycle_runs add constraint cycle_runs_created_check CHECK ((created >= 0));

alter table cycle_runs add constraint cycle_runs_parent_case_id_fkey FOREIGN KEY (parent_case_id) REFERENCES cases(id);

alter table cycle_runs add constraint cycle_runs_pkey PRIMARY KEY (id);

alter table cycle_runs add constraint cycle_runs_rejected_check CHECK ((rejected >= 0));

alter table cycle_runs add constraint cycle_runs_total_check CHECK ((total >= 0));

alter table document_numbers add constraint document_numbers_cancel_ck CHECK ((((cancelled_at IS NULL) = (cancelled_by IS NULL)) AND ((cancelled_at IS NULL) = (cancel_reason IS NULL))));

alter table document_numbers add constraint document_numbers_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table document_numbers add constraint document_numbers_number_check CHECK ((number >= 1));

alter table document_numbers add constraint document_numbers_number_uq UNIQUE (office_id, register, be_year, number);

alter table document_numbers add constraint document_numbers_pkey PRIMARY KEY (id);

alter table document_numbers add constraint document_numbers_register_fk FOREIGN KEY (office_id, register, be_year) REFERENCES document_registers(office_id, register, be_year);

alter table document_registers add constraint document_registers_be_year_check CHECK (((be_year >= 2400) AND (be_year <= 2700)));

alter table document_registers add constraint document_registers_last_number_check CHECK ((last_number >= 0));

alter table document_registers add constraint document_registers_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table document_registers add constraint document_registers_pk PRIMARY KEY (office_id, register, be_year);

alter table document_registers add constraint document_registers_register_check CHECK ((register = ANY (ARRAY['order'::text, 'outgoing'::text, 'announcement'::text])));

alter table file_chunks add constraint file_chunks_content_sha256_fkey FOREIGN KEY (content_sha256) REFERENCES file_contents(sha256);

alter table file_chunks add constraint file_chunks_pk PRIMARY KEY (staging_id, idx);

alter table file_contents add constraint file_contents_pkey PRIMARY KEY (sha256);

alter table file_contents add constraint file_contents_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text));

alter table file_contents add constraint file_contents_size_check CHECK ((size >= 0));

alter table files add constraint files_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table files add constraint files_pkey PRIMARY KEY (id);

alter table files add constraint files_sha256_fkey FOREIGN KEY (sha256) REFERENCES file_contents(sha256);

alter table files add constraint files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id);

alter table history_audits add constraint history_audits_pkey PRIMARY KEY (day);

alter table idempotency_keys add constraint idempotency_keys_key_check CHECK (((length(key) >= 1) AND (length(key) <= 200)));

alter table idempotency_keys add constraint idempotency_keys_pkey PRIMARY KEY (actor_id, key);

alter table list_resolutions add constraint list_resolutions_exceptions_check CHECK ((exceptions >= 0));

alter table list_resolutions add constraint list_resolutions_items_check CHECK ((items >= 0));

alter table list_resolutions add constraint list_resolutions_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings(id);

alter table list_resolutions add constraint list_resolutions_pkey PRIMARY KEY (id);

alter table list_resolutions add constraint list_resolutions_resolution_check CHECK ((resolution = ANY (ARRAY['approve'::text, 'reject'::text, 'defer'::text])));

alter table meeting_attendance add constraint meeting_attendance_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings(id);

alter table meeting_attendance add constraint meeting_attendance_member_id_fkey FOREIGN KEY (member_id) REFERENCES committee_members(id);

alter table meeting_attendance add constraint meeting_attendance_pkey PRIMARY KEY (meeting_id, member_id);

alter table meeting_files add constraint meeting_files_attached_by_fkey FOREIGN KEY (attached_by) REFERENCES users(id);

alter table meeting_files add constraint meeting_files_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id);

alter table meeting_files add constraint meeting_files_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings(id);

alter table meeting_files add constraint meeting_files_pk PRIMARY KEY (meeting_id, file_id);

alter table meeting_files add constraint meeting_files_removed_by_fkey FOREIGN KEY (removed_by) REFERENCES users(id);

alter table meeting_files add constraint meeting_files_removed_whole CHECK (((removed_at IS NULL) = (removed_by IS NULL)));

alter table meetings add constraint meetings_committee_id_fkey FOREIGN KEY (committee_id) REFERENCES committees(id);

alter table meetings add constraint meetings_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table meetings add constraint meetings_pkey PRIMARY KEY (id);

alter table meetings add constraint meetings_status_check CHECK ((status = ANY (ARRAY['scheduled'::text, 'open'::text, 'closed'::text, 'cancelled'::text])));

alter table notifications add constraint notifications_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table notifications add constraint notifications_claim_whole CHECK ((((status = 'claimed'::text) = ((claim_token IS NOT NULL) AND (claimed_at IS NOT NULL))) AND ((claim_token IS NULL) = (claimed_at IS NULL))));

alter table notifications add constraint notifications_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meetings(id);

alter table notifications add constraint notifications_once_key UNIQUE (case_id, history_seq, recipient_user_id, kind, step);

alter table notifications add constraint notifications_pkey PRIMARY KEY (id);

alter table notifications add constraint notifications_recipient_user_id_fkey FOREIGN KEY (recipient_user_id) REFERENCES users(id);

alter table notifications add constraint notifications_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'claimed'::text, 'sent'::text, 'failed'::text])));

alter table notifications add constraint notifications_timer_id_fkey FOREIGN KEY (timer_id) REFERENCES sla_timers(id);

alter table office_deadline_policies add constraint office_deadline_policies_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users(id);

alter table office_deadline_policies add constraint office_deadline_policies_day_count_check CHECK ((day_count = ANY (ARRAY['calendar_days'::text, 'working_days'::text])));

alter table office_deadline_policies add constraint office_deadline_policies_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table office_deadline_policies add constraint office_deadline_policies_pk PRIMARY KEY (office_id, version);

alter table office_deadline_policies add constraint office_deadline_policies_reason_check CHECK ((length(TRIM(BOTH FROM reason)) > 0));

alter table office_deadline_policies add constraint office_deadline_policies_version_check CHECK ((version >= 1));

alter table office_document_settings add constraint office_document_settings_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users(id);

alter table office_document_settings add constraint office_document_settings_emblem_file_id_fkey FOREIGN KEY (emblem_file_id) REFERENCES files(id);

alter table office_document_settings add constraint office_document_settings_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table office_document_settings add constraint office_document_settings_pk PRIMARY KEY (office_id, version);

alter table office_document_settings add constraint office_document_settings_version_check CHECK ((version >= 1));

alter table office_salary_round_settings add constraint office_salary_round_settings_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users(id);

alter table office_salary_round_settings add constraint office_salary_round_settings_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table office_salary_round_settings add constraint office_salary_round_settings_pk PRIMARY KEY (office_id, version);

alter table office_salary_round_settings add constraint office_salary_round_settings_version_check CHECK ((version >= 1));

alter table offices add constraint offices_code_key UNIQUE (code);

alter table offices add constraint offices_level_check CHECK ((level = ANY (ARRAY['primary'::text, 'secondary'::text])));

alter table offices add constraint offices_pkey PRIMARY KEY (id);

alter table people add constraint people_citizen_id_check CHECK ((citizen_id ~ '^[0-9]{13}$'::text));

alter table people add constraint people_citizen_id_key UNIQUE (citizen_id);

alter table people add constraint people_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table people add constraint people_pkey PRIMARY KEY (id);

alter table people add constraint people_school_in_office FOREIGN KEY (school_id, office_id) REFERENCES schools(id, office_id);

alter table personnel_entries add constraint personnel_entries_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table personnel_entries add constraint personnel_entries_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id);

alter table personnel_entries add constraint personnel_entries_pkey PRIMARY KEY (id);

alter table personnel_entries add constraint personnel_entries_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id);

alter table personnel_entries add constraint personnel_entries_source_check CHECK ((source = ANY (ARRAY['import'::text, 'edit'::text])));

alter table rate_limit_hits add constraint rate_limit_hits_pk PRIMARY KEY (bucket, window_start);

alter table role_assignments add constraint role_assignments_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table role_assignments add constraint role_assignments_pkey PRIMARY KEY (id);

alter table role_assignments add constraint role_assignments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;

alter table role_assignments add constraint role_school_in_office FOREIGN KEY (school_id, office_id) REFERENCES schools(id, office_id);

alter table salary_round_openings add constraint salary_round_openings_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table salary_round_openings add constraint salary_round_openings_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table salary_round_openings add constraint salary_round_openings_pk PRIMARY KEY (office_id, fiscal_year_be, round);

alter table salary_round_openings add constraint salary_round_openings_round_check CHECK ((round = ANY (ARRAY[1, 2])));

alter table salary_round_openings add constraint salary_round_openings_status_check CHECK ((status = ANY (ARRAY['running'::text, 'done'::text, 'failed'::text])));

alter table schools add constraint schools_code_key UNIQUE (code);

alter table schools add constraint schools_id_office_key UNIQUE (id, office_id);

alter table schools add constraint schools_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table schools add constraint schools_pkey PRIMARY KEY (id);

alter table sessions add constraint sessions_kind_check CHECK ((kind = ANY (ARRAY['cookie'::text, 'token'::text])));

alter table sessions add constraint sessions_pkey PRIMARY KEY (id);

alter table sessions add constraint sessions_scope_check CHECK ((scope = ANY (ARRAY['read'::text, 'full'::text])));

alter table sessions add constraint sessions_secret_hash_key UNIQUE (secret_hash);

alter table sessions add constraint sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;

alter table sign_in_attempts add constraint sign_in_attempts_outcome_check CHECK ((outcome = ANY (ARRAY['success'::text, 'bad_credentials'::text, 'locked'::text, 'disabled'::text])));

alter table sign_in_attempts add constraint sign_in_attempts_pkey PRIMARY KEY (id);

alter table sign_in_attempts add constraint sign_in_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL;

alter table sign_in_throttle add constraint sign_in_throttle_pk PRIMARY KEY (username, source);

alter table sla_clocks add constraint sla_clocks_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table sla_clocks add constraint sla_clocks_case_office_fk FOREIGN KEY (office_id, case_id) REFERENCES cases(office_id, id);

alter table sla_clocks add constraint sla_clocks_office_id_fkey FOREIGN KEY (office_id) REFERENCES offices(id);

alter table sla_clocks add constraint sla_clocks_pkey PRIMARY KEY (id);

alter table sla_clocks add constraint sla_clocks_status_check CHECK ((status = ANY (ARRAY['running'::text, 'paused'::text, 'met'::text, 'breached'::text, 'cancelled'::text])));

alter table sla_timers add constraint sla_timers_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id);

alter table sla_timers add constraint sla_timers_clock_id_fkey FOREIGN KEY (clock_id) REFERENCES sla_clocks(id);

alter table sla_timers add constraint sla_timers_kind_check CHECK ((kind = ANY (ARRAY['reminder'::text, 'due_today'::text, 'overdue'::text, 'escalation'::text, 'system_event'::text])));

alter table sla_timers add constraint sla_timers_pkey PRIMARY KEY (id);

alter table sla_timers add constraint sla_timers_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'fired'::text, 'cancelled'::text])));

alter table sla_timers add constraint sla_timers_system_event_shape CHECK (
CASE
    WHEN (kind = 'system_event'::text) THEN ((clock_id IS NULL) AND (step IS NOT NULL) AND (event IS NOT NULL))
    ELSE ((clock_id IS NOT NULL) AND (step IS NULL) AND (event IS NULL))
END);

alter table stored_forms add constraint stored_forms_pkey PRIMARY KEY (name);

alter table transfer_exchanges add constraint transfer_exchanges_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users(id);

alter table transfer_exchanges add constraint transfer_exchanges_decision_check CHECK ((decision = ANY (ARRAY['approved'::text, 'rejected'::text])));

alter table transfer_exchanges add constraint transfer_exchanges_pkey PRIMARY KEY (id);

alter table transfer_exchanges add constraint transfer_exchanges_receiving_office_id_fkey FOREIGN KEY (receiving_office_id) REFERENCES offices(id);

alter table transfer_exchanges add constraint transfer_exchanges_receiving_round_case_id_fkey FOREIGN KEY (receiving_round_case_id) REFERENCES cases(id);

alter table transfer_exchanges add constraint transfer_exchanges_request_case_id_fkey FOREIGN KEY (request_case_id) REFERENCES cases(id);

alter table transfer_exchanges add constraint transfer_exchanges_request_case_id_key UNIQUE (request_case_id);

alter table transfer_exchanges add constraint transfer_exchanges_sending_office_id_fkey FOREIGN KEY (sending_office_id) REFERENCES offices(id);

alter table transfer_exchanges add constraint transfer_exchanges_sending_round_case_id_fkey FOREIGN KEY (sending_round_case_id) REFERENCES cases(id);

alter table transfer_exchanges add constraint transfer_exchanges_state_check CHECK ((state = ANY (ARRAY['forwarded'::text, 'ranked'::text, 'decided'::text, 'returned'::text])));

alter table transfer_exchanges add constraint transfer_exchanges_two_offices CHECK ((sending_office_id <> receiving_office_id));

alter table users add constraint users_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id);

alter table users add constraint users_person_id_key UNIQUE (person_id);

alter table users add constraint users_pkey PRIMARY KEY (id);

alter table users add constraint users_preferred_lang_check CHECK ((preferred_lang = ANY (ARRAY['th'::text, 'en'::text])));

alter table users add constraint users_username_key UNIQUE (username);

alter table workflow_versions add constraint workflow_versions_pkey PRIMARY KEY (workflow_id, version);

alter table workflow_versions add constraint workflow_versions_version_check CHECK ((version > 0));

-- indexes

CREATE INDEX agenda_items_list_resolution_idx ON public.agenda_items USING btree (list_resolution_id);

CREATE UNIQUE INDEX agenda_items_live_case_key ON public.agenda_items USING btree (case_id) WHERE (status = ANY (ARRAY['listed'::text, 'decided'::text]));

CREATE UNIQUE INDEX calendar_days_live_key ON public.calendar_days USING btree (date, COALESCE(office_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE (removed_at IS NULL);

CREATE INDEX captured_mail_notification_idx ON public.captured_mail USING btree (notification_id);

CREATE INDEX captured_mail_to_idx ON public.captured_mail USING btree ("to", created_at);

CREATE INDEX case_files_file_idx ON public.case_files USING btree (file_id);

CREATE INDEX case_waiting_page_idx ON public.case_waiting USING btree (holder_key, due_at, case_id, step) INCLUDE (subject_person_id);

CREATE UNIQUE INDEX cases_cycle_child_key ON public.cases USING btree (parent_case_id, cycle_key) WHERE (parent_case_id IS NOT NULL);

CREATE INDEX cases_cycle_children_state_idx ON public.cases USING btree (parent_case_id, workflow_id, state, status) WHERE (parent_case_id IS NOT NULL);

CREATE INDEX cases_live_version_idx ON public.cases USING btree (workflow_id, workflow_version) WHERE (status = 'active'::text);

CREATE UNIQUE INDEX cases_office_cover_key ON public.cases USING btree (office_id, id) INCLUDE (workflow_id, workflow_version, school_id, subject_person_id, status, state);

CREATE INDEX cases_office_state_idx ON public.cases USING btree (office_id, workflow_id, state);

CREATE INDEX cases_school_idx ON public.cases USING btree (school_id) WHERE (school_id IS NOT NULL);

CREATE INDEX cases_subject_idx ON public.cases USING btree (subject_person_id);

CREATE INDEX cases_waiting_keys_idx ON public.cases USING gin (waiting_keys) WITH (fastupdate=off) WHERE (status = 'active'::text);

CREATE INDEX cases_waiting_unfilled_idx ON public.cases USING btree (id) WHERE (waiting_for IS NULL);

CREATE INDEX committee_members_committee_idx ON public.committee_members USING btree (committee_id);

CREATE INDEX committee_members_person_idx ON public.committee_members USING btree (person_id);

CREATE INDEX committees_office_kind_idx ON public.committees USING btree (office_id, kind);

CREATE UNIQUE INDEX cycle_external_refs_child ON public.cycle_external_refs USING btree (child_case_id, source);

CREATE UNIQUE INDEX cycle_external_refs_in_cycle ON public.cycle_external_refs USING btree (parent_case_id, source, ref) WHERE (parent_case_id IS NOT NULL);

CREATE UNIQUE INDEX cycle_external_refs_in_office ON public.cycle_external_refs USING btree (office_id, source, ref) WHERE (parent_case_id IS NULL);

CREATE INDEX cycle_runs_parent_idx ON public.cycle_runs USING btree (parent_case_id, started_at);

CREATE UNIQUE INDEX cycle_runs_unfinished_key ON public.cycle_runs USING btree (parent_case_id, workflow_id) WHERE (finished_at IS NULL);

CREATE INDEX document_numbers_case_idx ON public.document_numbers USING btree (case_id) WHERE (case_id IS NOT NULL);

CREATE UNIQUE INDEX document_numbers_live_subject_uq ON public.document_numbers USING btree (office_id, register, subject_key) WHERE (cancelled_at IS NULL);

CREATE INDEX file_chunks_content_idx ON public.file_chunks USING btree (content_sha256, idx);

CREATE INDEX files_uploader_idx ON public.files USING btree (uploaded_by, uploaded_at);

CREATE INDEX idempotency_keys_created_idx ON public.idempotency_keys USING btree (created_at);

CREATE INDEX list_resolutions_meeting_idx ON public.list_resolutions USING btree (meeting_id);

CREATE INDEX meeting_files_file_idx ON public.meeting_files USING btree (file_id);

CREATE INDEX meetings_committee_idx ON public.meetings USING btree (committee_id, scheduled_at);

CREATE INDEX notifications_claimed_idx ON public.notifications USING btree (claimed_at) WHERE (status = 'claimed'::text);

CREATE UNIQUE INDEX notifications_digest_once_key ON public.notifications USING btree (recipient_user_id, step) WHERE (kind = 'digest'::text);

CREATE INDEX notifications_failed_idx ON public.notifications USING btree (failed_at) WHERE (status = 'failed'::text);

CREATE UNIQUE INDEX notifications_meeting_once_key ON public.notifications USING btree (meeting_id, recipient_user_id, kind) WHERE (meeting_id IS NOT NULL);

CREATE INDEX notifications_pending_idx ON public.notifications USING btree (available_at) WHERE (status = 'pending'::text);

CREATE INDEX notifications_recipient_idx ON public.notifications USING btree (recipient_user_id, created_at);

CREATE UNIQUE INDEX notifications_timer_once_key ON public.notifications USING btree (timer_id, recipient_user_id) WHERE (timer_id IS NOT NULL);

CREATE INDEX people_office_idx ON public.people USING btree (office_id, school_id);

CREATE INDEX personnel_entries_office ON public.personnel_entries USING btree (office_id, effective_on);

CREATE INDEX personnel_entries_person ON public.personnel_entries USING btree (person_id, field, effective_on, id);

CREATE INDEX rate_limit_hits_window_idx ON public.rate_limit_hits USING btree (window_start);

CREATE INDEX role_assignments_scope_idx ON public.role_assignments USING btree (office_id, role, school_id);

CREATE INDEX role_assignments_user_idx ON public.role_assignments USING btree (user_id);

CREATE INDEX sessions_expires_idx ON public.sessions USING btree (expires_at);

CREATE INDEX sessions_user_idx ON public.sessions USING btree (user_id);

CREATE INDEX sign_in_attempts_at_idx ON public.sign_in_attempts USING btree (at);

CREATE INDEX sign_in_attempts_user_idx ON public.sign_in_attempts USING btree (user_id, at);

CREATE INDEX sign_in_throttle_updated_idx ON public.sign_in_throttle USING btree (updated_at);

CREATE INDEX sla_clocks_case_idx ON public.sla_clocks USING btree (case_id);

CREATE INDEX sla_clocks_office_closed_cover_idx ON public.sla_clocks USING btree (office_id, closed_at) INCLUDE (case_id, step, status, started_at) WHERE (status = ANY (ARRAY['met'::text, 'breached'::text]));

CREATE INDEX sla_clocks_office_open_cover_idx ON public.sla_clocks USING btree (office_id, step) INCLUDE (case_id, status, due_at) WHERE (status = ANY (ARRAY['running'::text, 'paused'::text]));

CREATE UNIQUE INDEX sla_clocks_open_key ON public.sla_clocks USING btree (case_id, step) WHERE (status = ANY (ARRAY['running'::text, 'paused'::text]));

CREATE INDEX sla_clocks_running_due_idx ON public.sla_clocks USING btree (office_id, due_at) WHERE (status = 'running'::text);

CREATE INDEX sla_timers_clock_idx ON public.sla_timers USING btree (clock_id);

CREATE UNIQUE INDEX sla_timers_event_live_key ON public.sla_timers USING btree (case_id, step, event) WHERE ((status = 'pending'::text) AND (kind = 'system_event'::text));

CREATE UNIQUE INDEX sla_timers_live_key ON public.sla_timers USING btree (clock_id, kind, level) WHERE (status = 'pending'::text);

CREATE INDEX sla_timers_pending_idx ON public.sla_timers USING btree (fire_at) WHERE (status = 'pending'::text);

CREATE INDEX transfer_exchanges_receiving ON public.transfer_exchanges USING btree (receiving_round_case_id, state);

CREATE INDEX transfer_exchanges_sending ON public.transfer_exchanges USING btree (sending_round_case_id);

-- functions

CREATE OR REPLACE FUNCTION public.case_history_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'case_history is append-only' using errcode = 'insufficient_privilege';
    end $function$
;

CREATE OR REPLACE FUNCTION public.case_waiting_due_of_changed_clock()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      update case_waiting w
      set due_at = (select clk.due_at from sla_clocks clk where clk.case_id = old.case_id and clk.step = old.step and clk.status = 'running')
      where w.case_id = old.case_id and w.step = old.step;
      if tg_op = 'UPDATE' and (new.case_id <> old.case_id or new.step <> old.step) then
        update case_waiting w
        set due_at = (select clk.due_at from sla_clocks clk where clk.case_id = new.case_id and clk.step = new.step and clk.status = 'running')
        where w.case_id = new.case_id and w.step = new.step;
      end if;
      return null;
    end $function$
;

CREATE OR REPLACE FUNCTION public.case_waiting_due_of_new_clocks()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      update case_waiting w set due_at = n.due_at
      from new_clocks n
      where n.status = 'running' and w.case_id = n.case_id and w.step = n.step and w.due_at is distinct from n.due_at;
      return null;
    end $function$
;

CREATE OR REPLACE FUNCTION public.case_waiting_of_changed_case()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    declare
      subject_key text := 'subject/' || new.subject_person_id::text;
    begin
      delete from case_waiting where case_id = new.id;
      if new.status = 'active' and jsonb_typeof(new.waiting_for) = 'object' then
        insert into case_waiting (case_id, step, holder_key, subject_person_id, due_at)
        select new.id, h.step, case when k.key = 'subject' then subject_key else k.key end, new.subject_person_id, clk.due_at
        from jsonb_each(new.waiting_for) h(step, keys)
        cross join lateral jsonb_array_elements_text(case when jsonb_typeof(h.keys) = 'array' then h.keys else '[]'::jsonb end) k(key)
        left join sla_clocks clk on clk.case_id = new.id and clk.step = h.step and clk.status = 'running'
        where k.key <> 'subject' or subject_key is not null
        on conflict do nothing;
      end if;
      return null;
    end $function$
;

CREATE OR REPLACE FUNCTION public.case_waiting_of_new_cases()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      insert into case_waiting (case_id, step, holder_key, subject_person_id, due_at)
      select n.id, h.step, case when k.key = 'subject' then 'subject/' || n.subject_person_id::text else k.key end, n.subject_person_id, clk.due_at
      from new_cases n
      cross join lateral jsonb_each(case when n.status = 'active' and jsonb_typeof(n.waiting_for) = 'object' then n.waiting_for else '{}'::jsonb end) h(step, keys)
      cross join lateral jsonb_array_elements_text(case when jsonb_typeof(h.keys) = 'array' then h.keys else '[]'::jsonb end) k(key)
      left join sla_clocks clk on clk.case_id = n.id and clk.step = h.step and clk.status = 'running'
      where k.key <> 'subject' or n.subject_person_id is not null
      on conflict do nothing;
      return null;
    end $function$
;

CREATE OR REPLACE FUNCTION public.personnel_entries_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'personnel_entries is append-only';
    end $function$
;

-- triggers

CREATE TRIGGER case_history_no_change BEFORE DELETE OR UPDATE ON public.case_history FOR EACH ROW EXECUTE FUNCTION case_history_append_only();

CREATE TRIGGER cases_waiting_changed AFTER UPDATE OF waiting_for, status, subject_person_id ON public.cases FOR EACH ROW WHEN (((old.waiting_for IS DISTINCT FROM new.waiting_for) OR (old.status IS DISTINCT FROM new.status) OR (old.subject_person_id IS DISTINCT FROM new.subject_person_id))) EXECUTE FUNCTION case_waiting_of_changed_case();

CREATE TRIGGER cases_waiting_inserted AFTER INSERT ON public.cases REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION case_waiting_of_new_cases();

CREATE TRIGGER personnel_entries_append_only BEFORE DELETE OR UPDATE ON public.personnel_entries FOR EACH ROW EXECUTE FUNCTION personnel_entries_append_only();

CREATE TRIGGER sla_clocks_waiting_changed AFTER UPDATE ON public.sla_clocks FOR EACH ROW WHEN (((old.due_at IS DISTINCT FROM new.due_at) OR (old.status IS DISTINCT FROM new.status) OR (old.case_id IS DISTINCT FROM new.case_id) OR (old.step IS DISTINCT FROM new.step))) EXECUTE FUNCTION case_waiting_due_of_changed_clock();

CREATE TRIGGER sla_clocks_waiting_deleted AFTER DELETE ON public.sla_clocks FOR EACH ROW EXECUTE FUNCTION case_waiting_due_of_changed_clock();

CREATE TRIGGER sla_clocks_waiting_inserted AFTER INSERT ON public.sla_clocks REFERENCING NEW TABLE AS new_clocks FOR EACH STATEMENT EXECUTE FUNCTION case_waiting_due_of_new_clocks();

-- comments

comment on column agenda_items.status is '''listed'' | ''decided'' | ''deferred'' | ''applied'' | ''removed''';

comment on column agenda_items.resolution is '''approve'' | ''reject'' | ''defer''';

comment on column agenda_items.list_resolution_id is 'the list resolution that decided the item, if decided with the list';

comment on column agenda_items.list_exception is 'true when the item was excepted from the list resolution (its resolution and note are its own)';

comment on column agenda_votes.vote is '''approve'' | ''reject'' | ''defer'' | ''abstain''';

comment on column calendar_days.date is '''YYYY-MM-DD'' (Bangkok date)';

comment on column calendar_days.office_id is 'null: nationwide (a cabinet special holiday)';

comment on column calendar_days.kind is '''special'' | ''office_closure''';

comment on column calendar_days.source is 'e.g. ''มติ ครม. 13 พ.ค. 2568''';

comment on table captured_mail is 'Mail kept instead of sent while no SMTP server is configured: the local mailbox.';

comment on column captured_mail.created_at is 'from the deliverer''s clock';

comment on table case_files is 'Which file is attached to which case, by whom and when; a removal sets removed_* and writes a history row.';

comment on column case_files.attached_seq is 'the history row whose payload named the file';

comment on column case_files.removed_seq is 'the @file_removed history row';

comment on column case_history.actor_kind is '''user'' | ''committee'' | ''system''';

comment on column case_history.late is 'an event accepted after the moment of its date guard: { until, lateMinutes, rule: { th, en } }; null otherwise';

comment on column case_history.acting is 'the event was sent under acting grants only (รักษาราชการแทน): { roles }; null otherwise';

comment on table case_waiting is 'Each step an active case waits at, once per key of who holds it, with its due moment: "งานของฉัน" read by index (case/inbox-page.ts). Derived: kept by triggers from cases.waiting_for and sla_clocks; never written by the program.';

comment on column case_waiting.holder_key is 'a grant key ("<office>/<role>", "<office>/<role>/<school>") or "subject/<person>" for a step the case''s subject holds';

comment on column case_waiting.subject_person_id is 'the case''s subject: an officer whose person it is does not hold the step by a grant (segregation of duties)';

comment on column case_waiting.due_at is 'the step''s running clock''s due moment; null when no clock runs (no deadline, paused)';

comment on column cases.state is 'the active leaf steps, dot-joined paths, sorted, comma-separated';

comment on column cases.status is '''active'' | ''done''';

comment on column cases.parent_case_id is 'the cycle (parent case) that opened this case; null for a case opened on its own';

comment on column cases.cycle_key is 'the child''s key within its cycle (e.g. a personnel number); set exactly when parent_case_id is';

comment on column cases.waiting_for is 'who holds the steps the case stands at: each active step someone holds → its holder keys ("<office>/<role>" office-wide, "<office>/<role>/<school>" for one school, "subject" for the case''s subject); {} when done; null until pnpm migrate fills it (access/role-holders.ts stepHolderKeys)';

comment on column cases.waiting_keys is 'the grant keys of waiting_for, all steps together (not "subject"): what the inbox looks a user''s grants up by';

comment on column committee_members.seat is '''chair'' | ''secretary'' | ''member''';

comment on column committees.kind is '''screening'' | ''area_approval'' | ''evaluation'' | ''scoring'' | ''budget'' | … (what steps name in `committee.kind`)';

comment on column committees.quorum is '{ kind: ''majority'' } (more than half of the seated members) or { kind: ''at_least'', count }';

comment on table cycle_external_refs is 'Cases imported from another system: one per reference of that system, per cycle (a TRS request number in a transfer round) or, without a cycle, per office (a DPA request number of an academic-standing case)';

comment on column cycle_external_refs.parent_case_id is 'the cycle (parent case) the child was imported into; null for a case imported without a cycle (unique per office, source and ref)';

comment on column cycle_external_refs.source is 'the other system, e.g. ''TRS'' (the national transfer system) or ''DPA'' (OTEPC''s DPA system)';

comment on column cycle_external_refs.ref is 'the reference as the other system shows it; unique within the cycle and source';

comment on column cycle_external_refs.child_case_id is 'the case the import opened (or recorded the reference on)';

comment on column cycle_external_refs.recorded_by is 'the user whose import recorded it';

comment on column cycle_external_refs.recorded_at is 'when it was recorded (the engine clock)';

comment on column cycle_external_refs.office_id is 'the office the reference was imported into (the cycle’s office when there is a cycle)';

comment on table cycle_runs is 'One opening of a cycle''s children, with its progress; resumed after a crash.';

comment on column cycle_runs.requested_by is 'the actor id who asked for the opening (of the latest attempt)';

comment on column cycle_runs.total is 'valid population rows of the latest attempt';

comment on column cycle_runs.rejected is 'population rows refused (invalid input, unknown school or person, duplicate key) in the latest attempt';

comment on column cycle_runs.created is 'children created by this opening, over all its attempts';

comment on column cycle_runs.parent_history_seq is 'the parent''s history row (`@cycle.opened`) written when the opening finished';

comment on table document_numbers is 'Every document number given: consecutive, never reused; a cancelled one keeps its row (docs/document-numbers.md).';

comment on table document_registers is 'The last document number given per office, register and Buddhist-era year (docs/document-numbers.md).';

comment on column file_chunks.staging_id is 'the upload that wrote the chunk; its content is known (content_sha256 set) once the upload finished';

comment on column file_chunks.content_sha256 is 'null while the upload streams in; set when the chunk belongs to a stored content';

comment on column file_chunks.data is 'at most 256 KiB of the content, in order of idx';

comment on table file_contents is 'Distinct file bytes, by SHA-256 (docs/files.md): stored once however often uploaded.';

comment on table files is 'One upload: its name and sniffed type; it belongs to the office of its uploader and is readable by the uploader alone until attached to a case.';

comment on column files.kind is 'what the upload is for (the limits it met): ''evidence''';

comment on column files.media_type is 'sniffed from the bytes (magic numbers), never taken from the name';

comment on table history_audits is 'The worker''s daily audit of the histories (migration 0011).';

comment on column history_audits.day is 'Bangkok calendar day, ''YYYY-MM-DD''';

comment on table list_resolutions is 'One resolution of a meeting for every item listed on its agenda ("ตามบัญชีแนบท้าย"), with the number of items it decided and of the exceptions.';

comment on column list_resolutions.id is 'the list resolution';

comment on column list_resolutions.meeting_id is 'the meeting that resolved the list';

comment on column list_resolutions.resolution is 'approve, reject or defer: the resolution of every item not excepted';

comment on column list_resolutions.note is 'the resolution as the minutes state it, e.g. เห็นชอบตามบัญชีแนบท้าย';

comment on column list_resolutions.items is 'how many agenda items it decided, exceptions included';

comment on column list_resolutions.exceptions is 'how many items were excepted, each with its own resolution and reason on agenda_items';

comment on column list_resolutions.decided_by is 'the user who recorded it (the secretary or chair)';

comment on column list_resolutions.decided_at is 'when it was recorded';

comment on table meeting_files is 'Committee papers: which file is attached to which meeting, by whom and when; a removal sets removed_* (who, when, why) and keeps the row.';

comment on column meeting_files.attached_by is 'the secretary, chair or HR officer who attached it';

comment on column meeting_files.removed_reason is 'why it was removed, as the person wrote it';

comment on column meetings.status is '''scheduled'' | ''open'' | ''closed'' | ''cancelled''';

comment on column notifications.case_id is 'null for notifications about no single case (the daily digest)';

comment on column notifications.kind is '''task'' (you must act), later ''reminder'', ''due'', ''overdue'', ''escalation'', ''digest''';

comment on column notifications.status is '''pending'' | ''claimed'' (a deliverer is sending it) | ''sent'' | ''failed''';

comment on column notifications.attempts is 'delivery attempts started (counted when claimed)';

comment on column notifications.timer_id is 'the SLA timer that caused it, for reminders, due and overdue notices, escalations';

comment on column notifications.claim_token is 'the deliverer''s claim; every write after sending checks it. Set exactly while ''claimed''.';

comment on column notifications.message_id is 'the Message-ID the mail went out with (stable per notification)';

comment on column notifications.smtp_response is 'the SMTP server''s final reply, or ''captured''';

comment on column notifications.sent_to is 'the address the mail went to';

comment on column notifications.last_error_code is 'an ErrorCode from the catalogue: why the last attempt failed';

comment on column notifications.meeting_id is 'the meeting a meeting notice is about';

comment on table office_deadline_policies is 'An office''s day-count policy for the steps whose sources say only วัน, one row per change (never updated); in force at a moment: the highest version whose effective_from is not after it; no row: calendar days.';

comment on column office_deadline_policies.day_count is '''calendar_days'' | ''working_days'': how an office_days deadline counts its days';

comment on column office_deadline_policies.effective_from is 'from when this version applies to clocks opened (clocks already open keep what they read)';

comment on column office_deadline_policies.reason is 'why the office changed it (e.g. the area director’s order)';

comment on column office_deadline_policies.changed_by is 'the office admin who made this change';

comment on table office_document_settings is 'How an office prints its documents, one row per change (never updated); the highest version is in force.';

comment on column office_document_settings.emblem_file_id is 'the office emblem (ครุฑ) printed on orders, announcements and memos: an uploaded PNG or JPEG of kind office-emblem; null prints none';

comment on column office_document_settings.thai_digits is 'numbers and dates in Thai digits (๐–๙) rather than 0–9';

comment on column office_document_settings.changed_by is 'the office admin who made this change';

comment on column office_document_settings.address_th is 'the office address printed under its name at the head of a letter (หนังสือภายนอก); null prints the name alone';

comment on column office_document_settings.unit_th is 'the unit that owns the matter (ส่วนราชการเจ้าของเรื่อง), at the foot of a letter and on a memo’s ส่วนราชการ line; null: กลุ่มบริหารงานบุคคล';

comment on column office_document_settings.phone is 'the unit’s telephone (โทร.) printed with it; null prints none';

comment on column office_document_settings.email is 'the unit’s e-mail (ไปรษณีย์อิเล็กทรอนิกส์) printed at the foot of a letter; null prints none';

comment on table office_salary_round_settings is 'Whether the worker opens the office’s salary rounds from the person records, one row per change (never updated); the highest version is in force.';

comment on column office_salary_round_settings.auto_open is 'on 1 April / 1 October the worker opens the appraisals of the round at its evaluation from the records as of its base date';

comment on column offices.level is '''primary'' (สพป.) or ''secondary'' (สพม.)';

comment on column offices.demo is 'the demo office of `pnpm start`; never created in an office''s own database unless asked';

comment on table personnel_entries is 'The person record: one value of one field of a person from a date, never updated; the latest row for a person, field and date is in force from that date.';

comment on column personnel_entries.field is 'position_no, position, level, salary, base, max_salary, academic_standing, academic_standing_on, school, school_since, service_started_on, left_on, moved_to (with left_on: the office of OBEC moved to), suspended, leave (of the half-year starting effective_on), penalty (on effective_on)';

comment on column personnel_entries.effective_on is 'the value holds from this day (Asia/Bangkok); for leave the first day of the half-year, for a penalty its date';

comment on column personnel_entries.value is 'the value as JSON: text, satang as an integer, a date as YYYY-MM-DD, a school id, leave counts, a penalty { kind, cancelled }; null clears the field from the date';

comment on column personnel_entries.source is 'import (an office spreadsheet) or edit (by hand)';

comment on column personnel_entries.source_ref is 'the import file’s name, or the reason of a hand edit';

comment on column personnel_entries.recorded_by is 'the user who imported or edited it';

comment on table rate_limit_hits is 'Fixed-window rate-limit counters shared by every API process.';

comment on column role_assignments.school_id is 'set: the role holds for this school only; null: for the whole office';

comment on column role_assignments.acting_for is 'true: held while acting for the holder of the position (รักษาราชการแทน); history marks what is done under it';

comment on table salary_round_openings is 'A salary round whose appraisals were opened from the person records: the claim that opens it once, and its progress.';

comment on column salary_round_openings.opened_by is 'the worker’s id, or user:<id> for an HR officer';

comment on column salary_round_openings.heartbeat_at is 'the last progress report; a running opening silent for ten minutes may be taken over';

comment on column sessions.kind is '''cookie'' (the UI) or ''token'' (bearer, integrations)';

comment on column sessions.secret_hash is 'sha256 of the secret; the secret itself is never stored';

comment on column sessions.scope is 'tokens: ''read'' (GET/HEAD only) or ''full''; null for cookie sessions';

comment on column sign_in_attempts.outcome is '''success'' | ''bad_credentials'' | ''locked'' | ''disabled''';

comment on table sign_in_throttle is 'Sign-in back-off per (username as typed, source address): docs/access.md "Signing in".';

comment on column sign_in_throttle.failures is 'failed attempts in a row from this source for this username';

comment on column sign_in_throttle.last_success_at is 'the last successful sign-in from this source: a known source is not slowed by the per-username limit';

comment on column sla_clocks.opened_seq is 'the history seq of the event that entered the step';

comment on column sla_clocks.status is '''running'' | ''paused'' | ''met'' | ''breached'' | ''cancelled''';

comment on column sla_clocks.due_basis is 'what due_at was computed from, so a calendar change can recompute it';

comment on column sla_clocks.extensions is 'extensions applied (ขยายเวลา): [{ by, role, at, from, to, reason, seq }]';

comment on column sla_timers.clock_id is 'the clock the timer belongs to; null for a system event';

comment on column sla_timers.kind is '''reminder'' | ''due_today'' | ''overdue'' | ''escalation'' | ''system_event'' (a step''s timed system event)';

comment on column sla_timers.level is 'which reminder, or which escalation level (1 = first)';

comment on column sla_timers.status is '''pending'' | ''fired'' | ''cancelled''';

comment on column sla_timers.step is 'system events: the step whose event this is (cancelled when the step is left)';

comment on column sla_timers.event is 'system events: the event sent to the case as the system when the moment comes';

comment on table stored_forms is 'the fingerprint of the program rule each derived stored form was written by (holder_keys: cases.waiting_for/waiting_keys); pnpm migrate rewrites the form when the program brings another';

comment on table transfer_exchanges is 'A transfer request for a vacancy of another office on this esa-flow, forwarded to that office’s round, which ranks it and whose อ.ก.ค.ศ. decides (Act ม.59); one row per request';

comment on column transfer_exchanges.request_case_id is 'the teacher’s request (transfer-request), in the sending office';

comment on column transfer_exchanges.sending_office_id is 'the office the teacher belongs to';

comment on column transfer_exchanges.sending_round_case_id is 'the sending office’s round the request was filed in';

comment on column transfer_exchanges.receiving_office_id is 'the office that owns the vacancy';

comment on column transfer_exchanges.receiving_round_case_id is 'the receiving office’s round that ranks the request with its own applicants';

comment on column transfer_exchanges.candidate is 'what the receiving office sees to rank: the teacher’s name, major, kind, verified score, preferred schools and the tie-break facts (no evidence, no other data of the request)';

comment on column transfer_exchanges.state is '''forwarded'' (waiting for the receiving round’s matching), ''ranked'' (placed or not by it), ''decided'' (its อ.ก.ค.ศ. decided), ''returned'' (the decision delivered to the sending request)';

comment on column transfer_exchanges.placement is 'the receiving round’s placement of the request (vacancy, school, preference, rank), or null when not placed';

comment on column transfer_exchanges.explanation is 'the receiving round’s explanation of the placement, in Thai and English';

comment on column transfer_exchanges.decision is 'the receiving office’s อ.ก.ค.ศ. resolution: ''approved'' or ''rejected''';

comment on column transfer_exchanges.resolution_ref is 'the resolution, as the minutes name it (e.g. มติ อ.ก.ค.ศ. ครั้งที่ 3/2568)';

comment on column transfer_exchanges.decided_on is 'the day of the resolution';

comment on column transfer_exchanges.decided_by is 'the receiving office’s user who recorded the resolution';

comment on column transfer_exchanges.forwarded_at is 'when the sending round forwarded it (the engine clock)';

comment on column transfer_exchanges.ranked_at is 'when the receiving round’s published matching ranked it';

comment on column transfer_exchanges.decided_at is 'when the resolution was recorded';

comment on column transfer_exchanges.returned_at is 'when the decision was delivered to the sending request';

comment on column users.preferred_lang is '''th'' or ''en'': the language of e-mails and the UI default';

comment on column users.demo is 'a demo sign-in (password known to everyone)';

comment on column users.must_change_password is 'the password was set by someone else (operator, admin reset): it must be changed at the next sign-in';
