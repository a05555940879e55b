// CSV (RFC 4180) for downloads people open in spreadsheets; the rules are few. A text cell starting with = + - @ (or a tab or carriage return) is prefixed with '
// so a spreadsheet shows it instead of running it as a formula; a signed number stays a number.

export type CsvCell = string | number | null;

/** A text cell as written: prefixed with ' when a spreadsheet would run it as a formula (csv-stringify's cast uses it too). */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
