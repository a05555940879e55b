import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateTaskBody } from '../../schemas/task';
import type { ServiceContext } from '../context';
import { assertDealExists, assertUserExists, visibleThroughDeal } from '../activities/activity-rules';
import { taskNotFound } from './get-task';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Changes the given fields of a task (everyone may). Completing it stamps completed_at, reopening
 * clears it; sending the status it already has keeps the stamp. 404 unknown, 422 unknown deal/assignee.
 */
export async function updateTask({ ctx, input }: { ctx: ServiceContext; input: { taskId: number; changes: UpdateTaskBody } }) {
  // everyone works tasks
  const { changes } = input;
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const current = await tx.task.findFirst({ where: { id: input.taskId, ...visibleThroughDeal }, select: { status: true } });
    if (!current) throw taskNotFound();
    if (changes.assignee_id !== undefined && changes.assignee_id !== null) await assertUserExists(tx, changes.assignee_id, 'assignee_id');
    if (changes.deal_id !== undefined && changes.deal_id !== null) await assertDealExists(tx, changes.deal_id);

    const data: Prisma.TaskUncheckedUpdateInput = {};
    if (changes.deal_id !== undefined) data.dealId = changes.deal_id;
    if (changes.title !== undefined) data.title = changes.title;
    if (changes.priority !== undefined) data.priority = changes.priority;
    if (changes.due_at !== undefined) data.dueAt = changes.due_at;
    if (changes.assignee_id !== undefined) data.assigneeId = changes.assignee_id;
    if (changes.status !== undefined && changes.status !== current.status) {
      data.status = changes.status;
      data.completedAt = changes.status === 'completed' ? new Date() : null;
    }
    return tx.task.update({ where: { id: input.taskId }, data });
  });
}
