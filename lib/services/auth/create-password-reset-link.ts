import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '../../db';
import { getEnv } from '../../env';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

export const RESET_LINK_MINUTES = 60;

/**
 * A password reset link an admin hands to a user when the server sends no email. It is the same
 * kind of link better-auth emails ("forgot password"): a verification row keyed
 * `reset-password:<token>` holding the user id, which better-auth's reset endpoint consumes.
 */
export async function createPasswordResetLink({ ctx, input }: { ctx: ServiceContext; input: { userId: number } }): Promise<{ link: string; expiresAt: Date }> {
  assertAdmin(ctx, 'make password reset links');
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, deactivatedAt: true } });
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.deactivatedAt) throw new AppError('unprocessable', 'This user is deactivated: reactivate them first.');
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + RESET_LINK_MINUTES * 60_000);
  await db.verification.create({ data: { identifier: `reset-password:${token}`, value: String(user.id), expiresAt } });
  return { link: `${getEnv().appUrl}/reset-password?token=${token}`, expiresAt };
}
