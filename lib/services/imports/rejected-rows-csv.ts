import 'server-only';
import { csvRows } from '../../csv/csv-rows';
import { db } from '../../db';
import { readCsvHeader } from '../../imports/read-csv';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { importNotFound } from './get-import';
import { importFile } from './import-file';

/**
 * The rows an import rejected as a CSV file to fix and import again: the file's own columns, then
 * "Row" (its line in the original) and "Reason". UTF-8 with a byte order mark, CRLF, and cells
 * that a spreadsheet would run as formulas neutralised.
 */
export async function rejectedRowsCsv({ ctx, input }: { ctx: ServiceContext; input: { importId: number } }): Promise<{ fileName: string; text: string }> {
  assertMayImportRecords(ctx);
  const found = await db.import.findUnique({ where: { id: input.importId }, select: { fileName: true } });
  if (!found) throw importNotFound(input.importId);
  const headers = await readCsvHeader(importFile(db, input.importId));
  const rows = await db.importRow.findMany({
    where: { importId: input.importId, outcome: 'rejected' },
    orderBy: { rowNumber: 'asc' },
    select: { rowNumber: true, reason: true, cells: true },
  });
  const records = rows.map((r) => [...headers.map((_h, i) => (r.cells as string[] | null)?.[i] ?? ''), String(r.rowNumber), r.reason ?? '']);
  // the byte order mark makes spreadsheets read the file as UTF-8
  const text = `\uFEFF${csvRows([[...headers, 'Row', 'Reason'], ...records])}`;
  return { fileName: `${found.fileName.replace(/\.csv$/i, '')}-rejected-rows.csv`, text };
}
