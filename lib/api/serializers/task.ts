import type { Task } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { TaskJson } from '../../schemas/task';
import { isoSeconds, publicIdOrNull } from '../format';

/** Task row → API JSON: the rex-deals-api.md item plus number, deal_id, completed_at, assignee_id, created_by_id. */
export function serializeTask(task: Task): TaskJson {
  return {
    id: toPublicId('task', task.id),
    number: task.id,
    deal_id: publicIdOrNull('deal', task.dealId),
    title: task.title,
    priority: task.priority,
    status: task.status,
    due_at: isoSeconds(task.dueAt),
    completed_at: isoSeconds(task.completedAt),
    assignee_id: publicIdOrNull('user', task.assigneeId),
    created_by_id: publicIdOrNull('user', task.createdById),
    created_at: isoSeconds(task.createdAt),
    updated_at: isoSeconds(task.updatedAt),
  };
}
