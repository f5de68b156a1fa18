/**
 * "งานของฉัน" for one person in one statement (docs/benchmarks.md "inbox"):
 * the steps where a role of theirs — or they as the case's subject — act
 * (each with its assignee path when the step is assigned per case) as one
 * jsonb parameter read as rows, joined to the active cases standing at them; the page sorted
 * soonest due first (no due moment last) and the counts over all of it, by
 * the database. Who holds a step is the one rule (access/role-holders.ts,
 * `holdsStepSql`, narrowed to this user), as in `listAwaitingWork`
 * (awaiting-work.ts), which the daily digest reads for everyone at once; a
 * test holds the two equal.
 */
import { sql } from 'kysely';
import { assigneeSnapshotPath, holdsStepSql, stepHolderRoles } from '../access/role-holders';
import type { Label } from '../workflow/types';
import type { AwaitingItem } from './awaiting-work';
import type { EngineDeps } from './engine-deps';

export interface InboxPage {
  total: number;
  overdue: number;
  /** due from now until `atRiskBefore` (not overdue) */
  atRisk: number;
  items: AwaitingItem[];
}

export async function inboxPage(
  deps: Pick<EngineDeps, 'db' | 'registry'>,
  a: {
    userId: string;
    now: Date;
    limit: number;
    offset: number;
    /** a clock due before this moment (and not overdue) is at risk */ atRiskBefore: Date;
  },
): Promise<InboxPage> {
  const me = await sql<{ role: string | null; person_id: string | null }>`
    select ra.role, u.person_id
    from users u
    left join role_assignments ra on ra.user_id = u.id and ra.valid_from <= ${a.now} and (ra.valid_until is null or ra.valid_until > ${a.now})
    where u.id = ${a.userId}::uuid and u.disabled_at is null`.execute(deps.db);
  const roles = new Set(me.rows.flatMap((r) => (r.role === null ? [] : [r.role])));
  const personId = me.rows[0]?.person_id ?? null;
  const empty: InboxPage = { total: 0, overdue: 0, atRisk: 0, items: [] };
  if (me.rows.length === 0) return empty; // no such user, or disabled

  const steps: {
    workflowId: string;
    version: number;
    step: string;
    roles: string[];
    forSubject: boolean;
    path: string[] | null;
    label: Label | null;
  }[] = [];
  for (const def of deps.registry.list()) {
    for (const [step, meta] of Object.entries(def.steps)) {
      const holder = stepHolderRoles(meta.roles);
      // only the steps this person could hold: their roles (the rule narrows to them anyway), or as the case's subject
      const mine = holder.officeRoles.filter((r) => roles.has(r));
      const forSubject = holder.forSubject && personId !== null;
      if (mine.length === 0 && !forSubject) continue;
      steps.push({
        workflowId: def.id,
        version: def.version,
        step,
        roles: mine,
        forSubject,
        path: assigneeSnapshotPath(meta.assignee),
        label: meta.label,
      });
    }
  }
  if (steps.length === 0) return empty;

  // the steps as one jsonb parameter, not a VALUES list of 7 parameters per step: PostgreSQL
  // planned a list of ~270 steps (an HR officer's, every version registered) in 7–50 ms for
  // an answer it then found in under 1 ms (docs/benchmarks.md "inbox")
  const stepRows = JSON.stringify(
    steps.map((s, i) => ({
      i,
      workflow_id: s.workflowId,
      version: s.version,
      step: s.step,
      roles: s.roles,
      for_subject: s.forSubject,
      path: s.path,
    })),
  );
  const mine = holdsStepSql(
    {
      officeId: 'c.office_id',
      schoolId: 'c.school_id',
      subjectPersonId: 'c.subject_person_id',
      officeRoles: 'st.roles',
      forSubject: 'st.for_subject',
      assignee: 'asg.v',
      at: a.now,
    },
    a.userId,
  );
  const res = await sql<{
    total: number;
    overdue: number;
    at_risk: number;
    items: { i: number; case_id: string; title: string; due_at: string | null }[] | null;
  }>`
    with st as (
      select * from jsonb_to_recordset(${stepRows}::jsonb) as x(i int, workflow_id text, version int, step text, roles text[], for_subject boolean, path text[])
    ),
    w as (
      select st.i, c.id as case_id, c.title, clk.due_at
      from st
      join cases c on c.workflow_id = st.workflow_id and c.workflow_version = st.version
        and c.status = 'active' and st.step = any(string_to_array(c.state, ','))
      -- an assigned step (access/assignee.ts): its assignee read once per case
      cross join lateral (select case when st.path is null then null else c.snapshot #> st.path end as v) asg
      left join sla_clocks clk on clk.case_id = c.id and clk.step = st.step and clk.status = 'running'
      where ${mine}
    )
    select
      (select count(*)::int from w) as total,
      (select count(*)::int from w where due_at < ${a.now}) as overdue,
      (select count(*)::int from w where due_at >= ${a.now} and due_at < ${a.atRiskBefore}) as at_risk,
      (select json_agg(p) from (
        select i, case_id, title, due_at from w order by due_at asc nulls last, case_id limit ${a.limit} offset ${a.offset}
      ) p) as items`.execute(deps.db);
  const row = res.rows[0]!;
  return {
    total: row.total,
    overdue: row.overdue,
    atRisk: row.at_risk,
    items: (row.items ?? []).map((r) => {
      const s = steps[r.i]!;
      const dueAt = r.due_at === null ? null : new Date(r.due_at);
      return {
        userId: a.userId,
        caseId: r.case_id,
        title: r.title,
        workflowId: s.workflowId,
        step: s.step,
        stepLabel: s.label,
        dueAt,
        overdue: dueAt !== null && dueAt.getTime() < a.now.getTime(),
      };
    }),
  };
}
