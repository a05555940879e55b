import { parseCriteria, parsePaging } from '@/lib/api/compat/concord/criteria';
import { customFieldKeysOf, dealFieldsFromBody, dealResponse } from '@/lib/api/compat/concord/deal-request';
import { paginated } from '@/lib/api/compat/concord/paginate';
import { withConcordRoute } from '@/lib/api/compat/concord/route';
import { serializeConcordDeal } from '@/lib/api/compat/concord/serialize';
import { concordCreateDealBody } from '@/lib/schemas/concord';
import { listConcordDeals } from '@/lib/services/concord/list-concord-deals';
import { createConcordDeal } from '@/lib/services/concord/save-concord-deal';

// GET /api/concord/deals – list deals (order, select, per_page, page, q, search_fields, search_match)
export const GET = withConcordRoute(async ({ ctx, request, query }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { criteria, select, include } = parseCriteria(query, { customFieldKeys, qRequired: false }); // lib/api/compat/concord/criteria.ts
  const { perPage, page } = parsePaging(query);
  const { records, total } = await listConcordDeals({ ctx, input: { criteria, page, perPage, include } }); // lib/services/concord/list-concord-deals.ts
  const data = records.map((record) => serializeConcordDeal(record, customFieldKeys, select));
  return Response.json(paginated(request, data, { page, perPage, total }));
});

// POST /api/concord/deals – create a deal (with billable products, contacts and companies)
export const POST = withConcordRoute(async ({ ctx, body }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { data, raw } = body(concordCreateDealBody); // lib/schemas/concord.ts
  const fields = dealFieldsFromBody(data, raw, customFieldKeys);
  const dealId = await createConcordDeal({ ctx, input: { ...fields, name: data.name, stage_id: data.stage_id } }); // lib/services/concord/save-concord-deal.ts
  return dealResponse(ctx, dealId, customFieldKeys, 201);
});
