import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeTask } from '@/lib/api/serializers/task';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listDealTasksQuery } from '@/lib/schemas/task';
import { listDealTasks } from '@/lib/services/tasks/list-tasks';

// GET /api/v1/deals/:id/tasks – a page of the deal's tasks, oldest first
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const dealId = parsePathId('deal', params.id);
  const input = query(listDealTasksQuery);
  const page = await listDealTasks({ ctx, input: { ...input, dealId } });
  return listResponse({ items: page.rows.map(serializeTask), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
