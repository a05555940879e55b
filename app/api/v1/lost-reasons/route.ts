import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeLostReason } from '@/lib/api/serializers/lost-reason';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createLostReasonBody, listLostReasonsQuery } from '@/lib/schemas/lost-reason';
import { createLostReason } from '@/lib/services/lost-reasons/create-lost-reason';
import { listLostReasons } from '@/lib/services/lost-reasons/list-lost-reasons';

// GET /api/v1/lost-reasons – the lost reasons, in list order
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listLostReasonsQuery);
  const page = await listLostReasons({ ctx, input });
  return listResponse({ items: page.rows.map(serializeLostReason), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/lost-reasons – add a lost reason at the end of the list
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createLostReasonBody);
  const reason = await createLostReason({ ctx, input });
  return dataResponse(serializeLostReason(reason), { status: 201 });
});
