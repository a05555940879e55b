import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeCompany } from '@/lib/api/serializers/company';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listLinksQuery } from '@/lib/schemas/contact';
import { listDealCompanies } from '@/lib/services/deal-links/list-deal-companies';

// GET /api/v1/deals/:id/companies – the companies linked to a deal, in the order they were linked
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const dealId = parsePathId('deal', params.id);
  const input = query(listLinksQuery);
  const page = await listDealCompanies({ ctx, input: { dealId, ...input } });
  return listResponse({ items: page.rows.map(serializeCompany), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
