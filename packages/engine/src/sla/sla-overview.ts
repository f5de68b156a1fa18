/**
 * The supervisor's SLA view, in SQL: open, paused, overdue and at-risk clocks
 * by step, by office and by the person who must act; the share met on time
 * and the median / p90 time spent per step; and the drill-down to the cases.
 *
 * Definitions (the same as the inbox, `GET /api/inbox`):
 * - open: a clock `running` or `paused` (paused: the case waits on the
 *   applicant at another step; its time is frozen);
 * - overdue: `running` and `due_at` before now;
 * - at risk: `running`, not overdue, and due within one working day of office
 *   time (480 office minutes, 08:30–16:30 on working days of the clock's
 *   office). The bound is computed per office from its business calendar and
 *   handed to SQL as an instant: due_at < addWorkingMinutes(now, 480 min + 1 ms),
 *   which is exactly workingMinutesBetween(now, due_at) ≤ 480;
 * - who must act: the holders of the step's roles in the case's office (or
 *   its school), valid now, with an enabled account, never the case's subject
 *   as an officer (segregation of duties), and the subject for `applicant` —
 *   the one rule of the engine's access/role-holders.ts, as in "งานของฉัน".
 *   Only running clocks of the case's current step count (a paused clock
 *   waits on nobody there);
 * - on-time share: met / (met + breached) over closed clocks;
 * - time spent: closed_at − started_at of met and breached clocks, in
 *   elapsed hours (wall-clock, including nights, holidays and any pause),
 *   with percentile_cont(0.5) and percentile_cont(0.9).
 */
import { sql, type RawBuilder } from 'kysely';
import { assigneeSnapshotPath, holdsStepSql, roleHoldersSql, stepHolderRoles } from '../access/role-holders';
import { OFFICE_MINUTES_PER_DAY } from '../calendar/bangkok-time';
import { addWorkingMinutes } from '../calendar/office-time';
import type { EngineDeps } from '../case/engine-deps';
import type { Label } from '../workflow/types';

export interface SlaScope {
  /** the offices the caller may supervise (already authorized) */
  offices: readonly string[];
  now: Date;
  workflowId?: string;
  step?: string;
  /** closed clocks only: closed at or after / before */
  since?: Date;
  until?: Date;
}

export const CLOCK_FILTERS = ['open', 'paused', 'overdue', 'at_risk', 'met', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

/** Per office: the instant before which a running clock's due moment is "within one working day". */
async function riskBounds(deps: EngineDeps, offices: readonly string[], now: Date): Promise<{ offices: string[]; until: string[] }> {
  const until: string[] = [];
  for (const officeId of offices) {
    const calendar = await deps.calendars.forOffice(deps.db, officeId);
    // + 1 ms: a due moment exactly 480 office minutes away, or in the closed hours right after, is still at risk
    until.push(addWorkingMinutes(now, OFFICE_MINUTES_PER_DAY + 1 / 60_000, calendar).toISOString());
  }
  return { offices: [...offices], until };
}

/** Every registered step with the roles that must act there, as the JSON the SQL joins on. */
function stepRolesJson(deps: EngineDeps): string {
  const rows = deps.registry.list().flatMap((def) =>
    Object.entries(def.steps).map(([step, meta]) => {
      const { officeRoles, forSubject } = stepHolderRoles(meta.roles);
      return {
        workflow_id: def.id,
        version: def.version,
        step,
        roles: officeRoles,
        for_subject: forSubject,
        // a step assigned per case (engine access/assignee.ts): where in the snapshot its assignee is
        assignee: assigneeSnapshotPath(meta.assignee),
      };
    }),
  );
  return JSON.stringify(rows);
}

/** The label of a step, from the newest registered version of the workflow that has it. */
export function stepLabelOf(deps: EngineDeps, workflowId: string, step: string): Label | null {
  const defs = deps.registry.list().filter((d) => d.id === workflowId && d.steps[step] !== undefined);
  const newest = defs.sort((a, b) => b.version - a.version)[0];
  return newest?.steps[step]?.label ?? null;
}

const optional = (cond: unknown, fragment: RawBuilder<unknown>) => (cond !== undefined ? fragment : sql``);

/**
 * The case `c` of the clock `k`. A clock's office is its case's
 * (sla_clocks_case_office_fk), so naming the offices for the case too reads
 * them as one range of cases_office_cover_key, matched to the clocks by a hash
 * join, instead of one lookup by id for each clock.
 */
const caseOfClock = (offices: readonly string[]) => sql`join cases c on c.id = k.case_id and c.office_id = any(${[...offices]}::uuid[])`;

/** Open clocks of the scope with their overdue / at-risk flags (a CTE body). */
function openClocks(scope: SlaScope, bounds: { offices: string[]; until: string[] }): RawBuilder<unknown> {
  return sql`
    select kc.*,
           -- a clock with no due moment (a deadline set outside) is neither: coalesce, or the flag is NULL
           coalesce(kc.status = 'running' and kc.due_at < ${scope.now}, false) as overdue,
           coalesce(kc.status = 'running' and kc.due_at >= ${scope.now} and kc.due_at < b.risk_until, false) as at_risk
    from (
      select k.id as clock_id, k.case_id, k.office_id, k.step, k.status, k.started_at, k.due_at,
             c.workflow_id, c.workflow_version, c.school_id, c.subject_person_id, c.title, c.state, c.status as case_status
      from sla_clocks k
      ${caseOfClock(bounds.offices)}
      where k.status in ('running', 'paused')
        and k.office_id = any(${bounds.offices}::uuid[])
        ${optional(scope.workflowId, sql`and c.workflow_id = ${scope.workflowId}`)}
        ${optional(scope.step, sql`and k.step = ${scope.step}`)}
      -- planned on its own, then joined to the offices' risk bounds: joined inside, the bounds made the planner
      -- expect a few clocks per office, not thousands, and match clocks to cases by a nested loop
      offset 0
    ) kc
    join unnest(${bounds.offices}::uuid[], ${bounds.until}::timestamptz[]) as b(office_id, risk_until) on b.office_id = kc.office_id`;
}

function closedClocks(scope: SlaScope): RawBuilder<unknown> {
  return sql`
    select k.id as clock_id, k.case_id, k.office_id, k.step, k.status, k.started_at, k.due_at, k.closed_at,
           c.workflow_id, c.title,
           extract(epoch from (k.closed_at - k.started_at)) / 3600.0 as hours
    from sla_clocks k
    ${caseOfClock(scope.offices)}
    where k.office_id = any(${[...scope.offices]}::uuid[])
      and k.status in ('met', 'breached') and k.closed_at is not null
      ${optional(scope.workflowId, sql`and c.workflow_id = ${scope.workflowId}`)}
      ${optional(scope.step, sql`and k.step = ${scope.step}`)}
      ${optional(scope.since, sql`and k.closed_at >= ${scope.since}`)}
      ${optional(scope.until, sql`and k.closed_at < ${scope.until}`)}`;
}

/** The step `s` of an open clock `o` (columns of `openClocks`), its assignee `asg.v`, for the one rule (engine access/role-holders.ts). */
const stepOfClock = (now: Date) => ({
  officeId: 'o.office_id',
  schoolId: 'o.school_id',
  subjectPersonId: 'o.subject_person_id',
  officeRoles: 's.roles',
  forSubject: 's.for_subject',
  assignee: 'asg.v',
  at: now,
});

/** A group of clocks `w` of "who must act" (its columns are the operands of the one rule), for roleHoldersSql. */
const waitingOn = (now: Date) => ({
  officeId: 'w.office_id',
  schoolId: 'w.school_id',
  subjectPersonId: 'w.subject_person_id',
  officeRoles: 'w.roles',
  forSubject: 'w.for_subject',
  assignee: 'w.v',
  at: now,
});

/** Its assignee, read from the case only for a step assigned per case (a lateral `asg`). */
const assigneeOfClock = sql`(select case when s.assignee is null then null::jsonb else (select cs.snapshot #> s.assignee from cases cs where cs.id = o.case_id) end as v) asg`;

const stepsTable = (deps: EngineDeps) =>
  sql`jsonb_to_recordset(${stepRolesJson(deps)}::jsonb) as s(workflow_id text, version int, step text, roles text[], for_subject boolean, assignee text[])`;

export interface StepRow {
  workflowId: string;
  step: string;
  label: Label | null;
  open: number;
  paused: number;
  overdue: number;
  atRisk: number;
  met: number;
  breached: number;
  onTimeShare: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

interface OpenStepRow {
  workflow_id: string;
  step: string;
  open: number;
  paused: number;
  overdue: number;
  at_risk: number;
}
interface ClosedStepRow {
  workflow_id: string;
  step: string;
  met: number;
  breached: number;
  median: number | null;
  p90: number | null;
}

/** The open clocks `o` counted per step. */
const openByStepSql = sql`
    select workflow_id, step, count(*)::int as open,
           count(*) filter (where status = 'paused')::int as paused,
           count(*) filter (where overdue)::int as overdue,
           count(*) filter (where at_risk)::int as at_risk
    from o group by workflow_id, step`;

/** The closed clocks of the scope per step: met, breached, and the time spent. */
const closedByStep = (deps: EngineDeps, scope: SlaScope) =>
  sql<ClosedStepRow>`
    with k as (${closedClocks(scope)})
    select workflow_id, step,
           count(*) filter (where status = 'met')::int as met,
           count(*) filter (where status = 'breached')::int as breached,
           percentile_cont(0.5) within group (order by hours) as median,
           percentile_cont(0.9) within group (order by hours) as p90
    from k group by workflow_id, step`.execute(deps.db);

function stepRows(deps: EngineDeps, open: readonly OpenStepRow[], closed: readonly ClosedStepRow[]): StepRow[] {
  const rows = new Map<string, StepRow>();
  const row = (workflowId: string, step: string) => {
    const key = `${workflowId}\u0000${step}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        workflowId,
        step,
        label: stepLabelOf(deps, workflowId, step),
        open: 0,
        paused: 0,
        overdue: 0,
        atRisk: 0,
        met: 0,
        breached: 0,
        onTimeShare: null,
        medianHours: null,
        p90Hours: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of open)
    Object.assign(row(o.workflow_id, o.step), { open: o.open, paused: o.paused, overdue: o.overdue, atRisk: o.at_risk });
  for (const c of closed) {
    Object.assign(row(c.workflow_id, c.step), {
      met: c.met,
      breached: c.breached,
      onTimeShare: c.met + c.breached > 0 ? c.met / (c.met + c.breached) : null,
      medianHours: c.median === null ? null : Number(c.median),
      p90Hours: c.p90 === null ? null : Number(c.p90),
    });
  }
  return [...rows.values()].sort(
    (a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || a.workflowId.localeCompare(b.workflowId) || a.step.localeCompare(b.step),
  );
}

export interface OfficeRow {
  officeId: string;
  nameTh: string;
  nameEn: string;
  open: number;
  paused: number;
  overdue: number;
  atRisk: number;
}

interface OfficeCountRow {
  office_id: string;
  name_th: string;
  name_en: string;
  open: number;
  paused: number;
  overdue: number;
  at_risk: number;
}

/** The open clocks `o` counted per office of the scope (every office, with none too). */
const openByOfficeSql = (scope: SlaScope) => sql`
    select f.id as office_id, f.name_th, f.name_en,
           -- counted by case_id (never null), which sla_clocks_office_open_cover_idx holds: the clock's id would be read from the table
           count(o.case_id)::int as open,
           count(o.case_id) filter (where o.status = 'paused')::int as paused,
           count(o.case_id) filter (where o.overdue)::int as overdue,
           count(o.case_id) filter (where o.at_risk)::int as at_risk
    from offices f left join o on o.office_id = f.id
    where f.id = any(${[...scope.offices]}::uuid[])
    group by f.id, f.name_th, f.name_en`;
const OFFICE_ORDER = sql`overdue desc, at_risk desc, name_th`;

export async function slaByOffice(deps: EngineDeps, scope: SlaScope): Promise<OfficeRow[]> {
  const bounds = await riskBounds(deps, scope.offices, scope.now);
  const res = await sql<OfficeCountRow>`
    with o as (${openClocks(scope, bounds)}), x as (${openByOfficeSql(scope)})
    select * from x order by ${OFFICE_ORDER}`.execute(deps.db);
  return res.rows.map(officeRow);
}

const officeRow = (r: OfficeCountRow): OfficeRow => ({
  officeId: r.office_id,
  nameTh: r.name_th,
  nameEn: r.name_en,
  open: r.open,
  paused: r.paused,
  overdue: r.overdue,
  atRisk: r.at_risk,
});

export interface PersonRow {
  userId: string;
  username: string;
  nameTh: string | null;
  open: number;
  overdue: number;
  atRisk: number;
}

interface PersonCountRow {
  user_id: string;
  username: string;
  name_th: string | null;
  open: number;
  overdue: number;
  at_risk: number;
}

/**
 * The running clocks `o` at their case's current step counted per person who must act there, with the person's
 * name (CTEs `waiting` and `per`, then the select).
 */
const openByPersonSql = (deps: EngineDeps, scope: SlaScope) => sql`
    -- the clocks waiting on the same holders, counted together: who holds a step depends only on the case's office,
    -- school, subject and assignee and the step's roles (the operands of the one rule), so it is asked once per
    -- such group, not once per clock
    waiting as (
      select o.office_id, o.school_id, o.subject_person_id, s.roles, s.for_subject, asg.v,
             count(*)::int as open,
             count(*) filter (where o.overdue)::int as overdue,
             count(*) filter (where o.at_risk)::int as at_risk
      from o
      join ${stepsTable(deps)} on s.workflow_id = o.workflow_id and s.version = o.workflow_version and s.step = o.step
      cross join lateral ${assigneeOfClock}
      where o.status = 'running' and o.case_status = 'active' and o.step = any(string_to_array(o.state, ','))
      group by o.office_id, o.school_id, o.subject_person_id, s.roles, s.for_subject, asg.v
    ),
    -- counted per person first; their names are read once per person, not once per clock
    per as (
      select u.user_id, sum(w.open)::int as open, sum(w.overdue)::int as overdue, sum(w.at_risk)::int as at_risk
      from waiting w
      join lateral (${roleHoldersSql(waitingOn(scope.now))}) u on true
      group by u.user_id
    ),
    people_counted as (
      select per.user_id, usr.username,
             nullif(trim(concat(p.title_th, p.first_name_th, ' ', p.last_name_th)), '') as name_th,
             per.open, per.overdue, per.at_risk
      from per
      join users usr on usr.id = per.user_id
      left join people p on p.id = usr.person_id
    )`;
const PERSON_ORDER = sql`overdue desc, at_risk desc, open desc, username`;

const personRow = (r: PersonCountRow): PersonRow => ({
  userId: r.user_id,
  username: r.username,
  nameTh: r.name_th,
  open: r.open,
  overdue: r.overdue,
  atRisk: r.at_risk,
});

export interface SlaOverview {
  byStep: StepRow[];
  byOffice: OfficeRow[];
  byPerson: PersonRow[];
}

/**
 * The overview's three views — by step, by office (the same rows as `slaByOffice`), by person — with the scope's
 * open clocks and their cases read once for all three (one statement), and the closed clocks at the same time on
 * another connection: on tables not yet vacuumed each read of them goes to the table's pages.
 */
export async function slaOverview(deps: EngineDeps, scope: SlaScope): Promise<SlaOverview> {
  const bounds = await riskBounds(deps, scope.offices, scope.now);
  const [open, closed] = await Promise.all([
    sql<{ steps: OpenStepRow[]; offices: OfficeCountRow[]; people: PersonCountRow[] }>`
      -- only the columns the three counts read, all held by the two covering indexes (sla_clocks_office_open_cover_idx,
      -- cases_office_cover_key): a stored CTE keeps every column it names, and the title or the clock's id would send
      -- every row's read to the tables
      with o as materialized (
        select oc.case_id, oc.office_id, oc.step, oc.status, oc.workflow_id, oc.workflow_version, oc.school_id,
               oc.subject_person_id, oc.state, oc.case_status, oc.overdue, oc.at_risk
        from (${openClocks(scope, bounds)}) oc
      ),
      steps as (${openByStepSql}),
      offices_counted as (${openByOfficeSql(scope)}),
      ${openByPersonSql(deps, scope)}
      select coalesce((select json_agg(x) from steps x), '[]') as steps,
             coalesce((select json_agg(x order by ${OFFICE_ORDER}) from offices_counted x), '[]') as offices,
             coalesce((select json_agg(x order by ${PERSON_ORDER}) from people_counted x), '[]') as people`.execute(deps.db),
    closedByStep(deps, scope),
  ]);
  const row = open.rows[0]!;
  return {
    byStep: stepRows(deps, row.steps, closed.rows),
    byOffice: row.offices.map(officeRow),
    byPerson: row.people.map(personRow),
  };
}

export interface ClockCase {
  caseId: string;
  title: string;
  officeId: string;
  workflowId: string;
  step: string;
  stepLabel: Label | null;
  clockStatus: string;
  startedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  atRisk: boolean;
  hoursSpent: number | null;
}

/** The clocks (and their cases) behind a number of the overview, soonest due first. */
export async function slaCases(
  deps: EngineDeps,
  scope: SlaScope & { filter: ClockFilter; userId?: string; limit: number },
): Promise<ClockCase[]> {
  const s: SlaScope = scope;
  if (scope.filter === 'met' || scope.filter === 'breached') {
    const res = await sql<{
      case_id: string;
      title: string;
      office_id: string;
      workflow_id: string;
      step: string;
      status: string;
      started_at: Date;
      due_at: Date | null;
      closed_at: Date;
      hours: number;
    }>`
      with k as (${closedClocks(s)})
      select * from k where status = ${scope.filter}
      order by closed_at desc, case_id limit ${scope.limit}`.execute(deps.db);
    return res.rows.map((r) => ({
      caseId: r.case_id,
      title: r.title,
      officeId: r.office_id,
      workflowId: r.workflow_id,
      step: r.step,
      stepLabel: stepLabelOf(deps, r.workflow_id, r.step),
      clockStatus: r.status,
      startedAt: r.started_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      closedAt: r.closed_at.toISOString(),
      overdue: false,
      atRisk: false,
      hoursSpent: Number(r.hours),
    }));
  }
  const bounds = await riskBounds(deps, scope.offices, scope.now);
  const byFilter = {
    open: sql`true`,
    paused: sql`o.status = 'paused'`,
    overdue: sql`o.overdue`,
    at_risk: sql`o.at_risk`,
  }[scope.filter];
  const forUser =
    scope.userId === undefined
      ? sql``
      : sql`and o.status = 'running' and o.step = any(string_to_array(o.state, ','))
          and exists (
            select 1 from ${stepsTable(deps)}
            cross join lateral ${assigneeOfClock}
            where s.workflow_id = o.workflow_id and s.version = o.workflow_version and s.step = o.step
              and ${holdsStepSql(stepOfClock(scope.now), scope.userId)})`;
  const res = await sql<{
    case_id: string;
    title: string;
    office_id: string;
    workflow_id: string;
    step: string;
    status: string;
    started_at: Date;
    due_at: Date | null;
    overdue: boolean;
    at_risk: boolean;
  }>`
    with o as (${openClocks(s, bounds)})
    select o.* from o
    where ${byFilter} ${forUser}
    order by o.due_at asc nulls last, o.case_id limit ${scope.limit}`.execute(deps.db);
  return res.rows.map((r) => ({
    caseId: r.case_id,
    title: r.title,
    officeId: r.office_id,
    workflowId: r.workflow_id,
    step: r.step,
    stepLabel: stepLabelOf(deps, r.workflow_id, r.step),
    clockStatus: r.status,
    startedAt: r.started_at.toISOString(),
    dueAt: r.due_at?.toISOString() ?? null,
    closedAt: null,
    overdue: r.overdue,
    atRisk: r.at_risk,
    hoursSpent: null,
  }));
}
