import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { visibleThroughDeal } from '../activities/activity-rules';

/** One task, or 404 (also when its deal is deleted). Every role may read every task. */
export async function getTask({ ctx, input }: { ctx: ServiceContext; input: { taskId: number } }) {
  void ctx;
  const task = await db.task.findFirst({ where: { id: input.taskId, ...visibleThroughDeal } });
  if (!task) throw taskNotFound();
  return task;
}

export function taskNotFound(): AppError {
  return new AppError('not_found', 'No task with this ID exists.');
}
