import { recotapResponse } from '../recotap-response';
import { withRecotapRoute } from '../with-recotap-route';
import { recotapDealsBody } from '../schemas';
import { upsertRecotapDeals } from '../services/upsert-recotap-deals';

// POST /api/recotap/v1/deals – upsert 1–100 deals by externalDealId, answering per deal (200 whatever each outcome)
export const POST = withRecotapRoute(async ({ ctx, body }) => {
  const { deals } = body(recotapDealsBody);
  const results = await upsertRecotapDeals({ ctx, input: { deals } });
  const upserted = results.filter((r) => r.status === 'upserted').length;
  return recotapResponse({ results, summary: { total: results.length, upserted, failed: results.length - upserted } });
});
