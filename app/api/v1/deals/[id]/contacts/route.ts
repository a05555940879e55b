import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeContact } from '@/lib/api/serializers/contact';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listLinksQuery } from '@/lib/schemas/contact';
import { listDealContacts } from '@/lib/services/deal-links/list-deal-contacts';

// GET /api/v1/deals/:id/contacts – the contacts linked to a deal, in the order they were linked
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const dealId = parsePathId('deal', params.id);
  const input = query(listLinksQuery);
  const page = await listDealContacts({ ctx, input: { dealId, ...input } });
  return listResponse({ items: page.rows.map(serializeContact), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
