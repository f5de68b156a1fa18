/**
 * Importing requests filed in another system from a spreadsheet, the pieces
 * every such import shares (issue 21): transfer requests filed in TRS
 * (transfer/round-trs-import.ts) and academic-standing requests filed in DPA
 * (academic-standing/dpa-import.ts).
 *
 * - A template's columns (`SheetColumn`: the Thai header, what to write, the
 *   drop-down's choices); the host writes the file and reads its rows back by
 *   header into `SheetRow`s.
 * - Reading a row's cells (`readCells`): empty required cells, choices not in
 *   the list, dates (d/m/yyyy, Buddhist era) and moments (a day and a Bangkok
 *   time) that do not read — each problem in Thai and English.
 * - Running the rows (`importEachRow`): one after the other, an empty row
 *   skipped, a refused row reported with its code, Thai and English reason and
 *   details, and the others still run (each row is its own command in its own
 *   transaction: a refused row writes nothing); the totals and the message.
 */
import { bangkokInstant, isEsaError, type EsaError } from '@esa-flow/engine';

export type Label = { th: string; en: string };

/** A column of a template: its header (Thai; the English is accepted too) and, for a choice, the words of its drop-down. */
export interface SheetColumn {
  id: string;
  label: Label;
  required: boolean;
  /** what to write, shown under the header in the template's notes sheet */
  hint: Label;
  /** the choices of a drop-down: what the cell says → the value (`also`: other words read as it) */
  options?: { text: string; value: string; also?: string[] }[];
}

/** A row read back from the file: its number (the header is row 1) and the text of each column by id. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export type RowOutcome = 'imported' | 'replayed' | 'refused' | 'skipped';
export interface RowRefusal {
  code: string;
  th: string;
  en: string;
  details: Label[];
}
export interface ImportTotals {
  rows: number;
  imported: number;
  replayed: number;
  refused: number;
  skipped: number;
}

export const DATE_HINT: Label = { th: 'วว/ดด/ปปปป (พ.ศ.) เช่น 1/5/2560', en: 'dd/mm/yyyy (Buddhist era), e.g. 1/5/2560' };

export const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const pad = (n: number) => String(n).padStart(2, '0');

/** A day written d/m/yyyy (Buddhist era when the year is above 2400) or yyyy-mm-dd (as a date cell reads); null when it is not one. */
export function parseSheetDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  if (y > 2400) y -= 543;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A moment written as a day and a Bangkok time (hh:mm or hh.mm, "น." allowed); null when either is missing. */
export function parseSheetMoment(text: string): string | null {
  const m = /^(\S+)\s+(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:น\.?)?$/.exec(text.trim());
  if (!m) return null;
  const day = parseSheetDate(m[1]!);
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (!day || h > 23 || min > 59) return null;
  return bangkokInstant(day, `${pad(h)}:${pad(min)}`).toISOString();
}

/**
 * The cells of a row as a template's columns read them, every problem
 * collected in words (pure): `cell` the trimmed text, `need` a required one
 * (empty: a problem), `pick` a drop-down's value, `day` a date, `moment` a
 * day and a time.
 */
export function readCells(row: SheetRow, columns: readonly SheetColumn[]) {
  const problems: Label[] = [];
  const cell = (id: string) => (row.cells[id] ?? '').trim();
  const column = (id: string) => columns.find((c) => c.id === id)!;
  const need = (id: string): string => {
    const v = cell(id);
    if (v === '' && column(id).required)
      problems.push({ th: `ไม่ได้กรอก "${column(id).label.th}"`, en: `"${column(id).label.en}" is empty` });
    return v;
  };
  const pick = (id: string): string | undefined => {
    const v = need(id);
    if (v === '') return undefined;
    const c = column(id);
    const hit = c.options!.find((o) => [o.text, o.value, ...(o.also ?? [])].some((w) => squash(w) === squash(v)));
    if (!hit) problems.push({ th: `"${c.label.th}": "${v}" ไม่มีในรายการ`, en: `"${c.label.en}": "${v}" is not one of its choices` });
    return hit?.value;
  };
  const day = (id: string, required = true): string | undefined => {
    const v = required ? need(id) : cell(id);
    if (v === '') return undefined;
    const d = parseSheetDate(v);
    if (!d)
      problems.push({
        th: `"${column(id).label.th}": "${v}" ไม่ใช่วันที่ (${DATE_HINT.th})`,
        en: `"${column(id).label.en}": "${v}" is not a date (${DATE_HINT.en})`,
      });
    return d ?? undefined;
  };
  const moment = (id: string): string | null => {
    const v = need(id);
    if (v === '') return null;
    const at = parseSheetMoment(v);
    if (!at)
      problems.push({
        th: `"${column(id).label.th}": "${v}" ต้องมีทั้งวันที่และเวลา เช่น 20/1/2568 10:30`,
        en: `"${column(id).label.en}": "${v}" needs a day and a time, e.g. 20/1/2568 10:30`,
      });
    return at;
  };
  return { problems, cell, column, need, pick, day, moment };
}

export const refusalOf = (e: EsaError, details: Label[] = []): RowRefusal => ({ code: e.code, th: e.messageTh, en: e.messageEn, details });

/** What an engine refusal's details say, in words (eligibility reasons, payload issues). */
export function detailsOf(e: EsaError): Label[] {
  const reasons = (e.details?.reasons as { th: string; en: string }[] | undefined) ?? [];
  if (reasons.length > 0) return reasons.map((r) => ({ th: r.th, en: r.en }));
  if (e.code === 'INVALID_PAYLOAD' || e.code === 'INVALID_INPUT') {
    const issues = (e.details?.issues as { path: string; message: string }[] | undefined) ?? [];
    return issues.map((i) => ({ th: `${i.path}: ${i.message}`, en: `${i.path}: ${i.message}` }));
  }
  return [];
}

/**
 * Runs the rows one after the other: `start` gives a row's report before it
 * runs (its outcome `skipped`, the one an empty row keeps), `run` imports it
 * and returns its report (it may fill in the one it was given: a refusal
 * reports that one). An `EsaError` thrown by `run` (or made of what it threw
 * by `asRefusal`) refuses the row — its `details.problems` for `invalidCode`,
 * else the error's reasons — and the next row runs; anything else is thrown.
 */
export async function importEachRow<R extends { outcome: RowOutcome; reason: RowRefusal | null }>(
  rows: readonly SheetRow[],
  opts: {
    start: (row: SheetRow) => R;
    run: (row: SheetRow, report: R) => Promise<R>;
    invalidCode: string;
    asRefusal?: (caught: unknown) => unknown;
  },
): Promise<{ rows: R[]; totals: ImportTotals; message: Label }> {
  const reports: R[] = [];
  for (const r of rows) {
    const report = opts.start(r);
    if (Object.values(r.cells).every((v) => v.trim() === '')) {
      reports.push(report);
      continue;
    }
    try {
      reports.push(await opts.run(r, report));
    } catch (caught) {
      const error = opts.asRefusal ? opts.asRefusal(caught) : caught;
      if (!isEsaError(error)) throw error;
      const details = error.code === opts.invalidCode ? ((error.details?.problems as Label[] | undefined) ?? []) : detailsOf(error);
      reports.push({ ...report, outcome: 'refused', reason: refusalOf(error, details) });
    }
  }
  const count = (o: RowOutcome) => reports.filter((x) => x.outcome === o).length;
  const totals = {
    rows: reports.length,
    imported: count('imported'),
    replayed: count('replayed'),
    refused: count('refused'),
    skipped: count('skipped'),
  };
  return {
    rows: reports,
    totals,
    message: {
      th: `นำเข้า ${totals.imported} คำขอ นำเข้าไว้แล้ว ${totals.replayed} คำขอ (ไม่สร้างซ้ำ) ไม่รับ ${totals.refused} แถว ข้ามแถวว่าง ${totals.skipped} แถว`,
      en: `${totals.imported} request(s) imported, ${totals.replayed} already imported (not filed twice), ${totals.refused} row(s) refused, ${totals.skipped} empty row(s) skipped.`,
    },
  };
}

/** A unique-key violation (two imports of one reference at once): the caller's refusal of a taken reference. */
export const isUniqueViolation = (caught: unknown): boolean => (caught as { code?: unknown }).code === '23505';
