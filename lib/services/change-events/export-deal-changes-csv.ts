import 'server-only';
import { decodeCursor, encodeCursor } from '../../api/pagination';
import { auditLogCsvStream } from '../../change-record/audit-log-csv';
import type { ServiceContext } from '../context';
import { getDealOrThrow } from '../deals/get-deal-or-throw';
import { readDealTimeline } from './read-deal-timeline';

const PAGE = 1_000;

/**
 * A deal's change record as CSV, newest first: the workspace audit log's columns and rows
 * (lib/change-record/audit-log-csv.ts), with what the reader's role sees on the deal's Changes tab.
 * 404 once the deal is deleted, before any byte is written.
 */
export async function exportDealChangesCsv({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }): Promise<ReadableStream<Uint8Array>> {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  return auditLogCsvStream(async (before) => {
    const cursor = before === undefined ? undefined : encodeCursor({ s: '-id', v: null, id: Number(before) });
    const page = await readDealTimeline({ ctx, input: { dealId: input.dealId, limit: PAGE, cursor } });
    return { events: page.events, names: page.names, nextBefore: page.nextCursor === null ? null : String(decodeCursor(page.nextCursor, '-id').id) };
  });
}
