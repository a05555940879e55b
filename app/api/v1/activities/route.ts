import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeActivity } from '@/lib/api/serializers/activity';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createActivityBody, listActivitiesQuery } from '@/lib/schemas/activity';
import { createActivity } from '@/lib/services/activities/create-activity';
import { listActivities } from '@/lib/services/activities/list-activities';

// GET /api/v1/activities – a page of activities, latest first (filters deal_id, type, status, owner_id (or me), occurred_after, occurred_before)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listActivitiesQuery);
  const page = await listActivities({ ctx, input });
  return listResponse({ items: page.rows.map(serializeActivity), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/activities – log a call, meeting, email or note
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createActivityBody);
  const activity = await createActivity({ ctx, input });
  return dataResponse(serializeActivity(activity), { status: 201 });
});
