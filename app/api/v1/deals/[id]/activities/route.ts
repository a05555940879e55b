import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeActivity } from '@/lib/api/serializers/activity';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listDealActivitiesQuery } from '@/lib/schemas/activity';
import { listDealActivities } from '@/lib/services/activities/list-activities';

// GET /api/v1/deals/:id/activities – a page of the deal's activities, latest first
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const dealId = parsePathId('deal', params.id);
  const input = query(listDealActivitiesQuery);
  const page = await listDealActivities({ ctx, input: { ...input, dealId } });
  return listResponse({ items: page.rows.map(serializeActivity), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
