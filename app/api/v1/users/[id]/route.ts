import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeUser } from '@/lib/api/serializers/user';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateUserBody } from '@/lib/schemas/user';
import { getUser } from '@/lib/services/users/get-user';
import { updateUser } from '@/lib/services/users/update-user';

// GET /api/v1/users/:id – one user (yourself, or anyone for admins and managers)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const userId = parsePathId('user', params.id);
  const user = await getUser({ ctx, input: { userId } });
  return dataResponse(serializeUser(user));
});

// PATCH /api/v1/users/:id – rename, change the role, deactivate or reactivate (admins)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const userId = parsePathId('user', params.id);
  const changes = body(updateUserBody);
  const user = await updateUser({ ctx, input: { userId, changes } });
  // cached keys carry their user's role and state: this process forgets them at once, not in 5 s
  return dataResponse(serializeUser(user));
});
