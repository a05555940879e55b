import { concordData, pathRecordId, withConcordRoute } from '@/lib/api/compat/concord/route';
import { serializeBillable } from '@/lib/api/compat/concord/serialize';
import { concordBillableInput } from '@/lib/schemas/concord';
import { getConcordDealLines } from '@/lib/services/concord/list-concord-deals';
import { saveConcordBillable } from '@/lib/services/concord/save-concord-deal';

// POST /api/concord/deals/:id/billable – add and update the deal's products, remove removed_products (the amount follows)
export const POST = withConcordRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const dealId = pathRecordId(params.id, 'deal');
  const { data } = body(concordBillableInput);
  await saveConcordBillable({ ctx, input: { dealId, billable: data } }); // lib/services/concord/save-concord-deal.ts
  const deal = await getConcordDealLines({ ctx, input: { dealId } });
  return concordData(serializeBillable(deal.taxType, deal.lineItems, deal.currency));
});
