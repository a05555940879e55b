import { serializeDeal } from '@/lib/api/serializers/deal';
import { withApiRoute } from '@/lib/api/with-api-route';
import { upsertDealsBody } from '@/lib/schemas/deal';
import { upsertDeals } from '@/lib/services/deals/upsert-deals';

// POST /api/v1/deals/upsert – create or update up to 100 deals by external_id, answering per item
export const POST = withApiRoute(async ({ ctx, body }) => {
  const { deals } = body(upsertDealsBody);
  const outcomes = await upsertDeals({ ctx, input: { items: deals } });
  const now = new Date();
  const data = outcomes.map((o) =>
    o.status === 'failed'
      ? { index: o.index, external_id: o.externalId, status: o.status, error: o.error }
      : { index: o.index, external_id: o.externalId, status: o.status, deal: serializeDeal(o.deal, { now }) },
  );
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return Response.json({ data, meta: { created: count('created'), updated: count('updated'), failed: count('failed') } });
});
