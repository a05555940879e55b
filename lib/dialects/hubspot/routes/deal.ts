import { serializeHubSpotDeal } from '../serialize-hubspot-deal';
import { withHubSpotRoute } from '../with-hubspot-route';
import { hubspotDealBody } from '../schemas';
import { createHubSpotDeal } from '../services/create-hubspot-deal';
import { getHubSpotDeal } from '../services/get-hubspot-deal';

// Served at /deals/v1/deal and /deals/v1/deal/ alike (next.config.mjs: no trailing-slash redirect
// under /api/hubspot): legacy clients do not follow redirects on POST.

// POST /api/hubspot/deals/v1/deal/ – create a deal from name/value properties (200 with associationCreateFailures when some association IDs are invalid)
export const POST = withHubSpotRoute(async ({ ctx, body }) => {
  const { properties, associations } = body(hubspotDealBody);
  const { dealId, associationCreateFailures } = await createHubSpotDeal({ ctx, input: { properties, associations } });
  const view = await getHubSpotDeal({ ctx, input: { dealId } });
  return Response.json(serializeHubSpotDeal(view, associationCreateFailures));
});
