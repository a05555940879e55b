import 'server-only';
import { db } from '../../db';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ServiceContext } from '../context';
import { getDealOrThrow } from './get-deal-or-throw';

/** A deal's stage history, oldest first, by keyset cursor over (changed_at, id). */
export async function listDealHistory({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; limit: number; cursor?: string } }) {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const after = input.cursor ? decodeCursor(input.cursor, 'changed_at') : null;
  const afterDate = after && typeof after.v === 'string' && !Number.isNaN(Date.parse(after.v)) ? new Date(after.v) : null;
  const rows = await db.stageHistory.findMany({
    where: {
      dealId: input.dealId,
      ...(after && afterDate ? { OR: [{ changedAt: { gt: afterDate } }, { changedAt: afterDate, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, (r) => encodeCursor({ s: 'changed_at', v: r.changedAt.toISOString(), id: r.id }));
  return { items: page.rows, hasMore: page.hasMore, nextCursor: page.nextCursor };
}
