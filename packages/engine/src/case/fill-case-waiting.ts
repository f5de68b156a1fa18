/**
 * Fills who holds the steps of the active cases written before the engine
 * stored it (`cases.waiting_for` null: migration 2026_12_09_0200), from the
 * workflows' metadata — which only the program has, so `pnpm migrate` runs it
 * right after publishing the workflows (db/migrate-database.ts). A page of
 * cases at a time, each page locked (`FOR UPDATE`) in its own transaction so
 * a command writing one of them meanwhile is not overwritten; running it
 * again finds nothing to do.
 */
import { sql } from 'kysely';
import { contextOfSnapshot } from '../access/assignee';
import type { Database } from '../db/database';
import type { WorkflowRegistry } from '../workflow/registry';
import { caseWaitingColumns } from './case.repository';

const PAGE = 1000;

export async function fillCaseWaiting(db: Database, registry: WorkflowRegistry): Promise<{ filled: number }> {
  const defs = new Map(registry.list().map((d) => [`${d.id}@${d.version}`, d]));
  let filled = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('cases')
        .select(['id', 'workflow_id', 'workflow_version', 'office_id', 'school_id', 'subject_person_id', 'state', 'status', 'snapshot'])
        .where('waiting_for', 'is', null)
        .orderBy('id')
        .limit(PAGE)
        .forUpdate()
        .execute();
      if (rows.length === 0) return 0;
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
      return rows.length;
    });
    filled += n;
    if (n < PAGE) return { filled };
  }
}
