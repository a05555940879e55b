import { serializeHubSpotDeal } from '../serialize-hubspot-deal';
import { orDealNotFound, parseHubSpotDealId } from '../hubspot-deal-id';
import { withHubSpotRoute } from '../with-hubspot-route';
import { hubspotDealBody } from '../schemas';
import { deleteDeal } from '../../../services/deals/delete-deal';
import { getHubSpotDeal } from '../services/get-hubspot-deal';
import { updateHubSpotDeal } from '../services/update-hubspot-deal';

// Served with and without a trailing slash (next.config.mjs): legacy clients send both and do not
// follow redirects on PUT.

// GET /api/hubspot/deals/v1/deal/:dealId – one deal in the shape of the create answer
export const GET = withHubSpotRoute<{ dealId: string }>(async ({ ctx, params }) => {
  const dealId = parseHubSpotDealId(params.dealId);
  const view = await orDealNotFound(dealId, () => getHubSpotDeal({ ctx, input: { dealId } }));
  return Response.json(serializeHubSpotDeal(view));
});

// PUT /api/hubspot/deals/v1/deal/:dealId – change only the properties sent (a new dealstage moves the deal, with history)
export const PUT = withHubSpotRoute<{ dealId: string }>(async ({ ctx, params, body }) => {
  const dealId = parseHubSpotDealId(params.dealId);
  const { properties, associations } = body(hubspotDealBody);
  const { associationCreateFailures } = await orDealNotFound(dealId, () => updateHubSpotDeal({ ctx, input: { dealId, properties, associations } }));
  const view = await orDealNotFound(dealId, () => getHubSpotDeal({ ctx, input: { dealId } }));
  return Response.json(serializeHubSpotDeal(view, associationCreateFailures));
});

// DELETE /api/hubspot/deals/v1/deal/:dealId – delete a deal (204; its history is kept for reports)
export const DELETE = withHubSpotRoute<{ dealId: string }>(async ({ ctx, params }) => {
  const dealId = parseHubSpotDealId(params.dealId);
  await orDealNotFound(dealId, () => deleteDeal({ ctx, input: { dealId } }));
  return new Response(null, { status: 204 });
});
