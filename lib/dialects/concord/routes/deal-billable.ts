import { concordData } from '../concord-data-response';
import { pathRecordId } from '../path-record-id';
import { withConcordRoute } from '../with-concord-route';
import { serializeBillable } from '../serialize';
import { concordBillableInput } from '../schemas';
import { getConcordDealLines } from '../services/list-concord-deals';
import { saveConcordBillable } from '../services/save-concord-deal';

// POST /api/concord/deals/:id/billable – add and update the deal's products, remove removed_products (the amount follows)
export const POST = withConcordRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const dealId = pathRecordId(params.id, 'deal');
  const { data } = body(concordBillableInput);
  await saveConcordBillable({ ctx, input: { dealId, billable: data } }); // services/save-concord-deal.ts
  const deal = await getConcordDealLines({ ctx, input: { dealId } });
  return concordData(serializeBillable(deal.taxType, deal.lineItems, deal.currency));
});
