import { expectedVersion } from '@/lib/api/etag';
import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeDealLineItems } from '@/lib/api/serializers/line-item';
import { withApiRoute } from '@/lib/api/with-api-route';
import { replaceLineItemsBody } from '@/lib/schemas/line-item';
import { getDealLineItems } from '@/lib/services/line-items/get-deal-line-items';
import { replaceDealLineItems } from '@/lib/services/line-items/replace-deal-line-items';

// GET /api/v1/deals/:id/line-items – the deal's line items and totals
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const dealId = parsePathId('deal', params.id); // 404 for unknown / wrong-kind IDs
  const list = await getDealLineItems({ ctx, input: { dealId } }); // lib/services/line-items/get-deal-line-items.ts
  return dataResponse(serializeDealLineItems(list));
});

// PUT /api/v1/deals/:id/line-items – replace the deal's line items (and set its tax type and value; honours If-Match)
export const PUT = withApiRoute<{ id: string }>(async ({ ctx, params, body, request }) => {
  const dealId = parsePathId('deal', params.id);
  const input = body(replaceLineItemsBody); // lib/schemas/line-item.ts
  const list = await replaceDealLineItems({
    ctx,
    input: { dealId, taxType: input.tax_type, items: input.items, expectedVersion: expectedVersion(request) },
  });
  return dataResponse(serializeDealLineItems(list));
});
