import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { withApiRoute } from '@/lib/api/with-api-route';
import { presentChangeEvent } from '@/lib/change-record/present-change-event';
import { dealChangesQuery } from '@/lib/schemas/change-event';
import { listDealChanges } from '@/lib/services/change-events/list-deal-changes';

// GET /api/v1/deals/:id/changes – every change to the deal and its records, oldest first
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const { limit, cursor } = query(dealChangesQuery);
  const page = await listDealChanges({ ctx, input: { dealId: parsePathId('deal', params.id), limit, cursor, order: 'oldest-first' } });
  return listResponse({ items: page.items.map(presentChangeEvent), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
