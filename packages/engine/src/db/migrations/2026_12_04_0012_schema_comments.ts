/**
 * The meaning of tables and columns, as database comments: the generated table
 * types (packages/engine/src/db/schema.generated.ts, by kysely-codegen) carry
 * them as doc comments, so what a column means travels with the schema.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

const COMMENTS: readonly (readonly [table: string, column: string | null, text: string])[] = [
  ['offices', 'level', "'primary' (สพป.) or 'secondary' (สพม.)"],
  ['offices', 'demo', "the demo office of `pnpm start`; never created in an office's own database unless asked"],
  ['users', 'preferred_lang', "'th' or 'en': the language of e-mails and the UI default"],
  ['users', 'demo', 'a demo sign-in (password known to everyone)'],
  ['users', 'must_change_password', 'the password was set by someone else (operator, admin reset): it must be changed at the next sign-in'],
  ['sessions', 'kind', "'cookie' (the UI) or 'token' (bearer, integrations)"],
  ['sessions', 'secret_hash', 'sha256 of the secret; the secret itself is never stored'],
  ['sessions', 'scope', "tokens: 'read' (GET/HEAD only) or 'full'; null for cookie sessions"],
  ['sign_in_throttle', null, 'Sign-in back-off per (username as typed, source address): docs/access.md "Signing in".'],
  ['sign_in_throttle', 'failures', 'failed attempts in a row from this source for this username'],
  [
    'sign_in_throttle',
    'last_success_at',
    'the last successful sign-in from this source: a known source is not slowed by the per-username limit',
  ],
  ['rate_limit_hits', null, 'Fixed-window rate-limit counters shared by every API process.'],
  ['sign_in_attempts', 'outcome', "'success' | 'bad_credentials' | 'locked' | 'disabled'"],
  ['role_assignments', 'school_id', 'set: the role holds for this school only; null: for the whole office'],
  ['cases', 'state', 'the active leaf steps, dot-joined paths, sorted, comma-separated'],
  ['cases', 'status', "'active' | 'done'"],
  ['cases', 'parent_case_id', 'the cycle (parent case) that opened this case; null for a case opened on its own'],
  ['cases', 'cycle_key', "the child's key within its cycle (e.g. a personnel number); set exactly when parent_case_id is"],
  ['case_history', 'actor_kind', "'user' | 'committee' | 'system'"],
  ['notifications', 'case_id', 'null for notifications about no single case (the daily digest)'],
  ['notifications', 'timer_id', 'the SLA timer that caused it, for reminders, due and overdue notices, escalations'],
  ['notifications', 'meeting_id', 'the meeting a meeting notice is about'],
  ['notifications', 'kind', "'task' (you must act), later 'reminder', 'due', 'overdue', 'escalation', 'digest'"],
  ['notifications', 'status', "'pending' | 'claimed' (a deliverer is sending it) | 'sent' | 'failed'"],
  ['notifications', 'attempts', 'delivery attempts started (counted when claimed)'],
  ['notifications', 'claim_token', "the deliverer's claim; every write after sending checks it. Set exactly while 'claimed'."],
  ['notifications', 'message_id', 'the Message-ID the mail went out with (stable per notification)'],
  ['notifications', 'smtp_response', "the SMTP server's final reply, or 'captured'"],
  ['notifications', 'sent_to', 'the address the mail went to'],
  ['notifications', 'last_error_code', 'an ErrorCode from the catalogue: why the last attempt failed'],
  ['captured_mail', null, 'Mail kept instead of sent while no SMTP server is configured: the local mailbox.'],
  ['captured_mail', 'created_at', "from the deliverer's clock"],
  ['history_audits', null, "The worker's daily audit of the histories (migration 0011)."],
  ['history_audits', 'day', "Bangkok calendar day, 'YYYY-MM-DD'"],
  ['calendar_days', 'date', "'YYYY-MM-DD' (Bangkok date)"],
  ['calendar_days', 'office_id', 'null: nationwide (a cabinet special holiday)'],
  ['calendar_days', 'kind', "'special' | 'office_closure'"],
  ['calendar_days', 'source', "e.g. 'มติ ครม. 13 พ.ค. 2568'"],
  ['sla_clocks', 'opened_seq', 'the history seq of the event that entered the step'],
  ['sla_clocks', 'status', "'running' | 'paused' | 'met' | 'breached' | 'cancelled'"],
  ['sla_clocks', 'due_basis', 'what due_at was computed from, so a calendar change can recompute it'],
  ['sla_timers', 'kind', "'reminder' | 'due_today' | 'overdue' | 'escalation'"],
  ['sla_timers', 'level', 'which reminder, or which escalation level (1 = first)'],
  ['sla_timers', 'status', "'pending' | 'fired' | 'cancelled'"],
  ['committees', 'kind', "'screening' | 'area_approval' | 'evaluation' | 'scoring' | 'budget' | … (what steps name in `committee.kind`)"],
  ['committees', 'quorum', "{ kind: 'majority' } (more than half of the seated members) or { kind: 'at_least', count }"],
  ['committee_members', 'seat', "'chair' | 'secretary' | 'member'"],
  ['meetings', 'status', "'scheduled' | 'open' | 'closed' | 'cancelled'"],
  ['agenda_items', 'status', "'listed' | 'decided' | 'deferred' | 'applied' | 'removed'"],
  ['agenda_items', 'resolution', "'approve' | 'reject' | 'defer'"],
  ['agenda_votes', 'vote', "'approve' | 'reject' | 'defer' | 'abstain'"],
  ['cycle_runs', null, "One opening of a cycle's children, with its progress; resumed after a crash."],
  ['cycle_runs', 'requested_by', 'the actor id who asked for the opening (of the latest attempt)'],
  ['cycle_runs', 'total', 'valid population rows of the latest attempt'],
  ['cycle_runs', 'rejected', 'population rows refused (invalid input, unknown school or person, duplicate key) in the latest attempt'],
  ['cycle_runs', 'created', 'children created by this opening, over all its attempts'],
  ['cycle_runs', 'parent_history_seq', "the parent's history row (`@cycle.opened`) written when the opening finished"],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column, text] of COMMENTS) {
    const target = column === null ? sql`table ${sql.table(table)}` : sql`column ${sql.ref(`${table}.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}
