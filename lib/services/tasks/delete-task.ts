import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { visibleThroughDeal } from '../activities/activity-rules';
import { taskNotFound } from './get-task';

/** Deletes a task for good (everyone may); 404 when it does not exist or its deal is deleted. */
export async function deleteTask({ ctx, input }: { ctx: ServiceContext; input: { taskId: number } }): Promise<void> {
  void ctx; // everyone works tasks
  const { count } = await db.task.deleteMany({ where: { id: input.taskId, ...visibleThroughDeal } });
  if (count === 0) throw taskNotFound();
}
