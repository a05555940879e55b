import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** Everything the deal page shows: the deal, its stage history, line items, activities and tasks. */
export async function getDealOverview({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx; // every role can read every deal
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, deletedAt: null },
    include: {
      pipeline: { select: { name: true } },
      stage: { select: { name: true, probability: true } },
      owner: { select: { name: true } },
      company: { select: { name: true, domain: true } },
      contact: { select: { firstName: true, lastName: true, email: true } },
      history: {
        orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
        include: { fromStage: { select: { name: true } }, toStage: { select: { name: true } }, changedBy: { select: { name: true } } },
      },
      lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      activities: { orderBy: { occurredAt: 'desc' }, take: 50 },
      tasks: { orderBy: [{ status: 'asc' }, { dueAt: 'asc' }], take: 50, include: { assignee: { select: { name: true } } } },
    },
  });
  if (!deal) throw new AppError('not_found', 'No such deal.');
  return deal;
}
