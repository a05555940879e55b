import 'server-only';
import { announceCredentialChange } from '../../auth/credential-changes';
import type { Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { assertAnotherActiveAdmin, lockUserAndAdmins } from './keep-an-admin';
import { findWorkspaceUserOrThrow, type WorkspaceUser } from './workspace-user';
import { writeAs } from '../../change-record/change-actor';

/**
 * Stops a user from working in the workspace: they cannot sign in, and their sessions are deleted
 * in the same transaction, which signs them out of every browser at once (every server process
 * reads sessions from the database). Their API keys are left as they are — the key check refuses
 * a deactivated user's keys, and reactivation brings them back. Their deals keep them as owner
 * (hand them over with reassignDeals). Admins only; nobody deactivates themself (422), and the last
 * active admin stays (409). Deactivating a deactivated user changes nothing.
 */
export async function deactivateUser({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { userId: number };
  tx?: Prisma.TransactionClient;
}): Promise<WorkspaceUser> {
  assertAdmin(ctx, 'deactivate users');
  if (!tx) return writeAs(ctx, (own) => deactivateUser({ ctx, input, tx: own }));
  const { user, activeAdminIds } = await lockUserAndAdmins(tx, input.userId);
  if (user.deactivatedAt === null) {
    assertAnotherActiveAdmin(user, activeAdminIds, 'deactivate them');
    if (user.id === ctx.user.id) {
      throw new AppError('unprocessable', 'You cannot deactivate yourself: ask another admin to do it.', [
        { path: 'active', message: 'Cannot deactivate yourself' },
      ]);
    }
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    // their API keys are refused by every server process from the commit on
    await announceCredentialChange(tx);
  }
  return findWorkspaceUserOrThrow(user.id, tx);
}
