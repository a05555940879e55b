import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/**
 * Signs the acting user out of one browser, or of every browser but the current one ("sign out
 * everywhere"). Sessions live in the database, so every server process refuses them at once.
 */
export async function revokeUserSessions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { sessionId: number } | { allExcept: number | null };
}): Promise<{ revoked: number }> {
  if ('sessionId' in input) {
    const { count } = await db.session.deleteMany({ where: { id: input.sessionId, userId: ctx.user.id } });
    if (count === 0) throw new AppError('not_found', 'That session has already ended.');
    return { revoked: count };
  }
  const { count } = await db.session.deleteMany({
    where: { userId: ctx.user.id, ...(input.allExcept === null ? {} : { id: { not: input.allExcept } }) },
  });
  return { revoked: count };
}
