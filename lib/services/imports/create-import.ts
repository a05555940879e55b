import 'server-only';
import { db } from '../../db';
import type { ImportEntity } from '../../imports/import-fields';
import { readCsvHeader } from '../../imports/read-csv';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { dryRunImport } from './dry-run-import';
import { enqueueImport } from './import-queue';
import { assertImportFile, dealCustomFields, resolveMapping } from './import-options';
import { type ImportView, RESULTS_SHOWN, rowResult } from './import-view';
import { countDataRows } from './process-import-file';
import { getImport } from './get-import';
import { saveImportFile } from './import-file';

export interface CreateImportInput {
  entity: ImportEntity;
  fileName: string;
  bytes: Buffer;
  /** {csv header: field key}; auto-mapped when absent */
  mapping?: Record<string, string>;
  onMatch: 'update' | 'skip';
  dryRun: boolean;
}

/**
 * Starts an import of a CSV file (managers and admins): a dry run answers what would happen to
 * each row and writes nothing; otherwise the import is kept with its file and queued for the
 * background worker, and answered as queued (its progress: getImport).
 */
export async function createImport({ ctx, input }: { ctx: ServiceContext; input: CreateImportInput }): Promise<ImportView> {
  assertMayImportRecords(ctx);
  assertImportFile(input.bytes);
  const headers = await readCsvHeader(input.bytes);
  const mapping = resolveMapping(input.entity, headers, input.entity === 'deals' ? await dealCustomFields(db) : [], input.mapping);
  const importCtx: ServiceContext = { ...ctx, source: 'import', channel: 'import' };
  const job = { ctx: importCtx, entity: input.entity, onMatch: input.onMatch, mapping, file: input.bytes };
  if (input.dryRun) {
    const { outcomes, counts, totalRows } = await dryRunImport(job, RESULTS_SHOWN);
    return {
      id: null,
      entity: input.entity,
      status: 'dry_run',
      dryRun: true,
      onMatch: input.onMatch,
      fileName: input.fileName,
      mapping,
      totalRows,
      doneRows: totalRows,
      ...counts,
      error: null,
      createdAt: new Date(),
      finishedAt: new Date(),
      undoneAt: null,
      undoUntil: null,
      changedSince: null,
      results: outcomes.map((o) => rowResult(input.entity, o)),
    };
  }
  const totalRows = await countDataRows(input.bytes);
  // bookkeeping of the import itself (imports are not in the change record): the import and its
  // file together or neither
  const created = await db.$transaction(
    async (tx) => {
      const row = await tx.import.create({
        data: { entity: input.entity, onMatch: input.onMatch, mapping, fileName: input.fileName, totalRows, createdById: ctx.user.id },
        select: { id: true },
      });
      await saveImportFile(tx, row.id, input.bytes);
      return row;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  await enqueueImport(created.id);
  return getImport({ ctx, input: { importId: created.id } });
}
