import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeStageHistory } from '@/lib/api/serializers/stage-history';
import { withApiRoute } from '@/lib/api/with-api-route';
import { historyQuery } from '@/lib/schemas/deal';
import { listDealHistory } from '@/lib/services/deals/list-deal-history';

// GET /api/v1/deals/:id/history – the deal's stage transitions, oldest first
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const { limit, cursor } = query(historyQuery);
  const page = await listDealHistory({ ctx, input: { dealId: parsePathId('deal', params.id), limit, cursor } });
  return listResponse({ items: page.items.map(serializeStageHistory), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
