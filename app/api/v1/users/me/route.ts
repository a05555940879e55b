import { dataResponse } from '@/lib/api/respond';
import { serializeUser } from '@/lib/api/serializers/user';
import { withApiRoute } from '@/lib/api/with-api-route';
import { getUser } from '@/lib/services/users/get-user';

// GET /api/v1/users/me – the user the API key acts as
export const GET = withApiRoute(async ({ ctx }) => {
  const user = await getUser({ ctx, input: { userId: ctx.user.id } });
  return dataResponse(serializeUser(user));
});
