/**
 * A round's score sheet (issue 21): the working group scores many requests
 * at once from a spreadsheet instead of one form per request. What the sheet
 * holds (one row per request waiting for its scores or their verification,
 * one column per entered component, the options of each with their points)
 * is `scoreSheetLayout`; the host writes and reads the file (xlsx). Each row
 * read back becomes the same commands as the case page's forms —
 * `ENTER_SCORES` with the chosen levels, then, when the row says so,
 * `VERIFY_SCORES` — sent by the uploader on the request, so the same rules
 * hold (the table's levels, every component, four eyes: whoever entered the
 * scores cannot verify them) and a refusal is the same refusal. Each row's
 * commands carry a key derived from the upload's Idempotency-Key, so a
 * retried upload replays the rows already taken instead of doing them twice.
 */
import { createHash } from 'node:crypto';
import { EsaError, findIdempotentResponse, isEsaError, listCycleChildren, type Actor, type Engine } from '@esa-flow/engine';
import type { RequestContext } from './request-rules';
import type { RoundContext } from './round-workflow';
import { scoreRequest, type ScoringTable } from './scoring-table';

/** An entered component as the sheet shows it: a column, and its options (the levels of the table) with their points. */
export interface ScoreSheetComponent {
  id: string;
  label: { th: string; en: string };
  options: { id: string; label: { th: string; en: string }; points: number }[];
}

/** One request as the sheet lists it. */
export interface ScoreSheetRequest {
  caseId: string;
  teacherName: string;
  citizenId: string | null;
  currentSchoolName: string;
  /** 'scoring': waiting for its scores; 'verification': scores entered, waiting for another officer */
  step: 'scoring' | 'verification';
  /** the levels entered so far (a disputed or entered request), by component */
  entries: Record<string, string>;
}

export interface ScoreSheetLayout {
  roundTitle: string;
  components: ScoreSheetComponent[];
  requests: ScoreSheetRequest[];
}

/** A row read back from the file: the teacher it names and what it asks. */
export interface ScoreSheetRow {
  /** the row's number in the sheet (the header is row 1) */
  row: number;
  citizenId: string;
  name: string;
  /** component id → the text in its cell (an option's Thai or English label, with or without its points, or its code) */
  cells: Record<string, string>;
  /** the verify column says yes */
  verify: boolean;
  note?: string;
}

export interface ScoreSheetRowReport {
  row: number;
  teacherName: string;
  outcome: 'accepted' | 'refused' | 'skipped';
  /** what was recorded for the row (replayed ones included) */
  done: ('scored' | 'verified')[];
  /** the row was taken by an earlier upload with the same key: nothing done twice */
  replayed: boolean;
  scoreTotal: number | null;
  reason: { code: string; th: string; en: string; details: { th: string; en: string }[] } | null;
}

export interface ScoreSheetReport {
  rows: ScoreSheetRowReport[];
  totals: { rows: number; accepted: number; refused: number; skipped: number; scored: number; verified: number };
  message: { th: string; en: string };
}

const WAITING = new Set(['scoring', 'verification']);

/** The sheet of a round: its entered components and its requests waiting for scores or their verification. */
export async function scoreSheetLayout(engine: Engine, actor: Actor, roundCaseId: string): Promise<ScoreSheetLayout> {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  const ctx = (view.case.snapshot as { context: RoundContext }).context;
  const children = await listCycleChildren(engine, actor, roundCaseId, { workflowId: 'transfer-request' });
  return {
    roundTitle: view.case.title,
    components: enteredComponents(ctx.params.scoringTable),
    requests: children
      .filter((c) => c.status === 'active' && WAITING.has(c.state))
      .map((c) => {
        const rc = (c.snapshot as { context: RequestContext }).context;
        return {
          caseId: c.id,
          teacherName: rc.applicant.name,
          citizenId: c.subject?.citizenId ?? null,
          currentSchoolName: rc.currentSchool.name,
          step: c.state as 'scoring' | 'verification',
          entries: rc.scores?.entries ?? {},
        };
      })
      .sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'th')),
  };
}

export function enteredComponents(table: ScoringTable): ScoreSheetComponent[] {
  return table.components
    .filter((c) => c.mode === 'entered')
    .map((c) => ({
      id: c.id,
      label: { th: c.label.th, en: c.label.en },
      options: c.subCriteria.map((s) => ({ id: s.id, label: { th: s.label.th, en: s.label.en }, points: s.points })),
    }));
}

/** The text of an option as the sheet writes it: its Thai label and points. */
export const optionText = (o: ScoreSheetComponent['options'][number]) => `${o.label.th} (${o.points} คะแนน)`;

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The level a cell names, or null. */
export function optionOf(component: ScoreSheetComponent, text: string): string | null {
  const t = squash(text);
  const hit = component.options.find((o) =>
    [optionText(o), o.label.th, o.label.en, o.id, `${o.label.en} (${o.points} points)`].some((x) => squash(x) === t),
  );
  return hit?.id ?? null;
}

const keyFor = (key: string, caseId: string, action: string) =>
  `score-sheet:${createHash('sha256').update(`${key}\u0000${caseId}\u0000${action}`).digest('hex').slice(0, 48)}`;

const CODE_TEXT = (e: EsaError) => ({ code: e.code, th: e.messageTh, en: e.messageEn });

/** What a refusal's details say, in words: the component and the text that is not one of its levels. */
function detailsOf(e: EsaError, components: readonly ScoreSheetComponent[], cells: Record<string, string>): { th: string; en: string }[] {
  const problems = (e.details?.problems as string[] | undefined) ?? [];
  return problems.map((p) => {
    const id = p.split(':')[0] ?? '';
    const c = components.find((x) => x.id === id);
    const label = c ? c.label : { th: id, en: id };
    if (p.includes('missing')) return { th: `ไม่ได้ระบุ "${label.th}"`, en: `"${label.en}" is missing` };
    return {
      th: `"${label.th}": "${cells[id] ?? ''}" ไม่มีในรายการตัวเลือก (ดูแผ่นงานตัวเลือกคะแนน)`,
      en: `"${label.en}": "${cells[id] ?? ''}" is not one of its options (see the options sheet)`,
    };
  });
}

/**
 * Applies the rows of an uploaded sheet, one after the other, each as the
 * uploader: a row names its request by the teacher's citizen id; its levels
 * are entered (`ENTER_SCORES`) when the request waits for scores, and it is
 * verified (`VERIFY_SCORES`) when the row says so. A row's refusal does not
 * stop the others.
 */
export async function applyScoreSheet(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  rows: readonly ScoreSheetRow[],
  opts: { idempotencyKey?: string } = {},
): Promise<ScoreSheetReport> {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  const ctx = (view.case.snapshot as { context: RoundContext }).context;
  const components = enteredComponents(ctx.params.scoringTable);
  const children = await listCycleChildren(engine, actor, roundCaseId, { workflowId: 'transfer-request' });
  const byCitizen = new Map(children.filter((c) => c.subject?.citizenId).map((c) => [c.subject!.citizenId!, c]));
  const reports: ScoreSheetRowReport[] = [];

  for (const r of rows) {
    const filled = Object.values(r.cells).some((v) => v.trim() !== '');
    const base = {
      row: r.row,
      teacherName: r.name,
      done: [] as ('scored' | 'verified')[],
      replayed: false,
      scoreTotal: null as number | null,
    };
    if (!filled && !r.verify) {
      reports.push({ ...base, outcome: 'skipped', reason: null });
      continue;
    }
    const child = byCitizen.get(r.citizenId.replace(/\D/g, ''));
    if (!child) {
      reports.push({ ...base, outcome: 'refused', reason: { ...CODE_TEXT(new EsaError('SCORE_SHEET_TEACHER_UNKNOWN')), details: [] } });
      continue;
    }
    const rc = (child.snapshot as { context: RequestContext }).context;
    base.teacherName = rc.applicant.name;
    base.scoreTotal = rc.scores?.total ?? null;
    const entries: Record<string, string> = {};
    for (const c of components) {
      const text = (r.cells[c.id] ?? '').trim();
      if (text === '') continue;
      entries[c.id] = optionOf(c, text) ?? text.slice(0, 100);
    }
    const sameAsEntered =
      rc.scores !== null && components.every((c) => entries[c.id] === undefined || entries[c.id] === rc.scores!.entries[c.id]);
    const send = async (type: 'ENTER_SCORES' | 'VERIFY_SCORES', payload: Record<string, unknown>) =>
      engine.dispatch({
        actor,
        caseId: child.id,
        type,
        payload,
        reason: `ตารางคะแนน (แถวที่ ${r.row})`,
        ...(opts.idempotencyKey !== undefined ? { idempotencyKey: keyFor(opts.idempotencyKey, child.id, type) } : {}),
      });
    try {
      // the levels: entered when the request waits for them, or replayed when this upload's key already entered them
      const key = opts.idempotencyKey;
      const enteredBefore =
        key !== undefined &&
        (await findIdempotentResponse(engine, {
          actorId: actor.id,
          key: keyFor(key, child.id, 'ENTER_SCORES'),
          command: 'dispatch',
        })) !== undefined;
      if (Object.keys(entries).length > 0 && (enteredBefore || child.state === 'scoring' || !sameAsEntered)) {
        if (!enteredBefore && child.state !== 'scoring') throw new EsaError('SCORE_SHEET_ROW_NOT_OPEN', { step: child.state });
        const result = await send('ENTER_SCORES', { entries, ...(r.note ? { note: r.note.slice(0, 2000) } : {}) });
        base.done.push('scored');
        base.replayed ||= result.replayed;
        // the total as the machine computed it (the same function, the same facts)
        if (rc.submission) {
          const scored = scoreRequest(
            rc.params.scoringTable,
            {
              currentSchoolHardship: rc.submission.facts.currentSchoolHardship,
              yearsAtCurrentSchool: Math.floor((rc.eligibility?.monthsAtCurrentSchool ?? 0) / 12),
            },
            entries,
          );
          if (scored.ok) base.scoreTotal = scored.sheet.total;
        }
      }
      if (r.verify) {
        const result = await send('VERIFY_SCORES', {});
        base.done.push('verified');
        base.replayed ||= result.replayed;
      }
      // a row that asks for nothing new (the levels as entered, no verification) changes nothing
      reports.push({ ...base, outcome: base.done.length > 0 ? 'accepted' : 'skipped', reason: null });
    } catch (error) {
      if (!isEsaError(error)) throw error;
      const refusal = error.code === 'EVENT_NOT_ALLOWED' ? new EsaError('SCORE_SHEET_ROW_NOT_OPEN', { step: child.state }) : error;
      reports.push({ ...base, outcome: 'refused', reason: { ...CODE_TEXT(refusal), details: detailsOf(refusal, components, entries) } });
    }
  }
  const count = (o: ScoreSheetRowReport['outcome']) => reports.filter((x) => x.outcome === o).length;
  const totals = {
    rows: reports.length,
    accepted: count('accepted'),
    refused: count('refused'),
    skipped: count('skipped'),
    scored: reports.filter((x) => x.done.includes('scored')).length,
    verified: reports.filter((x) => x.done.includes('verified')).length,
  };
  return {
    rows: reports,
    totals,
    message: {
      th: `รับ ${totals.accepted} แถว (บันทึกคะแนน ${totals.scored} ยืนยันคะแนน ${totals.verified}) ไม่รับ ${totals.refused} แถว ข้าม ${totals.skipped} แถวที่ว่างหรือไม่มีอะไรเปลี่ยน`,
      en: `${totals.accepted} row(s) taken (${totals.scored} scored, ${totals.verified} verified), ${totals.refused} refused, ${totals.skipped} row(s) skipped (empty or nothing new).`,
    },
  };
}
