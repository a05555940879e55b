import 'server-only';
import { db } from '../../db';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ChangeEventRow } from '../../change-record/read-change-events';
import type { ServiceContext } from '../context';
import { getDealOrThrow } from '../deals/get-deal-or-throw';
import { selectChangeEvents } from './change-event-filter';

/**
 * Everything that changed on a deal — its fields, stage, links, line items, activities and tasks —
 * as far as the reader's role sees, by keyset cursor over the event id: oldest first for the API,
 * newest first for the deal page's timeline. The deal must exist (404 once deleted).
 */
export async function listDealChanges({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; limit: number; cursor?: string; order: 'oldest-first' | 'newest-first' };
}): Promise<{ items: ChangeEventRow[]; hasMore: boolean; nextCursor: string | null }> {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const sort = input.order === 'newest-first' ? '-id' : 'id';
  const after = input.cursor ? BigInt(decodeCursor(input.cursor, sort).id) : null;
  const { where } = selectChangeEvents(ctx, { dealId: input.dealId });
  const rows = await db.changeEvent.findMany({
    where: { ...where, ...(after !== null ? { id: sort === 'id' ? { gt: after } : { lt: after } } : {}) },
    orderBy: { id: sort === 'id' ? 'asc' : 'desc' },
    take: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, (row) => encodeCursor({ s: sort, v: null, id: Number(row.id) }));
  return { items: page.rows, hasMore: page.hasMore, nextCursor: page.nextCursor };
}
