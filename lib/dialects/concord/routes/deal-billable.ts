import { concordData, pathRecordId, withConcordRoute } from '@/lib/dialects/concord/with-concord-route';
import { serializeBillable } from '@/lib/dialects/concord/serialize';
import { concordBillableInput } from '@/lib/dialects/concord/schemas';
import { getConcordDealLines } from '@/lib/dialects/concord/services/list-concord-deals';
import { saveConcordBillable } from '@/lib/dialects/concord/services/save-concord-deal';

// POST /api/concord/deals/:id/billable – add and update the deal's products, remove removed_products (the amount follows)
export const POST = withConcordRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const dealId = pathRecordId(params.id, 'deal');
  const { data } = body(concordBillableInput);
  await saveConcordBillable({ ctx, input: { dealId, billable: data } }); // services/save-concord-deal.ts
  const deal = await getConcordDealLines({ ctx, input: { dealId } });
  return concordData(serializeBillable(deal.taxType, deal.lineItems, deal.currency));
});
