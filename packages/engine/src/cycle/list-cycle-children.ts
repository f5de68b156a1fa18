/**
 * The children of one cycle that an actor may read, with the person each is
 * about (name and citizen id, from the office's directory): what a round's
 * administration page lists (every transfer request of a round by state),
 * and what a round's score sheet is written from and read back against.
 * Only children of the parent's office the actor may read are returned.
 */
import { canReadCase } from '../access/authorize';
import type { Actor } from '../access/actor';
import type { EngineDeps } from '../case/engine-deps';
import { caseRowToRecord, isUuid, type CaseRecord } from '../case/case.repository';

export interface CycleChildRow extends CaseRecord {
  parentCaseId: string;
  key: string;
  /** the person the child is about, as the directory has them (null when the child names nobody) */
  subject: { personId: string; nameTh: string; citizenId: string | null } | null;
}

export async function listCycleChildren(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  parentCaseId: string,
  opts: { workflowId: string },
): Promise<CycleChildRow[]> {
  if (!isUuid(parentCaseId)) return [];
  const rows = await deps.db
    .selectFrom('cases')
    .leftJoin('people', 'people.id', 'cases.subject_person_id')
    .selectAll('cases')
    .select([
      'people.first_name_th as p_first',
      'people.last_name_th as p_last',
      'people.title_th as p_title',
      'people.citizen_id as p_citizen',
    ])
    .where('cases.parent_case_id', '=', parentCaseId)
    .where('cases.workflow_id', '=', opts.workflowId)
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .execute();
  const out: CycleChildRow[] = [];
  for (const row of rows) {
    const record = caseRowToRecord(row as Parameters<typeof caseRowToRecord>[0]);
    if (!canReadCase(actor, record)) continue;
    const subject =
      record.subjectPersonId && row.p_first !== null
        ? {
            personId: record.subjectPersonId,
            nameTh: `${row.p_title ?? ''}${row.p_first} ${row.p_last ?? ''}`.trim(),
            citizenId: row.p_citizen,
          }
        : null;
    out.push({ ...record, parentCaseId, key: row.cycle_key ?? '', subject });
  }
  return out;
}
