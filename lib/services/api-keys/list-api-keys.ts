import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { isAdmin } from '../permissions';

/** API keys (never the keys themselves): every key for admins (unless only their own are asked for), one's own otherwise. */
export async function listApiKeys({ ctx, input = {} }: { ctx: ServiceContext; input?: { onlyMine?: boolean } }) {
  return db.apiKey.findMany({
    where: isAdmin(ctx) && !input.onlyMine ? {} : { userId: ctx.user.id },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, keyPrefix: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { email: true } } },
  });
}
