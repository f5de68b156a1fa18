/**
 * The active rounds of some offices (the cycles page): a round that opened
 * children in bulk, or a round of `alsoWorkflowId` (a transfer round: its
 * requests are opened one by one as teachers file, with no opening run), with
 * its children counted and whether an opening is under way. Newest first; a
 * round the actor may not read is left out.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Actor } from '../access/actor';
import { canReadCase } from '../access/authorize';

export interface ActiveCycle {
  id: string;
  officeId: string;
  workflowId: string;
  workflowVersion: number;
  title: string;
  state: string;
  children: number;
  childrenDone: number;
  openingInProgress: boolean;
  updatedAt: Date;
}

export async function activeCycles(
  db: Database,
  actor: Actor,
  args: { officeIds: readonly string[]; alsoWorkflowId: string; limit: number },
): Promise<ActiveCycle[]> {
  const offices = [...args.officeIds];
  const rows = await db
    .selectFrom('cases as p')
    .select([
      'p.id',
      'p.office_id',
      'p.school_id',
      'p.subject_person_id',
      'p.workflow_id',
      'p.workflow_version',
      'p.title',
      'p.state',
      'p.updated_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.parent_case_id', '=', 'p.id')
        .as('children'),
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.parent_case_id', '=', 'p.id')
        .where('c.status', '=', 'done')
        .as('children_done'),
      eb
        .exists(
          eb.selectFrom('cycle_runs as u').select('u.id').whereRef('u.parent_case_id', '=', 'p.id').where('u.finished_at', 'is', null),
        )
        .as('opening'),
    ])
    .where('p.status', '=', 'active')
    .where(sql<boolean>`p.office_id = any(${offices}::uuid[])`)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('cycle_runs as u').select('u.id').whereRef('u.parent_case_id', '=', 'p.id')),
        eb('p.workflow_id', '=', args.alsoWorkflowId),
      ]),
    )
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(args.limit)
    .execute();
  return rows
    .filter((p) => canReadCase(actor, { officeId: p.office_id, schoolId: p.school_id, subjectPersonId: p.subject_person_id }))
    .map((p) => ({
      id: p.id,
      officeId: p.office_id,
      workflowId: p.workflow_id,
      workflowVersion: p.workflow_version,
      title: p.title,
      state: p.state,
      children: p.children ?? 0,
      childrenDone: p.children_done ?? 0,
      openingInProgress: Boolean(p.opening),
      updatedAt: p.updated_at,
    }));
}
