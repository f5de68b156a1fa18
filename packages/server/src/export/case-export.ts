/**
 * The case list as an office keeps it in a spreadsheet: every case the actor
 * may see that matches the filter (read page by page, never cut short), with
 * the workflow's and the step's Thai names, the status in words and the
 * dates as dates — no code name, no id.
 *
 * `caseExportRows` yields the rows one page at a time, so the CSV and the
 * streamed xlsx answers hold one page in memory, whatever the list's length.
 */
import { formatThaiDate, type Actor, type CaseFilter, type CaseRecord, type Engine } from '@esa-flow/engine';
import type { SheetColumn } from '../spreadsheet/write-xlsx';

const PAGE = 500;

export const CASE_EXPORT_COLUMNS: readonly (SheetColumn & { en: string })[] = [
  { header: 'เรื่อง', en: 'Title', kind: 'text', width: 48 },
  { header: 'กระบวนงาน', en: 'Procedure', kind: 'text', width: 36 },
  { header: 'ขั้นตอนปัจจุบัน', en: 'Current step', kind: 'text', width: 36 },
  { header: 'สถานะ', en: 'Status', kind: 'text', width: 14 },
  { header: 'วันที่เริ่ม', en: 'Started', kind: 'datetime', width: 22 },
  { header: 'ปรับปรุงล่าสุด', en: 'Last change', kind: 'datetime', width: 22 },
];

export interface CaseExportRow {
  title: string;
  workflow: string;
  step: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

const STATUS = { active: 'ดำเนินการอยู่', done: 'เสร็จสิ้น' } as const;

function describe(registry: Engine['registry'], c: CaseRecord): CaseExportRow {
  let workflow = 'กระบวนงานที่ไม่มีในระบบแล้ว';
  let step = '';
  try {
    const def = registry.get(c.workflowId, c.workflowVersion);
    workflow = def.title.th;
    step = c.state
      .split(',')
      .map((p) => def.steps[p]?.label?.th)
      .filter((l): l is string => l !== undefined)
      .join(', ');
  } catch {
    // a version no longer registered: its names are unknown here, and the code names are not shown
  }
  return { title: c.title, workflow, step, status: STATUS[c.status], createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/** Every matching case, newest change first, a page at a time (`limit` in the filter caps the total, when given). */
export async function* caseExportRows(engine: Engine, actor: Actor, filter: Omit<CaseFilter, 'after'>): AsyncGenerator<CaseExportRow> {
  let left = filter.limit ?? Number.POSITIVE_INFINITY;
  let after: CaseFilter['after'];
  while (left > 0) {
    const page = await engine.listCases(actor, { ...filter, limit: Math.min(PAGE, left), ...(after ? { after } : {}) });
    for (const c of page) yield describe(engine.registry, c);
    if (page.length < Math.min(PAGE, left)) return;
    left -= page.length;
    const last = page[page.length - 1]!;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}

/** A moment as a person reads it in a CSV cell: "6 ก.พ. 2568 15.00 น." (Bangkok). */
export const csvMoment = (d: Date): string => formatThaiDate(d, 'th', { style: 'short', withTime: true });
