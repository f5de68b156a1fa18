/**
 * The summary an area reports on a year's academic-standing requests
 * (seed-004 §3.2–3.3): per position and level, how many applied, how many
 * passed, failed, are under evaluation or revising their work, and the pass
 * and fail rates. Rates are computed in integers (hundredths of a percent,
 * rounded half up) so they come out exactly as a person would write them:
 * 96/99 is 96.97 %, where the seed document printed 96.57 %.
 */
import { officeCaseRows, type Label, type Engine } from '@esa-flow/engine';
import type { AcademicContext } from './events';
import { teacherStatus, TEACHER_STATUS_LABELS, TEACHER_STATUSES, type TeacherStatus } from './teacher-status';
import { dateOf, fiscalYearBE } from './timing';
import { LEVELS, POSITIONS, positionAtLevel, type Level, type Position } from './vocabulary';

export interface CohortRow {
  readonly position: Position;
  readonly targetLevel: Level;
  readonly status: TeacherStatus;
}

/** A share as hundredths of a percent (9697 = 96.97 %) and as the text "96.97". */
export interface Percent {
  readonly hundredths: number;
  readonly text: string;
}

/** `part / whole` in percent, rounded half up to two decimals, in integer arithmetic. */
export function percentOf(part: number, whole: number): Percent {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || whole < 0 || part > whole)
    throw new RangeError(`bad share ${part}/${whole}`);
  const hundredths = whole === 0 ? 0 : Math.floor((part * 20_000 + whole) / (2 * whole));
  return { hundredths, text: `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}` };
}

export interface CohortGroup {
  readonly position: Position;
  readonly level: Level;
  readonly label: Label;
  readonly applicants: number;
  readonly counts: Readonly<Record<TeacherStatus, number>>;
  readonly passRate: Percent;
  readonly failRate: Percent;
}

export interface CohortSummary {
  readonly groups: readonly CohortGroup[];
  readonly total: Omit<CohortGroup, 'position' | 'level' | 'label'>;
}

function tally(rows: readonly CohortRow[]): Omit<CohortGroup, 'position' | 'level' | 'label'> {
  const counts = Object.fromEntries(TEACHER_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<
    TeacherStatus,
    number
  >;
  return {
    applicants: rows.length,
    counts,
    passRate: percentOf(counts.passed, rows.length),
    failRate: percentOf(counts.failed, rows.length),
  };
}

/** Groups in the reports' order: by level, then position. */
export function summarizeCohort(rows: readonly CohortRow[]): CohortSummary {
  const groups: CohortGroup[] = [];
  for (const level of LEVELS) {
    for (const position of POSITIONS) {
      const mine = rows.filter((r) => r.targetLevel === level && r.position === position);
      if (mine.length > 0) groups.push({ position, level, label: positionAtLevel(position, level), ...tally(mine) });
    }
  }
  return { groups, total: tally(rows) };
}

/** One line per group, worded like the reports ("… จำนวน 99 ราย ผ่าน 96 ราย คิดเป็นร้อยละ 96.97 …"). */
export function cohortReportLines(summary: CohortSummary, lang: 'th' | 'en' = 'th'): string[] {
  return summary.groups.map((g) => {
    const parts: string[] = [];
    const verbTh = g.level === 'professional' ? 'ขอมีวิทยฐานะ' : 'ขอเลื่อนเป็นวิทยฐานะ';
    parts.push(lang === 'th' ? `${verbTh}${g.label.th} จำนวน ${g.applicants} ราย` : `${g.label.en}: ${g.applicants} applicants`);
    for (const s of TEACHER_STATUSES) {
      const n = g.counts[s];
      if (n === 0) continue;
      const label = TEACHER_STATUS_LABELS[s];
      const rate = s === 'passed' ? g.passRate : s === 'failed' ? g.failRate : null;
      if (lang === 'th') parts.push(`${label.th} ${n} ราย${rate ? ` คิดเป็นร้อยละ ${rate.text}` : ''}`);
      else parts.push(`${label.en.toLowerCase()} ${n}${rate ? ` (${rate.text} %)` : ''}`);
    }
    return parts.join(lang === 'th' ? ' ' : ', ');
  });
}

/**
 * The rows of an office's academic-standing cases, read from the database:
 * position and level from the case's context, the status from its step.
 * `fiscalYear` (พ.ศ.) keeps only the requests filed in that year.
 */
export async function loadCohortRows(engine: Engine, filter: { officeId: string; fiscalYear?: number }): Promise<CohortRow[]> {
  const rows = await officeCaseRows(engine, { workflowId: 'academic-standing', officeId: filter.officeId });
  return rows
    .map((r) => ({ state: r.state, context: (r.snapshot as unknown as { context: AcademicContext }).context }))
    .filter((r) => filter.fiscalYear === undefined || fiscalYearBE(dateOf(r.context.filedAt)) === filter.fiscalYear)
    .map((r) => ({
      position: r.context.application.position,
      targetLevel: r.context.application.targetLevel,
      status: teacherStatus(r.state),
    }));
}
