/**
 * "งานของฉัน" for one person in one statement (docs/benchmarks.md "inbox"):
 * the active cases whose stored holder keys (`cases.waiting_for`, the stored
 * form of the one rule, access/role-holders.ts `stepHolderKeys`) name one of
 * the person's grants valid now — looked up in the GIN index on
 * `cases.waiting_keys` — or name the subject when the person is the case's
 * subject (`holdsByKeysSql`), one item per step they hold, of a step of a
 * registered version (the steps where a role of theirs, or they as the
 * subject, act: one text[] parameter); the page sorted soonest
 * due first (no due moment last) and the counts over all of it, by the
 * database. The same people as `listAwaitingWork` (awaiting-work.ts), which
 * the daily digest reads for everyone at once with the rule evaluated per
 * case (`roleHoldersSql`); tests hold the two equal.
 */
import { sql } from 'kysely';
import { holdsByKeysSql, stepHolderRoles, userHolderKeys } from '../access/role-holders';
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
  const empty: InboxPage = { total: 0, overdue: 0, atRisk: 0, items: [] };
  const me = await userHolderKeys(deps.db, a.userId, a.now);
  if (me === null) return empty; // no such user, or disabled
  const roles = new Set(me.grants.map((g) => g.role));
  const personId = me.personId;

  const steps: { workflowId: string; version: number; step: string; label: Label | null }[] = [];
  for (const def of deps.registry.list()) {
    for (const [step, meta] of Object.entries(def.steps)) {
      const holder = stepHolderRoles(meta.roles);
      // only the steps this person could hold: their roles, or as the case's subject (the keys narrow to them anyway)
      if (!holder.officeRoles.some((r) => roles.has(r)) && !(holder.forSubject && personId !== null)) continue;
      steps.push({ workflowId: def.id, version: def.version, step, label: meta.label });
    }
  }
  if (steps.length === 0) return empty;

  // the steps as one text[] parameter of "<workflow>@<version>/<step>" (PostgreSQL hashes a long `= any(…)` of
  // known values), not a list of parameters per step nor a join: PostgreSQL planned a VALUES list of ~270 steps
  // (an HR officer's, every version registered) in 7–50 ms for an answer it then found in under 1 ms, and joined
  // a recordset of them by a nested loop over every case when the table had no statistics yet (docs/benchmarks.md "inbox")
  const stepIndex = new Map(steps.map((s, i) => [`${s.workflowId}@${s.version}/${s.step}`, i]));
  // the candidates by index: a grant key of theirs among the case's (GIN), or they are its subject
  const candidate =
    personId === null
      ? sql<boolean>`c.waiting_keys && ${sql.val(me.keys)}::text[]`
      : sql<boolean>`(c.waiting_keys && ${sql.val(me.keys)}::text[] or c.subject_person_id = ${personId}::uuid)`;
  const holds = holdsByKeysSql({ stepKeys: 'h.keys', subjectPersonId: 'c.subject_person_id' }, me);
  const res = await sql<{
    total: number;
    overdue: number;
    at_risk: number;
    items: { step_key: string; case_id: string; title: string; due_at: string | null }[] | null;
  }>`
    with w as (
      select c.workflow_id || '@' || c.workflow_version || '/' || h.step as step_key, c.id as case_id, c.title, clk.due_at
      from cases c
      cross join lateral jsonb_each(c.waiting_for) h(step, keys)
      left join sla_clocks clk on clk.case_id = c.id and clk.step = h.step and clk.status = 'running'
      where c.status = 'active' and ${candidate} and ${holds}
        and (c.workflow_id || '@' || c.workflow_version || '/' || h.step) = any(${sql.val([...stepIndex.keys()])}::text[])
    )
    select
      (select count(*)::int from w) as total,
      (select count(*)::int from w where due_at < ${a.now}) as overdue,
      (select count(*)::int from w where due_at >= ${a.now} and due_at < ${a.atRiskBefore}) as at_risk,
      (select json_agg(p) from (
        select step_key, case_id, title, due_at from w order by due_at asc nulls last, case_id limit ${a.limit} offset ${a.offset}
      ) p) as items`.execute(deps.db);
  const row = res.rows[0]!;
  return {
    total: row.total,
    overdue: row.overdue,
    atRisk: row.at_risk,
    items: (row.items ?? []).map((r) => {
      const s = steps[stepIndex.get(r.step_key)!]!;
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
