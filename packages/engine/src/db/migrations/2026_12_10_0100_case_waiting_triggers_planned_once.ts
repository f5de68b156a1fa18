/**
 * The triggers that keep `case_waiting` (migration 2026_12_09_0400) planned
 * once per connection, not on every row they keep (docs/benchmarks.md
 * "dispatch", issue 17): the same rows, written the same way, cheaper.
 *
 * - `case_waiting_rows` and `case_waiting_due_of_step` are SQL-language
 *   functions; PostgreSQL plans such a function's statement on every call
 *   when it cannot inline it, and the row triggers called them once per
 *   moved case and once per closed clock. Their statements are now written in
 *   the PL/pgSQL trigger functions themselves, whose plans are kept.
 * - The subject's key (`subject/<person>`) is computed once into a variable:
 *   written as an expression of `new` inside the statement, PostgreSQL kept
 *   planning the statement again for each row (measured with pgbench: 2,000
 *   cases moved between two steps by 8 clients, 3,300 updates/s with the
 *   trigger of 0400, 5,300 with this one, 8,100 with none).
 * - A case that is not active (or waits nowhere) only has its rows deleted.
 *
 * Both SQL functions are dropped: nothing calls them any more.
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function case_waiting_of_changed_case() returns trigger language plpgsql as $$
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
    end $$`.execute(db);

  await sql`create or replace function case_waiting_due_of_changed_clock() returns trigger language plpgsql as $$
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
    end $$`.execute(db);

  await sql`create or replace function case_waiting_of_new_cases() returns trigger language plpgsql as $$
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
    end $$`.execute(db);

  await sql`drop function case_waiting_rows(uuid, jsonb, uuid, text)`.execute(db);
  await sql`drop function case_waiting_due_of_step(uuid, text)`.execute(db);
}
