import { neutraliseFormula } from './neutralise-formula';

// CSV (RFC 4180) lines for the small downloads built in one piece (reports, the audit log); the
// streamed list exports write with csv-stringify (csv-rows.ts). Both neutralise formulas with the one
// rule in neutralise-formula.ts.

export type CsvCell = string | number | null;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
