import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeLostReason } from '@/lib/api/serializers/lost-reason';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateLostReasonBody } from '@/lib/schemas/lost-reason';
import { deleteLostReason } from '@/lib/services/lost-reasons/delete-lost-reason';
import { getLostReasonOrThrow } from '@/lib/services/lost-reasons/get-lost-reason-or-throw';
import { updateLostReason } from '@/lib/services/lost-reasons/update-lost-reason';

// GET /api/v1/lost-reasons/:id – one lost reason
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const lostReasonId = parsePathId('lostReason', params.id, 'lost reason');
  const reason = await getLostReasonOrThrow({ ctx, input: { lostReasonId } });
  return dataResponse(serializeLostReason(reason));
});

// PATCH /api/v1/lost-reasons/:id – relabel, (de)activate or reorder a lost reason
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const lostReasonId = parsePathId('lostReason', params.id, 'lost reason');
  const changes = body(updateLostReasonBody);
  const reason = await updateLostReason({ ctx, input: { lostReasonId, changes } });
  return dataResponse(serializeLostReason(reason));
});

// DELETE /api/v1/lost-reasons/:id – delete a lost reason (deals keep their reason text)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const lostReasonId = parsePathId('lostReason', params.id, 'lost reason');
  await deleteLostReason({ ctx, input: { lostReasonId } });
  return noContent();
});
