import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

/** Withdraws an open invitation: its link stops working. */
export async function revokeInvitation({ ctx, input }: { ctx: ServiceContext; input: { invitationId: number } }) {
  assertAdmin(ctx, 'withdraw invitations');
  const { count } = await db.invitation.updateMany({
    where: { id: input.invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError('not_found', 'That invitation is no longer open.');
}
