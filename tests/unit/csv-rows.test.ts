import { describe, expect, it } from 'vitest';
import { csvLine, type CsvCell } from '../../lib/csv/csv-line';
import { csvRows } from '../../lib/csv/csv-rows';

describe('csvRows', () => {
  it('writes what csvLine writes: RFC 4180 quoting, CRLF, formulas neutralised, signed numbers kept', () => {
    const rows: CsvCell[][] = [
      ['plain', 'a,b', 'say "hi"', 'two\nlines', 'carriage\rreturn', null, 42, ''],
      ['=HYPERLINK("http://x")', '+1 555', '-cmd', '@SUM(A1)', '\tx', '-12.50', '-3', 'é ü 日本'],
    ];
    expect(csvRows(rows)).toBe(rows.map(csvLine).join(''));
    expect(csvRows(rows.slice(1))).toBe(`"'=HYPERLINK(""http://x"")",'+1 555,'-cmd,'@SUM(A1),'\tx,-12.50,-3,é ü 日本\r\n`);
  });

  it('writes nothing for no rows', () => {
    expect(csvRows([])).toBe('');
  });
});
