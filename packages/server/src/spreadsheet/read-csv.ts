/**
 * Reading a CSV file with csv-parse (RFC 4180: quoted cells, doubled quotes,
 * cells spanning lines, CRLF or LF, a BOM). Row numbers are counted per
 * record, blank ones included, as a spreadsheet numbers its rows.
 *
 * - A stray quote (`5,"x"y` or `a"b`) makes that row unreadable: it is
 *   reported on its row (`quote_malformed`) and the other rows are read.
 * - A quote that opens and never closes would swallow the rest of the file:
 *   the file is refused (400 INVALID_PAYLOAD) naming the row where it opens.
 */
import { parse } from 'csv-parse/sync';
import { EsaError } from '@esa-flow/engine';
import type { SheetRows } from './sheet-rows';

interface CsvProblem {
  code?: string;
  lines?: number;
}

export function readCsv(text: string): SheetRows {
  const sheet: SheetRows = { format: 'csv', rows: [], unreadable: [] };
  /** the spreadsheet row of the next record */
  let next = 1;
  /** the physical line the last unreadable record was reported on (csv-parse may report one record twice) */
  let lastSkippedLine = -1;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_record: (record: string[]) => {
        if (record.some((cell) => cell.trim() !== '')) sheet.rows.push({ row: next, cells: record });
        next++;
        return null;
      },
      on_skip: (error: CsvProblem | undefined) => {
        const line = error?.lines ?? -1;
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') throw quoteNotClosed(next);
        if (line === lastSkippedLine) return;
        lastSkippedLine = line;
        sheet.unreadable.push({ row: next, code: 'quote_malformed' });
        next++;
      },
    });
  } catch (error) {
    if (error instanceof EsaError) throw error;
    if ((error as CsvProblem).code === 'CSV_QUOTE_NOT_CLOSED') throw quoteNotClosed(next);
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [
        { path: `row.${next}`, code: 'unreadable', message: `แถวที่ ${next}: อ่านไฟล์ CSV ไม่ได้ / row ${next}: the CSV file cannot be read` },
      ],
    });
  }
  return sheet;
}

function quoteNotClosed(row: number): EsaError {
  return new EsaError('INVALID_PAYLOAD', {
    issues: [
      {
        path: `row.${row}`,
        code: 'quote_not_closed',
        message: `แถวที่ ${row}: เครื่องหมายคำพูด (") เปิดแล้วไม่ปิด จึงอ่านแถวที่เหลือไม่ได้ / row ${row}: a quote (") opens and never closes, so the rest of the file cannot be read`,
      },
    ],
  });
}
