import 'server-only';
import type { ServiceContext } from '../context';
import { visibleThroughDeal } from '../activities/activity-rules';
import { taskNotFound } from './get-task';
import { writeAs } from '../../change-record/change-actor';

/** Deletes a task for good (everyone may); 404 when it does not exist or its deal is deleted. */
export async function deleteTask({ ctx, input }: { ctx: ServiceContext; input: { taskId: number } }): Promise<void> {
  // everyone works tasks
  const { count } = await writeAs(ctx, (tx) => tx.task.deleteMany({ where: { id: input.taskId, ...visibleThroughDeal } }));
  if (count === 0) throw taskNotFound();
}
