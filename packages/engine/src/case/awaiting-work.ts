import { sql } from 'kysely';
import { assigneeSnapshotPath, roleHoldersSql, stepHolderRoles } from '../access/role-holders';
import type { Label } from '../workflow/types';
import type { EngineDeps } from './engine-deps';

/** One case waiting at a step for a person to act. */
export interface AwaitingItem {
  userId: string;
  caseId: string;
  title: string;
  workflowId: string;
  step: string;
  stepLabel: Label | null;
  dueAt: Date | null;
  overdue: boolean;
}

/**
 * Everything that waits on someone, per person, soonest due first (no due
 * date last): the source of the daily digest and of "งานของฉัน". Who waits is
 * the one rule of access/role-holders.ts (`roleHoldersSql`), per step of the
 * workflow metadata. One person's work, paged and counted, is `inboxPage`
 * (inbox-page.ts: the same rule in one statement; a test holds the two equal).
 */
export async function listAwaitingWork(deps: Pick<EngineDeps, 'db' | 'registry'>, now: Date): Promise<AwaitingItem[]> {
  const items: AwaitingItem[] = [];
  for (const def of deps.registry.list()) {
    for (const [step, meta] of Object.entries(def.steps)) {
      const { officeRoles, forSubject } = stepHolderRoles(meta.roles);
      if (officeRoles.length === 0 && !forSubject) continue;
      // an assigned step (access/assignee.ts): read its assignee once per case (asg.v), not once per grant looked at
      const path = assigneeSnapshotPath(meta.assignee);
      const holders = roleHoldersSql({
        officeId: 'c.office_id',
        schoolId: 'c.school_id',
        subjectPersonId: 'c.subject_person_id',
        officeRoles: sql`${sql.val(officeRoles)}::text[]`,
        forSubject: sql.lit(forSubject),
        assignee: 'asg.v',
        at: now,
      });
      const rows = await sql<{ user_id: string; case_id: string; title: string; due_at: Date | null }>`
        select distinct u.user_id, c.id as case_id, c.title, clk.due_at
        from cases c
        cross join lateral (select ${path ? sql`c.snapshot #> ${sql.val(path)}::text[]` : sql`null::jsonb`} as v) asg
        join lateral (${holders}) u on true
        left join sla_clocks clk on clk.case_id = c.id and clk.step = ${step} and clk.status = 'running'
        where c.workflow_id = ${def.id} and c.workflow_version = ${def.version}
          and c.status = 'active' and ${step} = any(string_to_array(c.state, ','))
      `.execute(deps.db);
      for (const r of rows.rows) {
        items.push({
          userId: r.user_id,
          caseId: r.case_id,
          title: r.title,
          workflowId: def.id,
          step,
          stepLabel: meta.label,
          dueAt: r.due_at,
          overdue: r.due_at !== null && r.due_at.getTime() < now.getTime(),
        });
      }
    }
  }
  return items.sort(
    (a, b) =>
      (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) ||
      a.caseId.localeCompare(b.caseId),
  );
}
