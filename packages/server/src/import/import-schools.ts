/**
 * Importing an office's schools from CSV: upsert by school code. Valid rows
 * are written in one transaction; a rejected row writes nothing; a row equal
 * to what is stored is `unchanged` (importing the same file twice changes
 * nothing). Imports of one kind run one at a time (a transaction-level
 * advisory lock: the engine's `writeSchoolImport`), so two uploads cannot
 * race on the same new code.
 */
import { z } from 'zod';
import { writeSchoolImport, type SchoolImportWrites, type Engine } from '@esa-flow/engine';
import {
  checkRow,
  duplicateRows,
  readTable,
  reason,
  summarise,
  textCell,
  type ImportColumn,
  type ImportReport,
  type RowReport,
} from './import-table';
import type { SheetRows } from '../spreadsheet/sheet-rows';

export const SCHOOL_COLUMNS: readonly ImportColumn[] = [
  { key: 'code', headers: ['รหัสโรงเรียน', 'school code', 'code', 'รหัส'], required: true, th: 'รหัสโรงเรียน', en: 'school code' },
  {
    key: 'name_th',
    headers: ['ชื่อโรงเรียน', 'ชื่อโรงเรียน (ไทย)', 'name', 'name (thai)', 'school name'],
    required: true,
    th: 'ชื่อโรงเรียน',
    en: 'school name',
  },
  {
    key: 'name_en',
    headers: ['ชื่อโรงเรียนภาษาอังกฤษ', 'ชื่อโรงเรียน (อังกฤษ)', 'name (english)', 'english name'],
    required: false,
    th: 'ชื่อโรงเรียนภาษาอังกฤษ',
    en: 'school name in English',
  },
];

/** School codes as the ministry issues them (SMIS 8 digits, OBEC 10 digits), or an office's own letters and digits. */
const SCHOOL_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

const SchoolRow = z.object({
  code: textCell({ required: true, max: 40, pattern: SCHOOL_CODE }),
  name_th: textCell({ required: true, max: 300 }),
  name_en: textCell({ required: false, max: 300 }),
});

/** a ceiling only: the route refuses files over IMPORT_MAX_ROWS (413 IMPORT_TOO_LARGE) before reading them */
export const MAX_IMPORT_ROWS = 1_000_000;

export async function importSchools(engine: Engine, officeId: string, sheet: SheetRows, dryRun: boolean): Promise<ImportReport> {
  const source = readTable(sheet, SCHOOL_COLUMNS, MAX_IMPORT_ROWS);
  const reports: RowReport[] = [];
  const unique: { row: number; code: string; nameTh: string; nameEn: string }[] = [];
  const dupes = duplicateRows(source.filter((r) => r.cells.code).map((r) => ({ row: r.row, key: r.cells.code! })));
  for (const row of source) {
    const checked = checkRow(SchoolRow, row, SCHOOL_COLUMNS);
    const others = dupes.get(row.row);
    const reasons = [
      ...('reasons' in checked ? checked.reasons : []),
      ...(others
        ? [reason('duplicate_in_file', SCHOOL_COLUMNS[0]!, { th: `(แถวที่ ${others.join(', ')})`, en: `(rows ${others.join(', ')})` })]
        : []),
    ];
    if (reasons.length > 0 || 'reasons' in checked) reports.push({ row: row.row, key: row.cells.code ?? '', status: 'rejected', reasons });
    // no English name: the Thai one stands in (the column is required in the database)
    else
      unique.push({
        row: row.row,
        code: checked.value.code!,
        nameTh: checked.value.name_th!,
        nameEn: checked.value.name_en ?? checked.value.name_th!,
      });
  }

  await writeSchoolImport(
    engine,
    officeId,
    unique.map((v) => v.code),
    (byCode) => {
      const writes: SchoolImportWrites = { inserts: [], updates: [] };
      for (const v of unique) {
        const found = byCode.get(v.code);
        if (found && found.officeId !== officeId) {
          reports.push({
            row: v.row,
            key: v.code,
            status: 'rejected',
            reasons: [reason('school_code_not_importable', SCHOOL_COLUMNS[0]!)],
          });
        } else if (!found) {
          writes.inserts.push({ code: v.code, nameTh: v.nameTh, nameEn: v.nameEn });
          reports.push({ row: v.row, key: v.code, status: 'created', reasons: [] });
        } else if (found.nameTh === v.nameTh && found.nameEn === v.nameEn) {
          reports.push({ row: v.row, key: v.code, status: 'unchanged', reasons: [] });
        } else {
          writes.updates.push({ id: found.id, nameTh: v.nameTh, nameEn: v.nameEn });
          reports.push({ row: v.row, key: v.code, status: 'updated', reasons: [] });
        }
      }
      return writes;
    },
    dryRun,
  );
  return summarise('schools', dryRun, reports);
}
