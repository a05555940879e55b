import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { countRecordsChangedSince } from './count-records-changed-since';
import { type ImportView, RESULTS_SHOWN, rowResult, undoDeadline } from './import-view';

const IMPORT_SUMMARY = {
  id: true,
  entity: true,
  status: true,
  onMatch: true,
  fileName: true,
  mapping: true,
  totalRows: true,
  doneRows: true,
  createdCount: true,
  updatedCount: true,
  skippedCount: true,
  rejectedCount: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  undoneAt: true,
} as const;

type ImportSummaryRow = { [K in keyof typeof IMPORT_SUMMARY]: unknown } & Awaited<
  ReturnType<typeof db.import.findMany<{ select: typeof IMPORT_SUMMARY }>>
>[number];

export function importSummaryView(row: ImportSummaryRow): Omit<ImportView, 'results'> {
  return {
    id: toPublicId('import', row.id),
    entity: row.entity,
    status: row.status,
    dryRun: false,
    onMatch: row.onMatch === 'skip' ? 'skip' : 'update',
    fileName: row.fileName,
    mapping: row.mapping as Record<string, string>,
    totalRows: row.totalRows,
    doneRows: row.doneRows,
    created: row.createdCount,
    updated: row.updatedCount,
    skipped: row.skippedCount,
    rejected: row.rejectedCount,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    undoneAt: row.undoneAt,
    undoUntil: undoDeadline(row.finishedAt, row.status),
    changedSince: null,
  };
}

export { IMPORT_SUMMARY };

export function importNotFound(importId: number): AppError {
  return new AppError('not_found', `No import with ID ${toPublicId('import', importId)} exists.`);
}

/**
 * An import's progress, counts and its first rows' outcomes (managers and admins); while it can be
 * undone, how many of its records changed since it finished.
 */
export async function getImport({ ctx, input }: { ctx: ServiceContext; input: { importId: number } }): Promise<ImportView> {
  assertMayImportRecords(ctx);
  const row = await db.import.findUnique({ where: { id: input.importId }, select: IMPORT_SUMMARY });
  if (!row) throw importNotFound(input.importId);
  const rows = await db.importRow.findMany({
    where: { importId: input.importId },
    orderBy: { rowNumber: 'asc' },
    take: RESULTS_SHOWN,
    select: { rowNumber: true, outcome: true, recordId: true, reason: true },
  });
  const view = importSummaryView(row);
  const changedSince = view.undoUntil && row.finishedAt ? await countRecordsChangedSince(input.importId, row.finishedAt) : null;
  return { ...view, changedSince, results: rows.map((r) => rowResult(row.entity, r)) };
}
