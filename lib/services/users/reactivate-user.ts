import 'server-only';
import { announceCredentialChange } from '../../auth/credential-changes';
import type { Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { findWorkspaceUserOrThrow, userNotFound, type WorkspaceUser } from './workspace-user';
import { writeAs } from '../../change-record/change-actor';

/**
 * Lets a deactivated user sign in again, with the role, password and API keys they had. Admins
 * only. Reactivating an active user changes nothing.
 */
export async function reactivateUser({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { userId: number };
  tx?: Prisma.TransactionClient;
}): Promise<WorkspaceUser> {
  assertAdmin(ctx, 'reactivate users');
  return writeAs(
    ctx,
    async (client) => {
      const { count } = await client.user.updateMany({ where: { id: input.userId, deactivatedAt: { not: null } }, data: { deactivatedAt: null } });
      if (count > 0) await announceCredentialChange(client);
      if (count === 0 && !(await client.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) throw userNotFound(input.userId);
      return findWorkspaceUserOrThrow(input.userId, client);
    },
    tx,
  );
}
