import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListActivitiesQuery } from '../../schemas/activity';
import type { ServiceContext } from '../context';
import { getDealOrThrow } from '../deals/get-deal-or-throw';
import { visibleThroughDeal } from './activity-rules';

const SORT = 'activities:-occurred_at';

/**
 * A page of activities, latest first by (occurred_at desc, id desc), filtered by deal, type, status,
 * owner (`me`: the acting user) and time window (occurred_after ≤ occurred_at < occurred_before).
 */
export async function listActivities({ ctx, input }: { ctx: ServiceContext; input: ListActivitiesQuery }) {
  // every role may read every activity; `me` is whoever asks
  const where: Prisma.ActivityWhereInput[] = [visibleThroughDeal];
  if (input.deal_id !== undefined) where.push({ dealId: input.deal_id });
  if (input.type !== undefined) where.push({ type: input.type });
  if (input.status !== undefined) where.push({ status: input.status });
  if (input.owner_id !== undefined) where.push({ ownerId: input.owner_id === 'me' ? ctx.user.id : input.owner_id });
  if (input.occurred_after !== undefined) where.push({ occurredAt: { gte: input.occurred_after } });
  if (input.occurred_before !== undefined) where.push({ occurredAt: { lt: input.occurred_before } });
  if (input.cursor !== undefined) {
    const cursor = decodeCursor(input.cursor, SORT);
    const before = typeof cursor.v === 'string' ? new Date(cursor.v) : null;
    if (!before || Number.isNaN(before.getTime())) {
      throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
        { path: 'cursor', message: 'Invalid cursor' },
      ]);
    }
    where.push({ OR: [{ occurredAt: { lt: before } }, { occurredAt: before, id: { lt: cursor.id } }] });
  }
  const rows = await db.activity.findMany({
    where: { AND: where },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: SORT, v: row.occurredAt.toISOString(), id: row.id }));
}

/** The same list for one deal; 404 when the deal does not exist (or is deleted). */
export async function listDealActivities({ ctx, input }: { ctx: ServiceContext; input: Omit<ListActivitiesQuery, 'deal_id'> & { dealId: number } }) {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const { dealId, ...query } = input;
  return listActivities({ ctx, input: { ...query, deal_id: dealId } });
}
