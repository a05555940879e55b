import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { Prisma } from '../../generated/prisma/client';
import { sortWorkItems, type WorkItem } from '../../work/work-item';
import type { ServiceContext } from '../context';
import { visibleThroughDeal } from '../activities/activity-rules';
import { assertMayViewWorkOf } from '../permissions';

/** More open items than anyone works through; the inbox says when it shows only the first ones. */
export const WORK_ITEMS_LIMIT = 500;

const dealSelect = { select: { id: true, name: true, company: { select: { id: true, name: true, deletedAt: true } } } } as const;

/**
 * The open work of one person (their pending tasks and the activities they planned), or of the
 * whole team (`team`, unassigned ones included), across every deal that is not deleted, soonest
 * first. Reps may ask only for their own (403 otherwise); 404 for an unknown user.
 */
export async function listWorkItems({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { whose: number | 'team' };
}): Promise<{ items: WorkItem[]; truncated: boolean }> {
  assertMayViewWorkOf(ctx, input.whose);
  if (input.whose !== 'team' && input.whose !== ctx.user.id) {
    const user = await db.user.findUnique({ where: { id: input.whose }, select: { id: true } });
    if (!user) throw new AppError('not_found', 'No user with this ID exists.');
  }
  const taskWhere: Prisma.TaskWhereInput = { status: 'pending', ...visibleThroughDeal };
  const activityWhere: Prisma.ActivityWhereInput = { status: 'planned', ...visibleThroughDeal };
  if (input.whose !== 'team') {
    taskWhere.assigneeId = input.whose;
    activityWhere.ownerId = input.whose;
  }
  const orderBy = [{ id: 'asc' as const }];
  const [tasks, activities] = await Promise.all([
    db.task.findMany({
      where: taskWhere,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, ...orderBy],
      take: WORK_ITEMS_LIMIT + 1,
      include: { assignee: { select: { id: true, name: true } }, deal: dealSelect },
    }),
    db.activity.findMany({
      where: activityWhere,
      orderBy: [{ occurredAt: 'asc' }, ...orderBy],
      take: WORK_ITEMS_LIMIT + 1,
      include: { owner: { select: { id: true, name: true } }, deal: dealSelect },
    }),
  ]);
  const dealOf = (deal: (typeof tasks)[number]['deal']) => ({
    deal: deal ? { id: toPublicId('deal', deal.id), name: deal.name } : null,
    company: deal?.company && !deal.company.deletedAt ? { id: toPublicId('company', deal.company.id), name: deal.company.name } : null,
  });
  const person = (user: { id: number; name: string } | null) => (user ? { id: toPublicId('user', user.id), name: user.name } : null);
  const items: WorkItem[] = [
    ...tasks.map((t) => ({
      kind: 'task' as const,
      id: toPublicId('task', t.id),
      title: t.title,
      dueAt: t.dueAt?.toISOString() ?? null,
      priority: t.priority,
      activityType: null,
      assignee: person(t.assignee),
      ...dealOf(t.deal),
    })),
    ...activities.map((a) => ({
      kind: 'activity' as const,
      id: toPublicId('activity', a.id),
      title: a.subject,
      dueAt: a.occurredAt.toISOString(),
      priority: null,
      activityType: a.type,
      assignee: person(a.owner),
      ...dealOf(a.deal),
    })),
  ];
  const truncated = tasks.length > WORK_ITEMS_LIMIT || activities.length > WORK_ITEMS_LIMIT;
  return { items: sortWorkItems(items).slice(0, WORK_ITEMS_LIMIT), truncated: truncated || items.length > WORK_ITEMS_LIMIT };
}
