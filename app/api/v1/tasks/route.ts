import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeTask } from '@/lib/api/serializers/task';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createTaskBody, listTasksQuery } from '@/lib/schemas/task';
import { createTask } from '@/lib/services/tasks/create-task';
import { listTasks } from '@/lib/services/tasks/list-tasks';

// GET /api/v1/tasks – a page of tasks, oldest first (filters deal_id, status, priority, assignee_id (or me), due_before, due_after, overdue)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listTasksQuery);
  const page = await listTasks({ ctx, input });
  return listResponse({ items: page.rows.map(serializeTask), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/tasks – create a task
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createTaskBody);
  const task = await createTask({ ctx, input });
  return dataResponse(serializeTask(task), { status: 201 });
});
