import { dataResponse } from '@/lib/api/respond';
import { serializeLostReasonSettings } from '@/lib/api/serializers/lost-reason';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateLostReasonSettingsBody } from '@/lib/schemas/lost-reason';
import { getLostReasonSettings, updateLostReasonSettings } from '@/lib/services/settings/lost-reason-settings';

// GET /api/v1/settings/lost-reasons – whether a lost deal's reason may be free text
export const GET = withApiRoute(async ({ ctx }) => {
  const settings = await getLostReasonSettings({ ctx });
  return dataResponse(serializeLostReasonSettings(settings));
});

// PATCH /api/v1/settings/lost-reasons – allow or forbid free-text loss reasons
export const PATCH = withApiRoute(async ({ ctx, body }) => {
  const input = body(updateLostReasonSettingsBody);
  const settings = await updateLostReasonSettings({ ctx, input: { allowFreeText: input.allow_free_text } });
  return dataResponse(serializeLostReasonSettings(settings));
});
