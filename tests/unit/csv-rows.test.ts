import { describe, expect, it } from 'vitest';
import { csvLine, type CsvCell } from '../../lib/csv/csv-line';
import { csvRows } from '../../lib/csv/csv-rows';
import { neutraliseFormula, restoreNeutralisedFormula } from '../../lib/csv/neutralise-formula';

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

describe('restoreNeutralisedFormula', () => {
  it('undoes neutraliseFormula, and leaves every other text alone', () => {
    for (const text of ['=HYPERLINK("x")', '+1 555', '-cmd', '@sum', '\tindent', 'plain', "'quoted", '-12.5', "'-12.5", '']) {
      expect(restoreNeutralisedFormula(neutraliseFormula(text))).toBe(text);
    }
    expect(restoreNeutralisedFormula("'plain")).toBe("'plain");
  });
});
