/** Which cases wait for a committee, and the agenda rows that list them. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { WorkflowRegistry } from '../workflow/registry';
import type { CommitteeRow } from './committee-access';

export interface WaitingCase {
  caseId: string;
  step: string;
  title: string;
  createdAt: Date;
}

/** Steps, per workflow version, that a committee of this kind decides. */
export function committeeSteps(registry: WorkflowRegistry, kind: string): { workflowId: string; version: number; step: string }[] {
  return registry.list().flatMap((def) =>
    Object.entries(def.steps)
      .filter(([, meta]) => meta.committee?.kind === kind)
      .map(([step]) => ({ workflowId: def.id, version: def.version, step })),
  );
}

/** Cases of the committee's office waiting at one of its steps and not on a live agenda, oldest first. */
export async function casesAwaitingCommittee(
  db: Kysely<DB>,
  registry: WorkflowRegistry,
  committee: CommitteeRow,
  only?: readonly string[],
): Promise<WaitingCase[]> {
  const out: WaitingCase[] = [];
  for (const s of committeeSteps(registry, committee.kind)) {
    let q = db
      .selectFrom('cases as c')
      .select(['c.id', 'c.title', 'c.created_at'])
      .where('c.office_id', '=', committee.officeId)
      .where('c.workflow_id', '=', s.workflowId)
      .where('c.workflow_version', '=', s.version)
      .where('c.status', '=', 'active')
      .where(sql<boolean>`${s.step} = any(string_to_array(c.state, ','))`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('agenda_items as a')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .where('a.status', 'in', ['listed', 'decided']),
          ),
        ),
      );
    if (only) q = q.where('c.id', 'in', only.length > 0 ? [...only] : ['00000000-0000-0000-0000-000000000000']);
    for (const r of await q.execute()) out.push({ caseId: r.id, step: s.step, title: r.title, createdAt: r.created_at });
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.caseId.localeCompare(b.caseId));
}

export async function appendAgendaItems(db: Kysely<DB>, meetingId: string, cases: readonly WaitingCase[]): Promise<number> {
  if (cases.length === 0) return 0;
  const last = await db
    .selectFrom('agenda_items')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('p'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const rows = cases.map((c, i) => ({
    meeting_id: meetingId,
    case_id: c.caseId,
    step: c.step,
    position: last.p + i + 1,
    status: 'listed',
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('agenda_items')
      .values(rows.slice(i, i + 1000))
      // a case removed from this agenda and added again comes back at the end
      .onConflict((oc) =>
        oc.columns(['meeting_id', 'case_id']).doUpdateSet((eb) => ({ status: 'listed', position: eb.ref('excluded.position') })),
      )
      .execute();
  }
  return rows.length;
}
