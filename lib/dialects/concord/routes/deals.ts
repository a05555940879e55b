import { parseCriteria, parsePaging } from '../criteria';
import { customFieldKeysOf, dealFieldsFromBody, dealResponse } from '../deal-request';
import { paginated } from '../paginate';
import { withConcordRoute } from '../with-concord-route';
import { serializeConcordDeal } from '../serialize';
import { concordCreateDealBody } from '../schemas';
import { listConcordDeals } from '../services/list-concord-deals';
import { createConcordDeal } from '../services/save-concord-deal';

// GET /api/concord/deals – list deals (order, select, per_page, page, q, search_fields, search_match)
export const GET = withConcordRoute(async ({ ctx, request, query }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { criteria, select, include } = parseCriteria(query, { customFieldKeys, qRequired: false }); // criteria.ts
  const { perPage, page } = parsePaging(query);
  const { records, total } = await listConcordDeals({ ctx, input: { criteria, page, perPage, include } }); // services/list-concord-deals.ts
  const data = records.map((record) => serializeConcordDeal(record, customFieldKeys, select));
  return Response.json(paginated(request, data, { page, perPage, total }));
});

// POST /api/concord/deals – create a deal (with billable products, contacts and companies)
export const POST = withConcordRoute(async ({ ctx, body }) => {
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { data, raw } = body(concordCreateDealBody); // schemas.ts
  const fields = dealFieldsFromBody(data, raw, customFieldKeys);
  const dealId = await createConcordDeal({ ctx, input: { ...fields, name: data.name, stage_id: data.stage_id } }); // services/save-concord-deal.ts
  return dealResponse(ctx, dealId, customFieldKeys, 201);
});
