import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { canConfigureWorkspace } from '../permissions';

/** API keys (never the keys themselves): all of them for managers/admins, a rep's own otherwise. */
export async function listApiKeys({ ctx }: { ctx: ServiceContext }) {
  return db.apiKey.findMany({
    where: canConfigureWorkspace(ctx) ? {} : { userId: ctx.user.id },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, keyPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { email: true } } },
  });
}
