import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { canConfigureWorkspace } from '../permissions';

/**
 * Revokes a key: it stops authenticating at once in this process and within seconds in others
 * (they cache a key for 5 s). Managers/admins may revoke any key, others only their own.
 */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: { apiKeyId: number } }) {
  const key = await db.apiKey.findUnique({ where: { id: input.apiKeyId }, select: { id: true, userId: true, revokedAt: true, name: true } });
  if (!key || (!canConfigureWorkspace(ctx) && key.userId !== ctx.user.id)) throw new AppError('not_found', 'No such API key.');
  if (key.revokedAt) return key;
  return db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, userId: true, revokedAt: true, name: true } });
}
