import { stringify } from 'csv-stringify/sync';
import type { CsvCell } from './csv-line';
import { neutraliseFormula } from './neutralise-formula';

// Records as RFC 4180 text for the streamed exports: comma separated, CRLF after each record, a
// cell quoted when it holds a comma, a quote or a line break (csv-stringify quotes a lone CR or LF
// only when asked: quoted_match), and every text cell through the one formula rule.

const OPTIONS = {
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  cast: { string: neutraliseFormula },
} as const;

export function csvRows(rows: CsvCell[][]): string {
  return rows.length === 0 ? '' : stringify(rows, OPTIONS);
}
