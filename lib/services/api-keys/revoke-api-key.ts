import 'server-only';
import { announceCredentialChange } from '../../auth/credential-changes';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { isAdmin } from '../permissions';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Revokes a key: it stops authenticating at once in every server process (the change is announced
 * in the same transaction). Admins may revoke any key, others only their own.
 */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: { apiKeyId: number } }) {
  const key = await db.apiKey.findUnique({ where: { id: input.apiKeyId }, select: { id: true, userId: true, revokedAt: true, name: true } });
  if (!key || (!isAdmin(ctx) && key.userId !== ctx.user.id)) throw new AppError('not_found', 'No such API key.');
  if (key.revokedAt) return key;
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
      select: { id: true, userId: true, revokedAt: true, name: true },
    });
    await announceCredentialChange(tx);
    return updated;
  });
}
