import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeUser } from '@/lib/api/serializers/user';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createUserBody, listUsersQuery } from '@/lib/schemas/user';
import { createUser } from '@/lib/services/users/create-user';
import { listWorkspaceUsers } from '@/lib/services/users/list-workspace-users';

// GET /api/v1/users – every user by name, deactivated ones included (admins and managers)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listUsersQuery);
  const page = await listWorkspaceUsers({ ctx, input });
  return listResponse({ items: page.rows.map(serializeUser), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/users – add a user who signs in with the given password (admins)
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createUserBody);
  const { user } = await createUser({ ctx, input });
  return dataResponse(serializeUser(user), { status: 201 });
});
