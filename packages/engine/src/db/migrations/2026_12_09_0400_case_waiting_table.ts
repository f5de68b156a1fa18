/**
 * "งานของฉัน" as a keyset read (docs/benchmarks.md "inbox", issue 17): each
 * step a case waits at, once per holder key, with the due moment of the step's
 * running clock, in `case_waiting` — a btree on (holder_key, due_at, case_id,
 * step) gives one person's page soonest due first by reading only that page,
 * and the counts (all, overdue, at risk) as index-only counts, instead of
 * every waiting case read, expanded and sorted on every request.
 *
 * The table is derived, never written by the program: triggers keep it equal
 * to what it is derived from, in the statement that changes that —
 * - `cases.waiting_for` (the holder keys of each waiting step, written by the
 *   one command pipeline, the cycles' bulk opening and `fillCaseWaiting`),
 *   `status` and `subject_person_id`: a new case's rows (one statement-level
 *   trigger per INSERT: a cycle opens 50,000 children in a few statements), a
 *   changed case's rows replaced (row-level, only when one of those changed);
 * - `sla_clocks`: a step's due moment is its running clock's `due_at` (as the
 *   inbox joined it), so every writer of a clock — opening, closing, pausing,
 *   resuming, extending, recomputing after a calendar change, the timers —
 *   is covered by construction (a statement-level trigger on INSERT, row-level
 *   on UPDATE when the due moment, status, case or step changed, and DELETE).
 *
 * `holder_key` is a grant key (`<office>/<role>`, `<office>/<role>/<school>`)
 * or, for a step the case's subject holds, `subject/<person>`: one lookup for
 * both. Segregation of duties (an officer is not asked to act on a case about
 * themself) needs the case's subject next to the key (`subject_person_id`,
 * in the index). Existing rows are filled here; active cases whose
 * `waiting_for` is still null (not filled by `pnpm migrate` yet) get theirs
 * when `fillCaseWaiting` writes it.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table case_waiting (
    case_id uuid not null references cases (id) on delete cascade,
    step text not null,
    holder_key text not null,
    subject_person_id uuid,
    due_at timestamptz,
    primary key (case_id, step, holder_key)
  )`.execute(db);
  await sql`create index case_waiting_page_idx on case_waiting (holder_key, due_at, case_id, step) include (subject_person_id)`.execute(db);
  // index-only reads need the visibility map: vacuum after 2 % of the rows changed, not 20 %
  await sql`alter table case_waiting set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`.execute(db);

  // the rows of one case: each waiting step × each of its holder keys, with the step's running clock's due moment
  await sql`create function case_waiting_rows(c_id uuid, c_waiting_for jsonb, c_subject uuid, c_status text)
    returns table (case_id uuid, step text, holder_key text, subject_person_id uuid, due_at timestamptz)
    language sql stable as $$
      select c_id, h.step, case when k.key = 'subject' then 'subject/' || c_subject::text else k.key end, c_subject, clk.due_at
      from jsonb_each(case when c_status = 'active' and jsonb_typeof(c_waiting_for) = 'object' then c_waiting_for else '{}'::jsonb end) h(step, keys)
      cross join lateral jsonb_array_elements_text(case when jsonb_typeof(h.keys) = 'array' then h.keys else '[]'::jsonb end) k(key)
      left join sla_clocks clk on clk.case_id = c_id and clk.step = h.step and clk.status = 'running'
      where k.key <> 'subject' or c_subject is not null
    $$`.execute(db);

  await sql`create function case_waiting_of_new_cases() returns trigger language plpgsql as $$
    begin
      insert into case_waiting (case_id, step, holder_key, subject_person_id, due_at)
      select r.case_id, r.step, r.holder_key, r.subject_person_id, r.due_at
      from new_cases n cross join lateral case_waiting_rows(n.id, n.waiting_for, n.subject_person_id, n.status) r
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger cases_waiting_inserted after insert on cases
    referencing new table as new_cases for each statement execute function case_waiting_of_new_cases()`.execute(db);

  await sql`create function case_waiting_of_changed_case() returns trigger language plpgsql as $$
    begin
      delete from case_waiting where case_id = new.id;
      insert into case_waiting (case_id, step, holder_key, subject_person_id, due_at)
      select r.case_id, r.step, r.holder_key, r.subject_person_id, r.due_at
      from case_waiting_rows(new.id, new.waiting_for, new.subject_person_id, new.status) r
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger cases_waiting_changed after update of waiting_for, status, subject_person_id on cases for each row
    when (old.waiting_for is distinct from new.waiting_for or old.status is distinct from new.status
          or old.subject_person_id is distinct from new.subject_person_id)
    execute function case_waiting_of_changed_case()`.execute(db);

  await sql`create function case_waiting_due_of_new_clocks() returns trigger language plpgsql as $$
    begin
      update case_waiting w set due_at = n.due_at
      from new_clocks n
      where n.status = 'running' and w.case_id = n.case_id and w.step = n.step and w.due_at is distinct from n.due_at;
      return null;
    end $$`.execute(db);
  await sql`create trigger sla_clocks_waiting_inserted after insert on sla_clocks
    referencing new table as new_clocks for each statement execute function case_waiting_due_of_new_clocks()`.execute(db);

  // a step's due moment again from its running clock (at most one: sla_clocks_open_key), null when none runs
  await sql`create function case_waiting_due_of_step(c_id uuid, c_step text) returns void language sql as $$
      update case_waiting w
      set due_at = (select clk.due_at from sla_clocks clk where clk.case_id = c_id and clk.step = c_step and clk.status = 'running')
      where w.case_id = c_id and w.step = c_step
    $$`.execute(db);
  await sql`create function case_waiting_due_of_changed_clock() returns trigger language plpgsql as $$
    begin
      perform case_waiting_due_of_step(old.case_id, old.step);
      if tg_op = 'UPDATE' and (new.case_id <> old.case_id or new.step <> old.step) then
        perform case_waiting_due_of_step(new.case_id, new.step);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger sla_clocks_waiting_changed after update on sla_clocks for each row
    when (old.due_at is distinct from new.due_at or old.status is distinct from new.status
          or old.case_id is distinct from new.case_id or old.step is distinct from new.step)
    execute function case_waiting_due_of_changed_clock()`.execute(db);
  await sql`create trigger sla_clocks_waiting_deleted after delete on sla_clocks for each row
    execute function case_waiting_due_of_changed_clock()`.execute(db);

  await sql`insert into case_waiting (case_id, step, holder_key, subject_person_id, due_at)
    select r.case_id, r.step, r.holder_key, r.subject_person_id, r.due_at
    from cases c cross join lateral case_waiting_rows(c.id, c.waiting_for, c.subject_person_id, c.status) r
    where c.status = 'active' and c.waiting_for is not null
    on conflict do nothing`.execute(db);

  for (const [column, text] of [
    [
      null,
      'Each step an active case waits at, once per key of who holds it, with its due moment: "งานของฉัน" read by index (case/inbox-page.ts). Derived: kept by triggers from cases.waiting_for and sla_clocks; never written by the program.',
    ],
    [
      'holder_key',
      'a grant key ("<office>/<role>", "<office>/<role>/<school>") or "subject/<person>" for a step the case\'s subject holds',
    ],
    ['subject_person_id', "the case's subject: an officer whose person it is does not hold the step by a grant (segregation of duties)"],
    ['due_at', "the step's running clock's due moment; null when no clock runs (no deadline, paused)"],
  ] as const) {
    if (column === null) await sql`comment on table case_waiting is ${sql.lit(text)}`.execute(db);
    else await sql`comment on column case_waiting.${sql.id(column)} is ${sql.lit(text)}`.execute(db);
  }
}
