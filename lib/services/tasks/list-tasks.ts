import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListTasksQuery } from '../../schemas/task';
import type { ServiceContext } from '../context';
import { visibleThroughDeal } from '../activities/activity-rules';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

const SORT = 'tasks:created_at';

/**
 * A page of tasks, oldest first by (created_at, id), filtered by deal, status, priority, assignee (`me`: the acting user),
 * due window (due_after ≤ due_at < due_before) and overdue (pending with due_at in the past).
 */
export async function listTasks({ ctx, input, now = new Date() }: { ctx: ServiceContext; input: ListTasksQuery; now?: Date }) {
  // every role may read every task; `me` is whoever asks
  const where: Prisma.TaskWhereInput[] = [visibleThroughDeal];
  if (input.deal_id !== undefined) where.push({ dealId: input.deal_id });
  if (input.status !== undefined) where.push({ status: input.status });
  if (input.priority !== undefined) where.push({ priority: input.priority });
  if (input.assignee_id !== undefined) where.push({ assigneeId: input.assignee_id === 'me' ? ctx.user.id : input.assignee_id });
  if (input.due_after !== undefined) where.push({ dueAt: { gte: input.due_after } });
  if (input.due_before !== undefined) where.push({ dueAt: { lt: input.due_before } });
  if (input.overdue === true) where.push({ status: 'pending', dueAt: { lt: now } });
  // the complement, spelled out: NOT(...) would also drop tasks without a due date (SQL NULL)
  if (input.overdue === false) where.push({ OR: [{ status: 'completed' }, { dueAt: null }, { dueAt: { gte: now } }] });
  if (input.cursor !== undefined) {
    const cursor = decodeCursor(input.cursor, SORT);
    const after = typeof cursor.v === 'string' ? new Date(cursor.v) : null;
    if (!after || Number.isNaN(after.getTime())) {
      throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
        { path: 'cursor', message: 'Invalid cursor' },
      ]);
    }
    where.push({ OR: [{ createdAt: { gt: after } }, { createdAt: after, id: { gt: cursor.id } }] });
  }
  const rows = await db.task.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: SORT, v: row.createdAt.toISOString(), id: row.id }));
}

/** The same list for one deal; 404 when the deal does not exist (or is deleted). */
export async function listDealTasks({ ctx, input }: { ctx: ServiceContext; input: Omit<ListTasksQuery, 'deal_id'> & { dealId: number } }) {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const { dealId, ...query } = input;
  return listTasks({ ctx, input: { ...query, deal_id: dealId } });
}
