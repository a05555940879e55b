import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeTask } from '@/lib/api/serializers/task';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateTaskBody } from '@/lib/schemas/task';
import { deleteTask } from '@/lib/services/tasks/delete-task';
import { getTask } from '@/lib/services/tasks/get-task';
import { updateTask } from '@/lib/services/tasks/update-task';

// GET /api/v1/tasks/:id – one task
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const taskId = parsePathId('task', params.id);
  const task = await getTask({ ctx, input: { taskId } });
  return dataResponse(serializeTask(task));
});

// PATCH /api/v1/tasks/:id – change the given fields (status completed stamps completed_at, pending clears it)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const taskId = parsePathId('task', params.id);
  const changes = body(updateTaskBody);
  const task = await updateTask({ ctx, input: { taskId, changes } });
  return dataResponse(serializeTask(task));
});

// DELETE /api/v1/tasks/:id – delete a task for good
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const taskId = parsePathId('task', params.id);
  await deleteTask({ ctx, input: { taskId } });
  return noContent();
});
