import { changeEventFilterOf } from '@/lib/api/change-event-query';
import { changeEventStreamResponse } from '@/lib/api/change-event-stream-response';
import { withApiRoute } from '@/lib/api/with-api-route';
import { AppError } from '@/lib/errors';
import { eventIdSchema, eventStreamQuery } from '@/lib/schemas/change-event';
import { openChangeEventFeed } from '@/lib/services/change-events/open-change-event-feed';

export const dynamic = 'force-dynamic';

// GET /api/v1/events/stream – the same events as Server-Sent Events: catch-up after Last-Event-ID
// (or ?after=), then each event as it commits
export const GET = withApiRoute(async ({ ctx, query, request }) => {
  const q = query(eventStreamQuery);
  const lastEventId = request.headers.get('last-event-id')?.trim();
  let after = q.after ?? null;
  if (lastEventId) {
    const parsed = eventIdSchema.safeParse(lastEventId);
    if (!parsed.success)
      throw new AppError('validation_failed', 'The Last-Event-ID header is not an event id.', [{ path: 'Last-Event-ID', message: 'Must be an event id' }]);
    after = parsed.data;
  }
  const feed = openChangeEventFeed({ ctx, input: { after, filter: changeEventFilterOf(q) } });
  return changeEventStreamResponse(feed, request.signal);
});
