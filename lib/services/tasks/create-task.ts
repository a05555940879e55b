import 'server-only';
import { db } from '../../db';
import type { CreateTaskBody } from '../../schemas/task';
import type { ServiceContext } from '../context';
import { assertDealExists, assertUserExists } from '../activities/activity-rules';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Creates a task (everyone may), created by the acting user and assigned to them unless assignee_id
 * says otherwise; created completed, it is stamped completed now. 422 for an unknown deal or assignee.
 */
export async function createTask({ ctx, input }: { ctx: ServiceContext; input: CreateTaskBody }) {
  const assigneeId = input.assignee_id === undefined ? ctx.user.id : input.assignee_id;
  const dealId = input.deal_id ?? null;
  const status = input.status ?? 'pending';
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    if (assigneeId !== null && assigneeId !== ctx.user.id) await assertUserExists(tx, assigneeId, 'assignee_id');
    if (dealId !== null) await assertDealExists(tx, dealId);
    return tx.task.create({
      data: {
        dealId,
        title: input.title,
        priority: input.priority ?? 'medium',
        status,
        dueAt: input.due_at ?? null,
        completedAt: status === 'completed' ? new Date() : null,
        assigneeId,
        createdById: ctx.user.id,
      },
    });
  });
}
