/**
 * "งานของฉัน" for one person in one statement (docs/benchmarks.md "inbox"):
 * the steps waiting on them, read from `case_waiting` (migration
 * 2026_12_09_0400: each step an active case waits at, once per key of who
 * holds it — the stored form of the one rule, access/role-holders.ts
 * `stepHolderKeys` — with the due moment of its running clock, kept by
 * triggers) by the btree on (holder_key, due_at, case_id, step): for each of
 * the person's keys — their grant keys valid now, and `subject/<person>` for
 * the steps they hold as a case's subject — the first rows after the cursor,
 * soonest due first (no due moment last), merged; the counts over all of it
 * (all, overdue, at risk) read from the same index. Segregation of duties: a
 * grant does not hold a step of a case about the person themself.
 *
 * The same people as `listAwaitingWork` (awaiting-work.ts), which the daily
 * digest reads for everyone at once with the rule evaluated per case
 * (`roleHoldersSql`); tests hold the two equal. Every active case's version
 * is registered (publishing refuses to run without one), so each item's step
 * has its label.
 */
import { sql, type RawBuilder } from 'kysely';
import { executeShape } from '../db/statement-shape';
import { holderKeysOf, SUBJECT_KEY, userHolderKeys, type RoleGrantKey } from '../access/role-holders';
import type { WorkflowDefinition } from '../workflow/types';
import type { AwaitingItem } from './awaiting-work';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { EngineDeps } from './engine-deps';

export interface InboxPage {
  total: number;
  overdue: number;
  /** due from now until `atRiskBefore` (not overdue) */
  atRisk: number;
  /** the items of the filter that match the search: every page of them */
  matched: number;
  items: AwaitingItem[];
  /** where the next page starts (`after`), or null when this page is the last */
  next: InboxCursor | null;
  /** the moment before which a clock (not overdue) is at risk, as used for `atRisk` */
  atRiskBefore: Date;
}

/** A place in the order of the inbox (soonest due first, no due moment last, then case and step): the last item of a page. */
export interface InboxCursor {
  dueAt: Date | null;
  caseId: string;
  step: string;
}

/** Which items: all, overdue (due before now), or at risk (due from now until `atRiskBefore`). */
export type InboxFilter = 'all' | 'overdue' | 'atRisk';

export async function inboxPage(
  deps: Pick<EngineDeps, 'db' | 'registry' | 'calendars'>,
  a: {
    userId: string;
    /**
     * the person as the caller has just read them — their grants valid at
     * `now` and their person (a request's session: `resolveSessionActor`);
     * read here when absent
     */
    actor?: { readonly personId: string | null; readonly grants: readonly RoleGrantKey[] };
    now: Date;
    limit: number;
    /** skip this many items after `after` (or from the start) */
    offset?: number;
    /** start after this item (the `next` of the previous page) */
    after?: InboxCursor | null;
    filter?: InboxFilter;
    /** only the items whose case title or step name (Thai or English) contains this, ignoring case */
    search?: string;
    /**
     * a clock due before this moment (and not overdue) is at risk: a moment,
     * or computed from the business calendar of an office — the calendar the
     * process holds, its revision checked in the page's own statement (read
     * again, and the page asked again, only when it moved)
     */
    atRiskBefore: Date | { readonly officeId: string | null; readonly from: (calendar: BusinessCalendar) => Date };
  },
): Promise<InboxPage> {
  const at = a.atRiskBefore;
  if (at instanceof Date) return (await pageOf(deps, a, at, null))!;
  const held = deps.calendars.cached?.(at.officeId);
  if (held !== undefined) {
    const page = await pageOf(deps, a, at.from(held.calendar), held.revision);
    if (page !== null) return page;
  }
  return (await pageOf(deps, a, at.from(await deps.calendars.forOffice(deps.db, at.officeId)), null))!;
}

async function pageOf(
  deps: Pick<EngineDeps, 'db' | 'registry'>,
  a: Omit<Parameters<typeof inboxPage>[1], 'atRiskBefore'>,
  atRiskBefore: Date,
  /** the calendar revision `atRiskBefore` was computed at, checked in the statement (null: nothing to check); the answer is null when it moved */
  calendarRevision: string | null,
): Promise<InboxPage | null> {
  const empty: InboxPage = { total: 0, overdue: 0, atRisk: 0, matched: 0, items: [], next: null, atRiskBefore };
  const me = a.actor ? holderKeysOf(a.actor) : await userHolderKeys(deps.db, a.userId, a.now);
  if (me === null) return empty; // no such user, or disabled
  const subjectKey = me.personId === null ? null : `${SUBJECT_KEY}/${me.personId}`;
  const keys = subjectKey === null ? me.keys : [...me.keys, subjectKey];
  if (keys.length === 0) return empty;
  const filter = a.filter ?? 'all';
  const offset = a.offset ?? 0;
  const search = a.search?.trim() ?? '';
  const after = a.after ?? null;
  // the statement has a few shapes (how many keys, the filter, the cursor, a search…) and only its values change from
  // one request to the next: compiled once per shape and prepared (db/statement-shape.ts); every value below is a
  // parameter, used as it is
  const values: Record<string, unknown> = {
    keys,
    personId: me.personId,
    subjectKey,
    now: a.now,
    atRiskBefore,
    want: a.limit + offset + 1, // one more than the page: whether there is a next
    pageLimit: a.limit + 1,
    offset,
    pattern: `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
    stepsNamed: search === '' ? [] : stepsNamed(deps.registry, search),
    afterDueAt: after?.dueAt ?? null,
    afterCaseId: after?.caseId ?? null,
    afterStep: after?.step ?? null,
    ...Object.fromEntries(keys.map((k, i) => [`key${i}`, k])),
  };
  const shape = [
    'inbox-page',
    keys.length,
    me.keys.length > 1 ? 'distinct' : 'one',
    me.personId === null ? 'nobody' : 'person',
    filter,
    after === null ? 'first' : after.dueAt === null ? 'after-undated' : 'after-dated',
    search === '' ? 'all' : 'search',
    calendarRevision === null ? 'no-calendar' : 'calendar',
  ].join(':');
  const res = await executeShape(deps.db, shape, values, (v) => ({
    compile: () =>
      pageStatement(v, {
        keyCount: keys.length,
        distinct: me.keys.length > 1,
        person: me.personId !== null,
        filter,
        after,
        search: search !== '',
        calendar: calendarRevision !== null,
      }).compile(deps.db),
  }));
  const row = res.rows[0]!;
  if (calendarRevision !== null && row.calendar_revision !== calendarRevision) return null;
  const rows = row.items ?? [];
  const more = rows.length > a.limit;
  const items = rows.slice(0, a.limit).map((r): AwaitingItem => {
    const def = registered(deps.registry, r.workflow_id, r.workflow_version);
    const dueAt = r.due_at === null ? null : new Date(r.due_at);
    return {
      userId: a.userId,
      caseId: r.case_id,
      title: r.title,
      workflowId: r.workflow_id,
      step: r.step,
      stepLabel: def?.steps[r.step]?.label ?? null,
      dueAt,
      overdue: dueAt !== null && dueAt.getTime() < a.now.getTime(),
    };
  });
  const last = items.at(-1);
  return {
    total: row.total,
    overdue: row.overdue,
    atRisk: row.at_risk,
    matched: row.matched ?? (filter === 'overdue' ? row.overdue : filter === 'atRisk' ? row.at_risk : row.total),
    items,
    next: more && last ? { dueAt: last.dueAt, caseId: last.caseId, step: last.step } : null,
    atRiskBefore,
  };
}

interface PageRow {
  total: number;
  overdue: number;
  at_risk: number;
  matched: number | null;
  calendar_revision: string | null;
  items: { case_id: string; step: string; due_at: string | null; title: string; workflow_id: string; workflow_version: number }[] | null;
}

/** The page's one statement of a shape, its values (`v`) as parameters. */
function pageStatement(
  v: Record<string, unknown>,
  s: {
    keyCount: number;
    distinct: boolean;
    person: boolean;
    filter: InboxFilter;
    after: InboxCursor | null;
    search: boolean;
    calendar: boolean;
  },
): RawBuilder<PageRow> {
  // two of the person's grant keys may hold the same step (an office-wide and a school grant of a role, two roles of
  // the step): only then is there anything to make distinct — the subject key never shares a step with a grant key
  // of theirs (segregation of duties, below)
  const distinct = s.distinct ? sql`distinct` : sql``;
  // segregation of duties: a grant key does not hold a step of a case about the person (their subject key does)
  const holds = s.person
    ? sql<boolean>`(w.subject_person_id is distinct from ${v.personId}::uuid or w.holder_key = ${v.subjectKey}::text)`
    : sql<boolean>`true`;
  // the search: the case's title, or a step whose name matches (from the workflows' metadata)
  const matches = !s.search
    ? null
    : sql<boolean>`exists (select 1 from cases sc where sc.id = w.case_id
        and (sc.title ilike ${v.pattern}::text
             or (sc.workflow_id || '@' || sc.workflow_version || '/' || w.step) = any(${v.stepsNamed}::text[])))`;
  const matching = matches === null ? sql`` : sql`and ${matches}`;
  // one key's first `want` rows after the cursor, in the index's order (due moment ascending, none last, then case
  // and step): one range read of `case_waiting_page_idx` — two when the cursor has a due moment and the filter is
  // "all" (those due after it, then those with none, which a row comparison does not reach)
  const range =
    s.filter === 'overdue'
      ? sql`and w.due_at < ${v.now}::timestamptz`
      : s.filter === 'atRisk'
        ? sql`and w.due_at >= ${v.now}::timestamptz and w.due_at < ${v.atRiskBefore}::timestamptz`
        : sql``;
  const read = (key: unknown, where: RawBuilder<unknown>) =>
    sql`(select w.case_id, w.step, w.due_at from case_waiting w where w.holder_key = ${key}::text and ${holds} ${range} ${where} ${matching}
         order by w.due_at, w.case_id, w.step limit ${v.want}::int)`;
  const readsOf = (key: unknown): RawBuilder<unknown>[] => {
    if (s.after === null) return [read(key, sql``)];
    if (s.after.dueAt === null)
      return [read(key, sql`and w.due_at is null and (w.case_id, w.step) > (${v.afterCaseId}::uuid, ${v.afterStep}::text)`)];
    const later = read(
      key,
      sql`and w.due_at >= ${v.afterDueAt}::timestamptz and (w.due_at, w.case_id, w.step) > (${v.afterDueAt}::timestamptz, ${v.afterCaseId}::uuid, ${v.afterStep}::text)`,
    );
    return s.filter === 'all' ? [later, read(key, sql`and w.due_at is null`)] : [later];
  };
  const keyValues = Array.from({ length: s.keyCount }, (_, i) => v[`key${i}`]);
  const page = sql`select ${distinct} x.case_id, x.step, x.due_at from (${sql.join(keyValues.flatMap(readsOf), sql` union all `)}) x`;
  const inFilterOfMine =
    s.filter === 'overdue'
      ? sql`due_at < ${v.now}::timestamptz`
      : s.filter === 'atRisk'
        ? sql`due_at >= ${v.now}::timestamptz and due_at < ${v.atRiskBefore}::timestamptz`
        : sql`true`;
  // the counts over every item, whatever the page. No two keys share an item (one grant key, and the subject key,
  // which segregation of duties keeps apart) and no search: per key, three index-only counts of its ranges — all, the
  // overdue and the at-risk, as the page's filters read them — summed. Otherwise one read of the keys' rows, made
  // distinct, each row tested.
  const countsOf = (range: RawBuilder<unknown>) =>
    sql.join(
      keyValues.map((key) => sql`(select count(*) from case_waiting w where w.holder_key = ${key}::text and ${holds} ${range})`),
      sql` + `,
    );
  const counts =
    !s.distinct && !s.search
      ? sql`counts as (
      select (${countsOf(sql``)})::int as total,
             (${countsOf(sql`and w.due_at < ${v.now}::timestamptz`)})::int as overdue,
             (${countsOf(sql`and w.due_at >= ${v.now}::timestamptz and w.due_at < ${v.atRiskBefore}::timestamptz`)})::int as at_risk,
             null::int as matched
    )`
      : sql`mine as (
      select ${distinct} w.case_id, w.step, w.due_at ${matches === null ? sql`` : sql`, ${matches} as hit`} from case_waiting w
      where w.holder_key = any(${v.keys}::text[]) and ${holds}
    ), counts as (
      select count(*)::int as total,
             (count(*) filter (where due_at < ${v.now}::timestamptz))::int as overdue,
             (count(*) filter (where due_at >= ${v.now}::timestamptz and due_at < ${v.atRiskBefore}::timestamptz))::int as at_risk,
             ${matches === null ? sql`null::int` : sql`(count(*) filter (where hit and ${inFilterOfMine}))::int`} as matched
      from mine
    )`;
  return sql<PageRow>`
    with ${counts}, page as (
      select p.case_id, p.step, p.due_at from (${page}) p
      order by p.due_at asc nulls last, p.case_id, p.step limit ${v.pageLimit}::int offset ${v.offset}::int
    )
    select counts.total, counts.overdue, counts.at_risk, counts.matched,
      ${s.calendar ? sql`(select r.revision::text from calendar_revision r where r.id = 1)` : sql`null::text`} as calendar_revision,
      (select json_agg(json_build_object('case_id', p.case_id, 'step', p.step, 'due_at', p.due_at, 'title', c.title,
                                         'workflow_id', c.workflow_id, 'workflow_version', c.workflow_version)
                       order by p.due_at asc nulls last, p.case_id, p.step)
       -- offset 0: the page's cases by primary key, one by one (not a hash of the whole table, which the planner
       -- picked for 2,000 cases)
       from page p cross join lateral (select c.title, c.workflow_id, c.workflow_version from cases c where c.id = p.case_id offset 0) c) as items
    from counts`;
}

/** The steps (`<workflow>@<version>/<step>`) whose name contains `text`, ignoring case, in Thai or English. */
function stepsNamed(registry: EngineDeps['registry'], text: string): string[] {
  const q = text.toLowerCase();
  const steps: string[] = [];
  for (const def of registry.list()) {
    for (const [step, meta] of Object.entries(def.steps)) {
      const label = meta.label;
      if (label && (label.th.toLowerCase().includes(q) || label.en.toLowerCase().includes(q)))
        steps.push(`${def.id}@${def.version}/${step}`);
    }
  }
  return steps;
}

function registered(registry: EngineDeps['registry'], id: string, version: number): WorkflowDefinition | undefined {
  try {
    return registry.get(id, version);
  } catch {
    return undefined; // a version this program does not carry (publishing refuses to run without one that live cases use)
  }
}
