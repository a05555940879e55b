import 'server-only';
import { db } from '../../db';
import { cellsByField, interpretRow } from '../../imports/interpret-row';
import { type ImportEntity, mappableFields } from '../../imports/import-fields';
import { csvRecords, detectCsvFormat } from '../../imports/read-csv';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { assertImportFile, dealCustomFields, resolveMapping } from './import-options';
import { loadImportLookups } from './load-import-lookups';

export const PREVIEW_ROWS = 10;

export interface ImportPreview {
  encoding: string;
  separator: string;
  headers: string[];
  /** {header: field key} as auto-mapped (or as sent) */
  mapping: Record<string, string>;
  /** every field a column may fill, custom fields included */
  fields: { key: string; label: string }[];
  /** the first rows, each with the problem that would reject it (matching is the dry run's) */
  rows: { row: number; cells: string[]; error: string | null }[];
}

/** The file's columns, their mapping and its first rows read as the import would read them (managers and admins). */
export async function previewImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { entity: ImportEntity; bytes: Buffer; mapping?: Record<string, string> };
}): Promise<ImportPreview> {
  assertMayImportRecords(ctx);
  assertImportFile(input.bytes);
  const format = await detectCsvFormat(input.bytes);
  const customFields = input.entity === 'deals' ? await dealCustomFields(db) : [];
  const lookups = await loadImportLookups(db, { decimalComma: format.separator === ';' });
  let headers: string[] | null = null;
  let mapping: Record<string, string> = {};
  const rows: ImportPreview['rows'] = [];
  let rowNumber = 0;
  for await (const record of csvRecords(input.bytes, format)) {
    rowNumber += 1;
    if (headers === null) {
      headers = record.map((cell) => cell.trim());
      mapping = resolveMapping(input.entity, headers, customFields, input.mapping);
      continue;
    }
    const reading = interpretRow(input.entity, cellsByField(headers, mapping, record), lookups);
    rows.push({ row: rowNumber, cells: record, error: reading.ok ? null : reading.reason });
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return {
    encoding: format.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252',
    separator: format.separator === '\t' ? 'tab' : format.separator === ';' ? 'semicolon' : 'comma',
    headers: headers ?? [],
    mapping,
    fields: mappableFields(input.entity, customFields),
    rows,
  };
}
