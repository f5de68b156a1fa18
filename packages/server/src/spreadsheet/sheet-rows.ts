/**
 * What an import reads from a file, whatever its format (CSV or xlsx): the
 * rows with the numbers a spreadsheet shows (the header is row 1; a blank row
 * still counts, and a cell that spans lines is still one row), and the rows
 * that could not be read, each with why.
 */
export interface SheetRow {
  /** the spreadsheet's row number */
  row: number;
  cells: string[];
}

export type UnreadableRowCode = 'quote_malformed';

export interface SheetRows {
  format: 'csv' | 'xlsx';
  /** non-blank rows, the header first */
  rows: SheetRow[];
  /** rows that could not be read (a stray quote in a CSV row); they are reported, never dropped silently */
  unreadable: { row: number; code: UnreadableRowCode }[];
}
