import { customFieldKeysOf, dealFieldsFromBody, dealResponse } from '../deal-request';
import { pathRecordId } from '../path-record-id';
import { withConcordRoute } from '../with-concord-route';
import { concordUpdateDealBody } from '../schemas';
import { updateConcordDeal } from '../services/save-concord-deal';
import { deleteDeal } from '../../../services/deals/delete-deal';

// GET /api/concord/deals/:id – retrieve a deal
export const GET = withConcordRoute<{ id: string }>(async ({ ctx, params }) => {
  const dealId = pathRecordId(params.id, 'deal'); // 404 for anything that is no record ID
  return dealResponse(ctx, dealId, await customFieldKeysOf(ctx));
});

// PUT /api/concord/deals/:id – update the fields sent (billable products, removed_products, contacts, companies)
export const PUT = withConcordRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const dealId = pathRecordId(params.id, 'deal');
  const customFieldKeys = await customFieldKeysOf(ctx);
  const { data, raw } = body(concordUpdateDealBody);
  await updateConcordDeal({ ctx, input: { dealId, changes: dealFieldsFromBody(data, raw, customFieldKeys) } });
  return dealResponse(ctx, dealId, customFieldKeys);
});

// DELETE /api/concord/deals/:id – delete a deal (204; its history is kept for reports)
export const DELETE = withConcordRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteDeal({ ctx, input: { dealId: pathRecordId(params.id, 'deal') } }); // lib/services/deals/delete-deal.ts
  return new Response(null, { status: 204 });
});
