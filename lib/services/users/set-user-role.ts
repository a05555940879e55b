import 'server-only';
import { announceCredentialChange } from '../../auth/credential-changes';
import type { Prisma } from '../../db';
import type { UserRole } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { assertAnotherActiveAdmin, lockUserAndAdmins } from './keep-an-admin';
import { findWorkspaceUserOrThrow, type WorkspaceUser } from './workspace-user';
import { writeAs } from '../../change-record/change-actor';

/**
 * Gives a user another role. Admins only; the last active admin cannot be demoted (409), so the
 * workspace always keeps someone who can manage users. Runs in the caller's transaction when given one.
 */
export async function setUserRole({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { userId: number; role: UserRole };
  tx?: Prisma.TransactionClient;
}): Promise<WorkspaceUser> {
  assertAdmin(ctx, 'change roles');
  if (!tx) return writeAs(ctx, (own) => setUserRole({ ctx, input, tx: own }));
  const { user, activeAdminIds } = await lockUserAndAdmins(tx, input.userId);
  if (user.role !== input.role) {
    if (user.role === 'admin') assertAnotherActiveAdmin(user, activeAdminIds, `make them a ${input.role}`);
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    // their API keys act with the new role in every server process from the commit on
    await announceCredentialChange(tx);
  }
  return findWorkspaceUserOrThrow(user.id, tx);
}
