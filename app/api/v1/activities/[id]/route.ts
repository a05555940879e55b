import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeActivity } from '@/lib/api/serializers/activity';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateActivityBody } from '@/lib/schemas/activity';
import { deleteActivity } from '@/lib/services/activities/delete-activity';
import { getActivity } from '@/lib/services/activities/get-activity';
import { updateActivity } from '@/lib/services/activities/update-activity';

// GET /api/v1/activities/:id – one activity
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const activityId = parsePathId('activity', params.id);
  const activity = await getActivity({ ctx, input: { activityId } });
  return dataResponse(serializeActivity(activity));
});

// PATCH /api/v1/activities/:id – change the given fields
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const activityId = parsePathId('activity', params.id);
  const changes = body(updateActivityBody);
  const activity = await updateActivity({ ctx, input: { activityId, changes } });
  return dataResponse(serializeActivity(activity));
});

// DELETE /api/v1/activities/:id – delete an activity for good
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const activityId = parsePathId('activity', params.id);
  await deleteActivity({ ctx, input: { activityId } });
  return noContent();
});
