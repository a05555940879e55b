import { etagFor } from '@/lib/api/etag';
import { jsonListResponse } from '@/lib/api/respond';
import { dealDocument } from '@/lib/api/serializers/deal';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createDealBody, listDealsQuery } from '@/lib/schemas/deal';
import { createDeal } from '@/lib/services/deals/create-deal';
import { listDealsJson } from '@/lib/services/deals/list-deals-json';

// POST /api/v1/deals – create a deal
export const POST = withApiRoute(async ({ ctx, body }) => {
  const deal = await createDeal({ ctx, input: body(createDealBody) });
  return Response.json(dealDocument(deal), { status: 201, headers: { ETag: etagFor(deal.version) } });
});

// GET /api/v1/deals – list deals with filters, sort and cursor pagination
export const GET = withApiRoute(async ({ ctx, query }) => {
  // each deal arrives as its JSON text, written by the database (list-deals-json.ts)
  return jsonListResponse(await listDealsJson({ ctx, input: query(listDealsQuery) }));
});
