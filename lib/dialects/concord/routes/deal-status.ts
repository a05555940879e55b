import { customFieldKeysOf, dealResponse } from '../deal-request';
import { validationError } from '../errors';
import { pathRecordId } from '../path-record-id';
import { withConcordRoute } from '../with-concord-route';
import { concordStatusBody, concordStatusSchema } from '../schemas';
import { updateDeal } from '../../../services/deals/update-deal';

// PUT /api/concord/deals/:id/status/:status – mark a deal open, won or lost (lost_reason with lost)
export const PUT = withConcordRoute<{ id: string; status: string }>(async ({ ctx, params, body }) => {
  const dealId = pathRecordId(params.id, 'deal');
  const status = concordStatusSchema.safeParse(params.status);
  if (!status.success) throw validationError({ status: ['The selected status is invalid; use open, won or lost.'] });
  const { data } = body(concordStatusBody);
  // the reason belongs to a lost deal; with open or won it does not apply (and reopening clears it)
  const lossReason = status.data === 'lost' && data.lost_reason !== undefined ? data.lost_reason : undefined;
  await updateDeal({ ctx, input: { dealId, changes: { status: status.data, ...(lossReason !== undefined ? { loss_reason: lossReason } : {}) } } });
  return dealResponse(ctx, dealId, await customFieldKeysOf(ctx));
});
