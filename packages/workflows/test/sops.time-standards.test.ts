/**
 * The time standards of the seed-002 SOP workflows: every deadline quotes
 * the manual verbatim and cites where it comes from (checked against the
 * research report, research/seed-002.md §4), every time standard of the
 * procedures built here is used, and each step's due moment for one fixed
 * trigger is pinned in a table, then checked again through the engine's SLA
 * clocks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bangkokInstant,
  computeDeadline,
  createBusinessCalendar,
  fromThaiDigits,
  parseDeadlineSpec,
  type DeadlineKind,
  type StepDeadlineSpecInput,
  type WorkflowDefinition,
} from '@esa-flow/engine';
import { sopWorkflows } from '../src/sops/index';
import { createSopHarness, resolution, WALK_AT, type SopHarness } from './support/sop-walk';

// the extracted SOP manual is kept in the repository (docs/sources), so the test needs nothing beside it
const RESEARCH = process.env.ESA_RESEARCH_DIR
  ? `${process.env.ESA_RESEARCH_DIR}/seed-002.md`
  : new URL('../../../docs/sources/seed-002.md', import.meta.url);

/** Sections of the manual built here (§3.4, the monthly batch, lives with academic standing). */
const BUILT_SECTIONS = ['3.2', '3.3', '3.5', '3.6', '3.7', '3.8'];

interface ResearchRow {
  no: number;
  section: string;
  steps: number[];
  phrase: string;
  kind: string;
}

/** The rows of research/seed-002.md §4 ("Consolidated table of every time standard"). */
function researchRows(markdown: string): ResearchRow[] {
  const start = markdown.indexOf('## 4.');
  const end = markdown.indexOf('\n## 5.', start);
  expect(start).toBeGreaterThan(0);
  const rows: ResearchRow[] = [];
  for (const line of markdown.slice(start, end).split('\n')) {
    const m = /^\| (\d+) \| (3\.\d+) \| ([\d,]+) \| (.+?) \| (.+?) \|/.exec(line);
    if (m) rows.push({ no: Number(m[1]), section: m[2]!, steps: m[3]!.split(',').map(Number), phrase: m[4]!, kind: m[5]! });
  }
  return rows;
}

/** The research report's words for a kind, in the engine's terms. */
function specKindOf(researchKind: string): DeadlineKind {
  const k = researchKind.replace(/\*/g, '');
  if (k.includes('range')) return 'range';
  if (k.startsWith('relative')) return 'calendar_days';
  if (k.startsWith('immediate')) return 'immediately';
  if (k.startsWith('window')) return 'quarter_end';
  if (k.startsWith('fiscal-year end')) return 'fiscal_year_end';
  if (k.startsWith('after-completion')) return 'after_completion';
  if (k.startsWith('day-of-month')) return 'day_of_month';
  if (/^(external|unspecified|per-plan)/.test(k)) return 'external';
  throw new Error(`unknown kind in the research table: ${researchKind}`);
}

interface DeadlineStep {
  workflow: string;
  step: string;
  source: string;
  deadline: StepDeadlineSpecInput;
}

const deadlineSteps: DeadlineStep[] = sopWorkflows.flatMap((def: WorkflowDefinition) =>
  Object.entries(def.steps).flatMap(([step, meta]) =>
    meta.deadline ? [{ workflow: def.id, step, source: meta.source, deadline: meta.deadline }] : [],
  ),
);

const SOURCE = /^seed-002 §(3\.\d+) (?:step|row) (\d+)\b/;

describe('every SOP deadline quotes the manual and cites its source', () => {
  const markdown = (() => {
    if (!existsSync(RESEARCH)) throw new Error(`research/seed-002.md not found at ${String(RESEARCH)} (set ESA_RESEARCH_DIR)`);
    return readFileSync(RESEARCH, 'utf8');
  })();
  const rows = researchRows(markdown);

  it('reads the 44 rows of the research table', () => {
    expect(rows.map((r) => r.no)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
  });

  it.each(deadlineSteps)('$workflow $step', ({ step, source, deadline }) => {
    const spec = parseDeadlineSpec(deadline);
    // the step and its deadline both say where they come from
    expect(source).toMatch(/^seed-002 §3\.\d/);
    expect(spec.source).toMatch(SOURCE);
    // the phrase is the manual's, verbatim, in the research report
    expect(markdown).toContain(spec.phrase);
    // … in the row of the same section and step, and read as the kind the research gives it
    const [, section, stepNo] = SOURCE.exec(spec.source!)!;
    const row = rows.find((r) => r.section === section && r.steps.includes(Number(stepNo)) && r.phrase === spec.phrase);
    expect({ step, row: row ? 'found' : `no §4 row for §${section} step ${stepNo}: ${spec.phrase}` }).toEqual({ step, row: 'found' });
    expect(spec.kind).toBe(specKindOf(row!.kind));
    // a number of days in the phrase is the number in the spec
    const stated = /ภายใน\s*(\d+)\s*(?:-\s*(\d+)\s*)?(?:วัน|หลังจาก)/.exec(fromThaiDigits(spec.phrase));
    if (stated) {
      if (spec.kind === 'range') expect([spec.minDays, spec.maxDays]).toEqual([Number(stated[1]), Number(stated[2])]);
      else expect(spec.kind === 'calendar_days' ? spec.days : null).toBe(Number(stated[1]));
    }
  });

  it('uses every time standard of the procedures built here', () => {
    const missing = rows
      .filter((r) => BUILT_SECTIONS.includes(r.section))
      .filter(
        (r) =>
          !deadlineSteps.some((d) => {
            const spec = parseDeadlineSpec(d.deadline);
            const m = SOURCE.exec(spec.source ?? '');
            return m?.[1] === r.section && r.steps.includes(Number(m[2])) && spec.phrase === r.phrase;
          }),
      )
      .map((r) => `#${r.no} §${r.section} ${r.phrase}`);
    expect(missing).toEqual([]);
  });
});

/** Bangkok wall clock 'YYYY-MM-DD HH:MM'. */
const instant = (wallClock: string): Date => {
  const [date = '', time = ''] = wallClock.split(' ');
  return bangkokInstant(date, time);
};

/**
 * Each step's due moment when it is entered on Friday 11 April 2025 at 14:00
 * (Bangkok). Day one is Saturday; 13–15 April are Songkran and Wednesday 16
 * its substitution day, so every count of 1–5 days lands on Thursday 17 April.
 */
const TRIGGER = '2025-04-11 14:00';
const DUE: ReadonlyArray<{ workflow: string; step: string; kind: DeadlineKind; due: string | null; remind?: string }> = [
  { workflow: 'sop-development-plan', step: 'appointingCommittee', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-development-plan', step: 'committeeMeeting', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-development-plan', step: 'followingUp', kind: 'external', due: null },
  { workflow: 'sop-needs-based-training', step: 'submittingProject', kind: 'external', due: null },
  { workflow: 'sop-needs-based-training', step: 'actionPlanCommittee', kind: 'external', due: null },
  // the quarter containing the trigger: fiscal Q3 (April–June), ending Monday 30 June
  { workflow: 'sop-needs-based-training', step: 'delivery.window.withinRequestedQuarter', kind: 'quarter_end', due: '2025-06-30 16:30' },
  // day 10 is Monday 21 April
  { workflow: 'sop-needs-based-training', step: 'delivery.work.appointingCommittees', kind: 'calendar_days', due: '2025-04-21 16:30' },
  { workflow: 'sop-needs-based-training', step: 'delivery.work.planningMeeting', kind: 'calendar_days', due: '2025-04-17 16:30' },
  // a working day before 16:30: the same afternoon
  { workflow: 'sop-needs-based-training', step: 'evaluating', kind: 'immediately', due: '2025-04-11 16:30' },
  { workflow: 'sop-external-training', step: 'receivingLetter', kind: 'immediately', due: '2025-04-11 16:30' },
  { workflow: 'sop-external-training', step: 'superiorPermission', kind: 'immediately', due: '2025-04-11 16:30' },
  { workflow: 'sop-external-training', step: 'notifyingSchools', kind: 'calendar_days', due: '2025-04-17 16:30' },
  // remind at the end of day 3 (Monday 14 → Thursday 17), due at the end of day 5 (Wednesday 16 → Thursday 17)
  { workflow: 'sop-external-training', step: 'awaitingNames', kind: 'range', due: '2025-04-17 16:30', remind: '2025-04-17 16:30' },
  { workflow: 'sop-external-training', step: 'forwardingReplies', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-external-training', step: 'recordingParticipants', kind: 'immediately', due: '2025-04-11 16:30' },
  // fiscal year 2568 ends Tuesday 30 September 2025
  { workflow: 'sop-external-training', step: 'kpiReport', kind: 'fiscal_year_end', due: '2025-09-30 16:30' },
  { workflow: 'sop-award-selection', step: 'announcing.calendar.preparingCalendar', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'announcing.publicity.announcingCriteria', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'receivingApplications', kind: 'external', due: null },
  { workflow: 'sop-award-selection', step: 'afterClosing.documents.checkingDocuments', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'afterClosing.committee.appointingCommittee', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'selectionMeeting', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'afterSelection.minutes.writingMinutes', kind: 'calendar_days', due: '2025-04-17 16:30' },
  {
    workflow: 'sop-award-selection',
    step: 'afterSelection.announcement.announcingResults',
    kind: 'calendar_days',
    due: '2025-04-17 16:30',
  },
  { workflow: 'sop-award-selection', step: 'afterSelection.notice.notifyingPersonnel', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-award-selection', step: 'afterSelection.forwarding.forwardingResults', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-travel-permission', step: 'receivingRequest', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-travel-permission', step: 'controlRegister', kind: 'after_completion', due: null },
  { workflow: 'sop-grants', step: 'onNotice.receipt.registeringNotice', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-grants', step: 'onNotice.publicity.publicising', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-grants', step: 'receivingApplications', kind: 'external', due: null },
  { workflow: 'sop-grants', step: 'checkingEvidence', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-grants', step: 'forwarding', kind: 'calendar_days', due: '2025-04-17 16:30' },
  { workflow: 'sop-grants', step: 'controlRegister', kind: 'after_completion', due: null },
];

describe(`time standards of the SOP steps, entered ${TRIGGER} (Bangkok)`, () => {
  const calendar = createBusinessCalendar();

  it('covers every step with a deadline, and every kind the SOPs use', () => {
    expect(DUE.map((r) => `${r.workflow} ${r.step}`).sort()).toEqual(deadlineSteps.map((d) => `${d.workflow} ${d.step}`).sort());
    expect([...new Set(DUE.map((r) => r.kind))].sort()).toEqual([
      'after_completion',
      'calendar_days',
      'external',
      'fiscal_year_end',
      'immediately',
      'quarter_end',
      'range',
    ]);
  });

  it.each(DUE)('$workflow $step: $kind → $due', (row) => {
    const found = deadlineSteps.find((d) => d.workflow === row.workflow && d.step === row.step);
    const spec = parseDeadlineSpec(found?.deadline);
    expect(spec.kind).toBe(row.kind);
    const result = computeDeadline(spec, instant(TRIGGER), calendar);
    expect(result.dueAt).toEqual(row.due === null ? null : instant(row.due));
    expect(result.remindAt).toEqual(row.remind === undefined ? null : instant(row.remind));
  });
});

describe('the engine opens the SLA clocks these standards describe', () => {
  let h: SopHarness;
  beforeAll(async () => {
    h = await createSopHarness(WALK_AT); // Friday 11 April 2025, 14:00 Bangkok
  });
  afterAll(() => h.tdb.drop());

  const clocksOf = (caseId: string) =>
    h.tdb.db
      .selectFrom('sla_clocks')
      .select(['id', 'step', 'status', 'due_at', 'remind_at'])
      .where('case_id', '=', caseId)
      .orderBy('step')
      .execute();
  const timersOf = (clockId: string) => h.tdb.db.selectFrom('sla_timers').select(['kind']).where('clock_id', '=', clockId).execute();
  const start = async (workflowId: string, input: unknown) =>
    (await h.engine.startCase({ actor: h.users.hr, workflowId, officeId: h.office.officeId, title: workflowId, input })).caseId;

  it('runs the two parallel clocks of a shared anchor side by side, each closed when its own step is done', async () => {
    const caseId = await start('sop-award-selection', { awardName: 'ครูดีเด่น', letterNo: 'ศธ 04009/ว 77' });
    const opened = await clocksOf(caseId);
    expect(opened.map((c) => [c.step, c.status, c.due_at])).toEqual([
      ['announcing.calendar.preparingCalendar', 'running', instant('2025-04-17 16:30')],
      ['announcing.publicity.announcingCriteria', 'running', instant('2025-04-17 16:30')],
    ]);
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'CALENDAR_SET', payload: { applicationsCloseOn: '2025-05-09' } });
    expect((await clocksOf(caseId)).map((c) => c.status)).toEqual(['met', 'running']);
  });

  it('tracks an external standard with a clock but no due moment and no timers', async () => {
    const caseId = await start('sop-grants', { grantName: 'ทุนพัฒนาครู', sourceAgency: 'สพฐ.', letterNo: 'ศธ 04001/ว 55' });
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'NOTICE_REGISTERED', payload: {} });
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'PUBLICISED', payload: {} });
    const clock = (await clocksOf(caseId)).find((c) => c.step === 'receivingApplications');
    expect(clock).toMatchObject({ status: 'running', due_at: null, remind_at: null });
    expect(await timersOf(clock!.id)).toEqual([]);
  });

  it('starts a training project’s quarter window only in the quarter the project asked for', async () => {
    h.clock.set(WALK_AT); // fiscal Q3 of 2568
    const caseId = await start('sop-needs-based-training', { fiscalYear: 2568 });
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'SURVEY_COMPLETED', payload: { respondents: 120 } });
    await h.engine.dispatch({
      actor: h.users.hr,
      caseId,
      type: 'PROJECT_DRAFTED',
      payload: { projectTitle: 'อบรมการวัดผล', requestedQuarter: 4 },
    });
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'PROJECT_SUBMITTED', payload: {} });
    const approved = await h.engine.dispatch({ actor: h.committee, caseId, type: 'PROJECT_APPROVED', payload: resolution('approve') });
    expect(approved.state).toBe('awaitingQuarter');
    await expect(h.engine.dispatch({ actor: h.users.hr, caseId, type: 'QUARTER_BEGAN', payload: {} })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
    h.clock.set('2025-07-01T02:00:00Z'); // Tuesday 1 July 2025, 09:00: fiscal Q4
    const begun = await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'QUARTER_BEGAN', payload: {} });
    expect(begun.state).toBe('delivery.window.withinRequestedQuarter,delivery.work.preparingInformation');
    const window = (await clocksOf(caseId)).find((c) => c.step === 'delivery.window.withinRequestedQuarter');
    expect(window).toMatchObject({ status: 'running', due_at: instant('2025-09-30 16:30') });
  });

  it('reminds at the low end of a range and is due at its high end', async () => {
    h.clock.set(WALK_AT);
    const caseId = await start('sop-external-training', {
      letterNo: 'ศธ 04002/ว 1',
      subject: 'สัมมนา',
      eventKind: 'seminar',
      organiser: 'สพฐ.',
    });
    expect((await clocksOf(caseId)).map((c) => c.due_at)).toEqual([instant('2025-04-11 16:30')]);
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'PROPOSED', payload: {} });
    await h.engine.dispatch({ actor: h.users.area, caseId, type: 'PERMISSION_GRANTED', payload: {} });
    h.clock.set(new Date('2025-04-17T02:00:00Z')); // Thursday 17 April, 09:00
    await h.engine.dispatch({ actor: h.users.hr, caseId, type: 'SCHOOLS_NOTIFIED', payload: { schoolCount: 5 } });
    const clock = (await clocksOf(caseId)).find((c) => c.step === 'awaitingNames');
    // day 3 is Sunday 20 April → Monday 21; day 5 is Tuesday 22 April
    expect(clock).toMatchObject({ due_at: instant('2025-04-22 16:30'), remind_at: instant('2025-04-21 16:30') });
    expect((await timersOf(clock!.id)).map((t) => t.kind)).toContain('overdue');
  });
});
