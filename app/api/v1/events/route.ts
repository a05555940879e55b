import { changeEventFilterOf } from '@/lib/api/change-event-query';
import { withApiRoute } from '@/lib/api/with-api-route';
import { presentChangeEvent } from '@/lib/change-record/present-change-event';
import { listEventsQuery } from '@/lib/schemas/change-event';
import { listChangeEventsAfter } from '@/lib/services/change-events/list-change-events-after';

// GET /api/v1/events – the change record after an event id, oldest first, as the key's role sees it
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(listEventsQuery);
  const page = await listChangeEventsAfter({ ctx, input: { after: q.after ?? 0n, limit: q.limit, filter: changeEventFilterOf(q) } });
  return Response.json({ data: page.events.map(presentChangeEvent), has_more: page.hasMore, next_cursor: String(page.nextAfter) });
});
