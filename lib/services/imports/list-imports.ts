import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { IMPORT_SUMMARY, importSummaryView } from './get-import';
import type { ImportView } from './import-view';

/** The most recent imports, newest first (managers and admins). */
export async function listImports({ ctx, input }: { ctx: ServiceContext; input: { limit: number } }): Promise<Omit<ImportView, 'results'>[]> {
  assertMayImportRecords(ctx);
  const rows = await db.import.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: input.limit, select: IMPORT_SUMMARY });
  return rows.map(importSummaryView);
}
