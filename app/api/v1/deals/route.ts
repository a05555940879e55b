import { etagFor } from '@/lib/api/etag';
import { listResponse } from '@/lib/api/respond';
import { dealDocument, serializeDeal } from '@/lib/api/serializers/deal';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createDealBody, listDealsQuery } from '@/lib/schemas/deal';
import { createDeal } from '@/lib/services/deals/create-deal';
import { listDeals } from '@/lib/services/deals/list-deals';

// POST /api/v1/deals – create a deal
export const POST = withApiRoute(async ({ ctx, body }) => {
  const deal = await createDeal({ ctx, input: body(createDealBody) });
  return Response.json(dealDocument(deal), { status: 201, headers: { ETag: etagFor(deal.version) } });
});

// GET /api/v1/deals – list deals with filters, sort and cursor pagination
export const GET = withApiRoute(async ({ ctx, query }) => {
  const page = await listDeals({ ctx, input: query(listDealsQuery) });
  const now = new Date();
  return listResponse({ items: page.items.map((d) => serializeDeal(d, { now })), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
