import { etagFor, expectedVersion } from '@/lib/api/etag';
import { parsePathId } from '@/lib/api/parse-path-id';
import { noContent } from '@/lib/api/respond';
import { dealDocument } from '@/lib/api/serializers/deal';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateDealBody } from '@/lib/schemas/deal';
import { deleteDeal } from '@/lib/services/deals/delete-deal';
import { getDealViewOrThrow } from '@/lib/services/deals/get-deal-view-or-throw';
import { updateDeal } from '@/lib/services/deals/update-deal';

// GET /api/v1/deals/:id – one deal with relationships and included records
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const deal = await getDealViewOrThrow({ ctx, input: { dealId: parsePathId('deal', params.id) } });
  return Response.json(dealDocument(deal), { headers: { ETag: etagFor(deal.version) } });
});

// PATCH /api/v1/deals/:id – update the given fields (honours If-Match)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body, request }) => {
  const dealId = parsePathId('deal', params.id);
  const changes = body(updateDealBody);
  const deal = await updateDeal({ ctx, input: { dealId, changes, expectedVersion: expectedVersion(request) } });
  return Response.json(dealDocument(deal), { headers: { ETag: etagFor(deal.version) } });
});

// DELETE /api/v1/deals/:id – delete a deal (its history is kept for reports)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params, request }) => {
  await deleteDeal({ ctx, input: { dealId: parsePathId('deal', params.id), expectedVersion: expectedVersion(request) } });
  return noContent();
});
