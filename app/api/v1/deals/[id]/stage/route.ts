import { etagFor, expectedVersion } from '@/lib/api/etag';
import { parsePathId } from '@/lib/api/parse-path-id';
import { dealDocument } from '@/lib/api/serializers/deal';
import { withApiRoute } from '@/lib/api/with-api-route';
import { moveDealBody } from '@/lib/schemas/deal';
import { moveDealToStage } from '@/lib/services/deals/move-deal-to-stage';

// POST /api/v1/deals/:id/stage – move a deal to a stage (writes one history row; honours If-Match)
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params, body, request }) => {
  const dealId = parsePathId('deal', params.id);
  const move = body(moveDealBody);
  const deal = await moveDealToStage({
    ctx,
    input: { dealId, stageId: move.stage_id, position: move.position, reason: move.reason, expectedVersion: expectedVersion(request) },
  });
  return Response.json(dealDocument(deal), { headers: { ETag: etagFor(deal.version) } });
});
