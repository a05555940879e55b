import type { CsvCell } from './csv-line';

// A deal custom field's value in an export cell, as the deal page shows it: Yes/No for a checkbox,
// the option's text, the number as typed; a date as YYYY-MM-DD (what spreadsheets and the import
// read, where the page spells the day out in the reader's language). Empty when unset.

export function customFieldCell(type: string, value: unknown): CsvCell {
  if (value === undefined || value === null || value === '') return null;
  if (type === 'boolean') return value === true ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
