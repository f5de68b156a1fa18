/**
 * Writes who holds the steps of active cases from the workflows' metadata —
 * which only the program has, so `pnpm migrate` runs it right after publishing
 * the workflows (db/migrate-database.ts):
 * - `'unfilled'`: the cases written before the engine stored it
 *   (`cases.waiting_for` null: migration 2026_12_09_0200);
 * - `'all'`: every active case, when the program's rule differs from the one
 *   the stored holders were written by (case/refresh-stored-holders.ts).
 * A page of cases at a time, in the order of their ids, each page locked
 * (`FOR UPDATE`) in its own transaction so a command writing one of them
 * meanwhile is not overwritten and no command waits long; running it again
 * writes the same.
 */
import { sql } from 'kysely';
import { contextOfSnapshot } from '../access/assignee';
import type { Database } from '../db/database';
import type { WorkflowRegistry } from '../workflow/registry';
import { caseWaitingColumns } from './case.repository';

const PAGE = 1000;

export async function fillCaseWaiting(
  db: Database,
  registry: WorkflowRegistry,
  which: 'unfilled' | 'all' = 'unfilled',
): Promise<{ filled: number }> {
  const defs = new Map(registry.list().map((d) => [`${d.id}@${d.version}`, d]));
  let filled = 0;
  let after: string | null = null;
  for (;;) {
    const page: { n: number; last: string | null } = await db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('cases')
        .select(['id', 'workflow_id', 'workflow_version', 'office_id', 'school_id', 'subject_person_id', 'state', 'status', 'snapshot'])
        .orderBy('id')
        .limit(PAGE)
        .forUpdate();
      q = which === 'unfilled' ? q.where('waiting_for', 'is', null) : q.where('status', '=', 'active');
      if (after !== null) q = q.where('id', '>', after);
      const rows = await q.execute();
      if (rows.length === 0) return { n: 0, last: null };
      const values = rows.map((r) => {
        const def = defs.get(`${r.workflow_id}@${r.workflow_version}`);
        const scope = { officeId: r.office_id, schoolId: r.school_id, subjectPersonId: r.subject_person_id };
        // a version this program does not carry (publishing refuses one with active cases): nobody it could name
        const columns = caseWaitingColumns(def ?? { steps: {} }, { ...scope, state: r.state, status: r.status }, () =>
          contextOfSnapshot(r.snapshot),
        );
        return { id: r.id, waiting_for: JSON.parse(columns.waiting_for) as unknown, waiting_keys: columns.waiting_keys };
      });
      await sql`
        update cases c set waiting_for = v.waiting_for, waiting_keys = v.waiting_keys
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, waiting_for jsonb, waiting_keys text[])
        where c.id = v.id`.execute(trx);
      return { n: rows.length, last: rows.at(-1)!.id };
    });
    filled += page.n;
    if (page.n < PAGE) return { filled };
    after = page.last;
  }
}
