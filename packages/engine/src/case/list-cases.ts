import { sql } from 'kysely';
import type { Actor } from '../access/actor';
import { ROLE_READ_SCOPE } from '../access/roles';
import { caseRowToRecord, isUuid, type CaseRecord } from './case.repository';
import type { EngineDeps } from './engine-deps';

export interface CaseFilter {
  officeId?: string;
  workflowId?: string;
  /** one active step path; matches cases waiting there */
  step?: string;
  status?: 'active' | 'done';
  /** search: part of the title or of the subject's Thai or English name, or the subject's full citizen id */
  q?: string;
  /** default 50, at most 500 */
  limit?: number;
  /** the `updatedAt`+`id` of the last case of the previous page */
  after?: { updatedAt: Date; id: string };
}

export const LIST_LIMIT_MAX = 500;

/**
 * Cases the actor may see, newest change first. The scope is part of the SQL:
 * nothing outside the actor's offices, schools or own cases is ever read.
 */
export async function listCases(deps: EngineDeps, actor: Actor, filter: CaseFilter = {}): Promise<CaseRecord[]> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), LIST_LIMIT_MAX);
  let query = deps.db.selectFrom('cases').selectAll();
  if (actor.kind === 'committee') {
    query = query.where('office_id', '=', actor.officeId);
  } else if (actor.kind === 'user') {
    const readable = actor.grants.filter((g) => ROLE_READ_SCOPE[g.role] === 'office');
    const offices = [...new Set(readable.filter((g) => g.schoolId === null).map((g) => g.officeId))];
    const schools = [...new Set(readable.filter((g) => g.schoolId !== null).map((g) => g.schoolId as string))];
    query = query.where((eb) =>
      eb.or([
        ...(offices.length > 0 ? [eb('office_id', 'in', offices)] : []),
        ...(schools.length > 0 ? [eb('school_id', 'in', schools)] : []),
        ...(actor.personId !== null ? [eb('subject_person_id', '=', actor.personId)] : []),
        eb.val(false),
      ]),
    );
  }
  if (filter.officeId !== undefined && !isUuid(filter.officeId)) return [];
  if (filter.officeId) query = query.where('office_id', '=', filter.officeId);
  if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.step) query = query.where(sql<boolean>`${filter.step} = any(string_to_array(state, ','))`);
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const q = filter.q.trim();
    const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('title', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('people as p')
            .select('p.id')
            .whereRef('p.id', '=', 'cases.subject_person_id')
            .where((pb) =>
              pb.or([
                pb('p.citizen_id', '=', q),
                pb(sql<string>`p.first_name_th || ' ' || p.last_name_th`, 'ilike', like),
                pb(sql<string>`coalesce(p.first_name_en, '') || ' ' || coalesce(p.last_name_en, '')`, 'ilike', like),
              ]),
            ),
        ),
      ]),
    );
  }
  if (filter.after) {
    const { updatedAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('updated_at', '<', updatedAt), eb.and([eb('updated_at', '=', updatedAt), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(caseRowToRecord);
}
