/**
 * The shared part of imports (CSV or xlsx, read by ../spreadsheet): columns with their accepted headers (Thai
 * or English, or both as "ไทย/English"), reading the header row, turning
 * each data row into a record checked by a zod schema, and the reasons a row
 * is rejected, in Thai and English.
 *
 * Row numbers are those a spreadsheet shows: the header is row 1, the first
 * data row is row 2.
 */
import { EsaError, hasForbiddenNameCharacter } from '@esa-flow/engine';
import { z } from 'zod';
import type { SheetRows, UnreadableRowCode } from '../spreadsheet/sheet-rows';

export interface ImportColumn {
  key: string;
  /** accepted headers, compared case- and space-insensitively; the first Thai and first English are the template's */
  headers: readonly string[];
  required: boolean;
  th: string;
  en: string;
}

/** Why a row is rejected. Codes are stable; the texts explain them to the person who fixes the file. */
export const REJECTION_REASONS = {
  required: { th: 'ต้องระบุ', en: 'is required' },
  too_long: { th: 'ยาวเกินกำหนด', en: 'is too long' },
  invalid_format: { th: 'รูปแบบไม่ถูกต้อง', en: 'has an invalid format' },
  citizen_id_format: { th: 'เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก', en: 'the citizen id must be 13 digits' },
  citizen_id_checksum: {
    th: 'เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)',
    en: 'the citizen id is not valid (its check digit does not match)',
  },
  email_invalid: { th: 'อีเมลไม่ถูกต้อง', en: 'is not a valid e-mail address' },
  school_code_unknown: { th: 'ไม่พบโรงเรียนรหัสนี้ในสังกัดสำนักงานเขต', en: 'no school of this office has this code' },
  // a code or citizen id another office holds: said without saying so (no oracle across offices)
  school_code_not_importable: { th: 'รหัสโรงเรียนนี้นำเข้าไม่ได้', en: 'this school code cannot be imported' },
  citizen_id_not_importable: { th: 'เลขประจำตัวประชาชนนี้นำเข้าไม่ได้', en: 'this citizen id cannot be imported' },
  duplicate_in_file: { th: 'ซ้ำกับแถวอื่นในไฟล์', en: 'duplicates another row of the file' },
  role_unknown: {
    th: 'ไม่รู้จักบทบาทนี้ (ใช้รหัสบทบาท เช่น teacher หรือชื่อบทบาทภาษาไทย เช่น ครู)',
    en: 'is not a known role (use a role code such as teacher, or its Thai name such as ครู)',
  },
  role_needs_school: { th: 'เป็นบทบาทในโรงเรียน ต้องระบุรหัสโรงเรียนของแถวนี้', en: 'is a school role: the row needs a school code' },
  role_needs_username: {
    th: 'บุคคลนี้ยังไม่มีบัญชีผู้ใช้ ต้องระบุชื่อผู้ใช้จึงจะมอบบทบาทได้',
    en: 'this person has no user account yet: give a username to grant a role',
  },
  username_taken: { th: 'ชื่อผู้ใช้นี้มีผู้อื่นใช้แล้ว', en: 'this username is taken by someone else' },
  person_has_other_user: { th: 'บุคคลนี้มีบัญชีผู้ใช้ชื่ออื่นอยู่แล้ว', en: 'this person already has a user account with another username' },
  accounts_admin_only: {
    th: 'การสร้างบัญชีผู้ใช้และมอบบทบาททำได้เฉพาะผู้ดูแลระบบของสำนักงานเขต',
    en: 'only an office admin may create user accounts and grant roles',
  },
  forbidden_character: { th: 'มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ', en: 'contains a control or bidirectional-override character' },
  quote_malformed: {
    th: 'แถวนี้มีเครื่องหมายคำพูด (") ผิดที่ จึงอ่านไม่ได้: ใส่เครื่องหมายคำพูดคร่อมทั้งช่อง หรือลบออก',
    en: 'this row has a quote (") out of place and cannot be read: quote the whole cell, or remove it',
  },
  citizen_id_scientific: {
    th: 'Excel แสดงเลขประจำตัวประชาชนเป็นตัวเลขแบบวิทยาศาสตร์ (เช่น 1.10123E+12) ทำให้หลักหายไปเมื่อบันทึกเป็น CSV: จัดรูปแบบคอลัมน์เป็นข้อความแล้วพิมพ์ใหม่ หรือใช้แม่แบบ .xlsx',
    en: 'Excel turned the citizen id into scientific notation (such as 1.10123E+12), which loses digits when saved as CSV: format the column as text and type it again, or use the .xlsx template',
  },
  number_invalid: { th: 'ต้องเป็นตัวเลข (ไม่ติดลบ)', en: 'must be a number (not negative)' },
  date_invalid: {
    th: 'วันที่ไม่ถูกต้อง (ใช้ วัน เดือน ปี พ.ศ. เช่น 16 พ.ค. 2553 หรือ 16/05/2553)',
    en: 'is not a valid date (day, month, Buddhist-era year, e.g. 16 พ.ค. 2553 or 16/05/2553)',
  },
  transfer_direction_unknown: { th: 'ไม่รู้จักค่านี้ (ย้ายมา, ย้ายไป หรือเว้นว่าง)', en: 'is not a known move (ย้ายมา = in, ย้ายไป = out, or blank)' },
  academic_standing_unknown: {
    th: 'ไม่รู้จักวิทยฐานะนี้ (ไม่มี, ชำนาญการ, ชำนาญการพิเศษ, เชี่ยวชาญ, เชี่ยวชาญพิเศษ)',
    en: 'is not a known academic standing (ไม่มี, ชำนาญการ, ชำนาญการพิเศษ, เชี่ยวชาญ, เชี่ยวชาญพิเศษ)',
  },
  person_not_in_office: {
    th: 'ไม่พบบุคลากรที่มีเลขประจำตัวประชาชนนี้ในสำนักงานเขต (นำเข้าบุคลากรก่อน)',
    en: 'no person of this office has this citizen id (import the staff first)',
  },
  level_unknown: { th: 'ไม่รู้จักระดับนี้ (ครูผู้ช่วย, คศ.1, คศ.2, คศ.3, คศ.4, คศ.5)', en: 'is not a known level (ครูผู้ช่วย, คศ.1 to คศ.5)' },
  half_year_invalid: {
    th: 'ระบุครึ่งปีเป็น ครั้งที่/ปีงบประมาณ พ.ศ. เช่น 2/2568 (1 เม.ย. – 30 ก.ย. 2568)',
    en: 'give the half-year as round/fiscal year (พ.ศ.), e.g. 2/2568 (1 April – 30 September 2025)',
  },
  penalty_kind_unknown: {
    th: 'ไม่รู้จักโทษนี้ (ภาคทัณฑ์, ตัดเงินเดือน, ลดขั้นเงินเดือน, ปลดออก, ไล่ออก)',
    en: 'is not a known penalty (ภาคทัณฑ์, ตัดเงินเดือน, ลดขั้นเงินเดือน, ปลดออก, ไล่ออก)',
  },
  cell_count: {
    th: 'จำนวนช่องมากกว่าหัวตาราง (อาจมีเครื่องหมายจุลภาคที่ไม่ได้อยู่ในเครื่องหมายคำพูด)',
    en: 'the row has more cells than the header (an unquoted comma?)',
  },
} as const;
export type RejectionCode = keyof typeof REJECTION_REASONS;

export interface RejectionReason {
  code: RejectionCode;
  /** the column's key, or null for the whole row */
  column: string | null;
  th: string;
  en: string;
}

export function reason(code: RejectionCode, column: ImportColumn | null, extra?: { th: string; en: string }): RejectionReason {
  const text = REJECTION_REASONS[code];
  const th = `${column ? `${column.th}: ` : ''}${text.th}${extra ? ` ${extra.th}` : ''}`;
  const en = `${column ? `${column.en}: ` : ''}${text.en}${extra ? ` ${extra.en}` : ''}`;
  return { code, column: column?.key ?? null, th, en };
}

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/** Which column each header cell is; an unknown, repeated or missing required column refuses the file (400). */
export function mapHeader(header: readonly string[], columns: readonly ImportColumn[]): Map<string, number> {
  const byAlias = new Map<string, ImportColumn>();
  for (const c of columns) for (const h of [c.key, ...c.headers]) byAlias.set(normalise(h), c);
  const index = new Map<string, number>();
  const issues: { path: string; code: string; message: string }[] = [];
  header.forEach((cell, i) => {
    const candidates = [cell, ...cell.split('/')].map(normalise).filter((s) => s !== '');
    const column = candidates.map((c) => byAlias.get(c)).find((c) => c !== undefined);
    if (!column) issues.push({ path: `header.${i + 1}`, code: 'unknown_column', message: `ไม่รู้จักคอลัมน์ / unknown column "${cell}"` });
    else if (index.has(column.key))
      issues.push({ path: `header.${i + 1}`, code: 'duplicate_column', message: `คอลัมน์ซ้ำ / column "${column.key}" appears twice` });
    else index.set(column.key, i);
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key))
      issues.push({ path: 'header', code: 'missing_column', message: `ไม่มีคอลัมน์ ${c.th} / missing column ${c.key}` });
  }
  if (issues.length > 0) throw new EsaError('INVALID_PAYLOAD', { issues });
  return index;
}

export interface SourceRow {
  row: number;
  cells: Record<string, string>;
  /** the row has more cells than the header */
  overflow: boolean;
  /** the file could not be read at this row (a CSV row with a stray quote) */
  unreadable?: UnreadableRowCode;
}

/**
 * The shape limits of an import file, checked by one counting pass over the
 * text before any table is built (a 20 MB header of `a,a,a…` would otherwise
 * become millions of cells and issues): more than `maxRows` non-blank data
 * rows, or more than `maxColumns` cells in any row, is 413 IMPORT_TOO_LARGE.
 */
export function assertImportShape(text: string, limits: { maxRows: number; maxColumns: number }): void {
  let rows = 0;
  let cells = 1;
  let blank = true;
  let quoted = false;
  const tooLarge = (what: 'rows' | 'columns', limit: number, row: number) =>
    new EsaError('IMPORT_TOO_LARGE', {
      limit: what,
      max: limit,
      issues: [
        {
          path: 'body',
          code: `too_many_${what}`,
          message:
            what === 'rows'
              ? `เกิน ${limit} แถว / more than ${limit} rows`
              : `แถวที่ ${row} มีเกิน ${limit} คอลัมน์ / row ${row} has more than ${limit} columns`,
        },
      ],
    });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else quoted = false;
      }
      blank = false;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x2c) {
      if (++cells > limits.maxColumns) throw tooLarge('columns', limits.maxColumns, rows + 1);
    } else if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      if (!blank && ++rows > limits.maxRows + 1) throw tooLarge('rows', limits.maxRows, rows);
      cells = 1;
      blank = true;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0xfeff) blank = false;
  }
  if (!blank && ++rows > limits.maxRows + 1) throw tooLarge('rows', limits.maxRows, rows);
}

/** The data rows of a file as records keyed by column (trimmed; a missing trailing cell is empty), with the spreadsheet's row numbers. */
export function readTable(sheet: SheetRows, columns: readonly ImportColumn[], maxRows: number): SourceRow[] {
  const [header, ...data] = sheet.rows;
  if (!header) throw new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'body', code: 'empty', message: 'ไฟล์ว่าง / the file is empty' }] });
  if (data.length + sheet.unreadable.length > maxRows) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [{ path: 'body', code: 'too_big', message: `เกิน ${maxRows} แถว / more than ${maxRows} rows` }],
    });
  }
  const index = mapHeader(header.cells, columns);
  const rows: SourceRow[] = data.map(({ row, cells }) => ({
    row,
    overflow: cells.length > header.cells.length && cells.slice(header.cells.length).some((c) => c.trim() !== ''),
    cells: Object.fromEntries(columns.map((c) => [c.key, (index.has(c.key) ? (cells[index.get(c.key)!] ?? '') : '').trim()])),
  }));
  for (const { row, code } of sheet.unreadable) {
    if (row > header.row) rows.push({ row, overflow: false, unreadable: code, cells: Object.fromEntries(columns.map((c) => [c.key, ''])) });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/** A number Excel wrote in scientific notation when saving a CSV (1.10123E+12): the digits are gone. */
export const isScientificNotation = (value: string): boolean => /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(value.trim());

/** A text cell (one line: names, codes, positions): one reason at most (`required` / `too_long` / `forbidden_character` / `invalid_format`); empty becomes null when optional. */
export function textCell(opts: { required: boolean; max: number; pattern?: RegExp }) {
  return z
    .string()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (opts.required) ctx.addIssue({ code: 'custom', message: 'required' });
      } else if (v.length > opts.max) ctx.addIssue({ code: 'custom', message: 'too_long' });
      else if (hasForbiddenNameCharacter(v)) ctx.addIssue({ code: 'custom', message: 'forbidden_character' });
      else if (opts.pattern && !opts.pattern.test(v)) ctx.addIssue({ code: 'custom', message: 'invalid_format' });
    })
    .transform((v) => (v === '' ? null : v));
}

export const emailCell = z
  .string()
  .superRefine((v, ctx) => {
    if (v !== '' && !z.email().max(300).safeParse(v).success) ctx.addIssue({ code: 'custom', message: 'email_invalid' });
  })
  .transform((v) => (v === '' ? null : v.toLowerCase()));

/** Checks a row with its zod schema; the issues become reasons (each issue's message is a rejection code). */
export function checkRow<T>(
  schema: z.ZodType<T>,
  row: SourceRow,
  columns: readonly ImportColumn[],
): { value: T } | { reasons: RejectionReason[] } {
  if (row.unreadable) return { reasons: [reason(row.unreadable, null)] };
  const reasons: RejectionReason[] = [];
  if (row.overflow) reasons.push(reason('cell_count', null));
  const parsed = schema.safeParse(row.cells);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columns.find((c) => c.key === issue.path[0]) ?? null;
      const code = (issue.message in REJECTION_REASONS ? issue.message : 'invalid_format') as RejectionCode;
      reasons.push(reason(code, column));
    }
  }
  return reasons.length > 0 || !parsed.success ? { reasons } : { value: parsed.data };
}

/** Rows sharing a key: every one of them is rejected, naming the others (which one is right is not ours to guess). */
export function duplicateRows(keys: readonly { row: number; key: string }[]): Map<number, number[]> {
  const byKey = new Map<string, number[]>();
  for (const k of keys) byKey.set(k.key, [...(byKey.get(k.key) ?? []), k.row]);
  const out = new Map<number, number[]>();
  for (const rows of byKey.values())
    if (rows.length > 1)
      for (const r of rows)
        out.set(
          r,
          rows.filter((x) => x !== r),
        );
  return out;
}

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

/** The user account of a staff row that names a username or a role (accepted rows only). */
export interface AccountReport {
  username: string;
  /** the import creates the account (a dry run: would create it) */
  created: boolean;
  /** the account has a password; an account the import creates has none until an admin sets one */
  hasPassword: boolean;
  role: { code: string; schoolId: string | null; granted: boolean } | null;
}

export interface RowReport {
  row: number;
  key: string;
  status: RowStatus;
  reasons: RejectionReason[];
  account?: AccountReport;
}

export interface ImportReport {
  kind: 'schools' | 'staff' | 'personnel';
  dryRun: boolean;
  totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
  rows: RowReport[];
  /** staff imports: accounts created and roles granted, and what the admin must do next */
  accounts?: { created: number; rolesGranted: number; withoutPassword: number; note: { th: string; en: string } | null };
}

export function summarise(kind: ImportReport['kind'], dryRun: boolean, rows: RowReport[]): ImportReport {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return {
    kind,
    dryRun,
    totals: {
      rows: rows.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
    },
    rows: [...rows].sort((a, b) => a.row - b.row),
  };
}
