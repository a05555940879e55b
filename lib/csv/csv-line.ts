// CSV (RFC 4180) for downloads people open in spreadsheets: no CSV library is installed, and the
// rules are few. A text cell starting with = + - @ (or a tab or carriage return) is prefixed with '
// so a spreadsheet shows it instead of running it as a formula; a signed number stays a number.

export type CsvCell = string | number | null;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
