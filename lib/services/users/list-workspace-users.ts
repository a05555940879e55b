import 'server-only';
import { db, type Prisma } from '../../db';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { canConfigureWorkspace } from '../permissions';
import { toWorkspaceUser, workspaceUserSelect, type WorkspaceUser } from './workspace-user';

const SORT = 'name';

/**
 * Every user by name (then id), deactivated ones included unless `active` filters them: Settings →
 * Users, the CLI and the REST API. Without `limit`, all of them in one page. Admins manage users;
 * managers may read the list (they hand over a leaving rep's deals), reps may not (403).
 */
export async function listWorkspaceUsers({
  ctx,
  input = {},
}: {
  ctx: ServiceContext;
  input?: { limit?: number | undefined; cursor?: string | undefined; active?: boolean | undefined };
}): Promise<{ rows: WorkspaceUser[]; hasMore: boolean; nextCursor: string | null }> {
  if (!canConfigureWorkspace(ctx)) throw new AppError('forbidden', 'Only admins and managers can see the list of users.');
  const where: Prisma.UserWhereInput = {
    ...(input.active === undefined ? {} : { deactivatedAt: input.active ? null : { not: null } }),
    ...afterNameCursor(input.cursor),
  };
  const rows = await db.user.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...(input.limit === undefined ? {} : { take: input.limit + 1 }),
    select: workspaceUserSelect,
  });
  const users = rows.map(toWorkspaceUser);
  if (input.limit === undefined) return { rows: users, hasMore: false, nextCursor: null };
  return pageOf(users, input.limit, (user) => encodeCursor({ s: SORT, v: user.name, id: user.id }));
}

function afterNameCursor(cursor: string | undefined): Prisma.UserWhereInput {
  if (!cursor) return {};
  const after = decodeCursor(cursor, SORT);
  if (typeof after.v !== 'string') {
    throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
  return { OR: [{ name: { gt: after.v } }, { name: after.v, id: { gt: after.id } }] };
}
