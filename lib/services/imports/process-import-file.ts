import 'server-only';
import { cellsByField, interpretRow } from '../../imports/interpret-row';
import type { ImportEntity } from '../../imports/import-fields';
import { type CsvFile, csvRecords, detectCsvFormat } from '../../imports/read-csv';
import type { DbClient } from '../deals/resolve-deal-references';
import type { ServiceContext } from '../context';
import { dealExternalSources, loadImportLookups } from './load-import-lookups';
import type { BatchRow, ImportRun } from './write-import-batch';

// An import's file as batches of read rows, streamed: only one batch is held at a time.

export const IMPORT_BATCH_ROWS = 1000;

export interface ImportJob {
  ctx: ServiceContext;
  entity: ImportEntity;
  onMatch: 'update' | 'skip';
  mapping: Record<string, string>;
  file: CsvFile;
}

/** The run's shared state (lookups, known external sources), read through `client`. */
export async function startImportRun(client: DbClient, job: ImportJob): Promise<ImportRun> {
  const format = await detectCsvFormat(job.file);
  return {
    ctx: job.ctx,
    format,
    entity: job.entity,
    onMatch: job.onMatch,
    lookups: await loadImportLookups(client, { decimalComma: format.separator === ';' }),
    externalSources: job.entity === 'deals' ? await dealExternalSources(client) : [],
    seen: new Map(),
    now: new Date(),
  };
}

/** The file's rows after the header, read against the run's lookups, `size` at a time; rows up to `afterRow` are passed over. */
export async function* importBatches(run: ImportRun, job: ImportJob, { afterRow = 1, size = IMPORT_BATCH_ROWS } = {}): AsyncGenerator<BatchRow[]> {
  let headers: string[] | null = null;
  let rowNumber = 0;
  let batch: BatchRow[] = [];
  for await (const record of csvRecords(job.file, run.format)) {
    rowNumber += 1;
    if (headers === null) {
      headers = record.map((cell) => cell.trim());
      continue;
    }
    if (rowNumber <= afterRow) continue;
    const values = cellsByField(headers, job.mapping, record);
    batch.push({ rowNumber, cells: record, reading: interpretRow(job.entity, values, run.lookups) });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** How many records follow the header (a quick pass over the file). */
export async function countDataRows(file: CsvFile): Promise<number> {
  let count = -1;
  for await (const _record of csvRecords(file)) count += 1;
  return Math.max(0, count);
}
