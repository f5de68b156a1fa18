import { sql } from 'kysely';
import { isRole, ROLE_READ_SCOPE } from '../access/roles';
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
 * read from the workflow metadata (each step's roles) and the role grants in
 * the case's office or school — for a step assigned per case, the role and
 * school its data names; `applicant` is the case's subject. One person's
 * work, paged and counted, is `inboxPage` (inbox-page.ts: the same rule in
 * one statement; a test holds the two equal).
 */
export async function listAwaitingWork(deps: Pick<EngineDeps, 'db' | 'registry'>, now: Date): Promise<AwaitingItem[]> {
  const items: AwaitingItem[] = [];
  for (const def of deps.registry.list()) {
    for (const [step, meta] of Object.entries(def.steps)) {
      const officeRoles = meta.roles.filter((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office');
      const forSubject = meta.roles.includes('applicant');
      if (officeRoles.length === 0 && !forSubject) continue;
      // an assigned step (access/assignee.ts): the case's data names the one role and its school
      const path = meta.assignee === undefined ? null : ['context', ...meta.assignee.split('.')];
      // read once per case (asg.v), not once per grant looked at
      const assigneeValue = path ? sql`c.snapshot #> ${sql.val(path)}::text[]` : sql`null::jsonb`;
      const assigneeRole = sql`(asg.v ->> 'role')`;
      const assigneeSchool = sql`(asg.v ->> 'schoolId')`;
      const assigned = path ? sql`(jsonb_typeof(asg.v) = 'object' and ${assigneeRole} is not null)` : sql`false`;
      const rows = await sql<{ user_id: string; case_id: string; title: string; due_at: Date | null }>`
        select distinct u.user_id, c.id as case_id, c.title, clk.due_at
        from cases c
        cross join lateral (select ${assigneeValue} as v) asg
        join lateral (
          select ra.user_id from role_assignments ra
          where ${officeRoles.length > 0 ? sql`true` : sql`false`}
            and ra.office_id = c.office_id
            and (ra.school_id is null or ra.school_id::text = (case when ${assigned} then ${assigneeSchool} else c.school_id::text end))
            and ra.role = any(${sql.val(officeRoles)}::text[])
            and (not (${assigned}) or ra.role = ${assigneeRole})
            -- an assignee held for another school than the case's names nobody (access/assignee.ts)
            and (not (${assigned}) or ${assigneeSchool} is null or ${assigneeSchool} = c.school_id::text)
            and ra.valid_from <= ${now} and (ra.valid_until is null or ra.valid_until > ${now})
            -- segregation of duties: no officer waits to act on a case about themself
            and not exists (select 1 from users su where su.id = ra.user_id and su.person_id = c.subject_person_id)
          union
          select s.id from users s where ${forSubject ? sql`true` : sql`false`} and s.person_id = c.subject_person_id
        ) u on true
        join users usr on usr.id = u.user_id and usr.disabled_at is null
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
