import 'server-only';
import { announceCredentialChange } from '../../auth/credential-changes';
import { db } from '../../db';
import type { UserRole } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { deactivateUser } from './deactivate-user';
import { reactivateUser } from './reactivate-user';
import { setUserRole } from './set-user-role';
import { findWorkspaceUserOrThrow, userNotFound, type WorkspaceUser } from './workspace-user';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Renames, re-roles, deactivates or reactivates a user (REST PATCH), all or nothing, by the rules
 * of setUserRole, deactivateUser and reactivateUser. Admins only. Reactivation runs before the role
 * change and deactivation after it, so each last-admin check sees the user as they will be.
 */
export async function updateUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: number; changes: { name?: string | undefined; role?: UserRole | undefined; active?: boolean | undefined } };
}): Promise<WorkspaceUser> {
  assertAdmin(ctx, 'change users');
  const { userId, changes } = input;
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    if (changes.name !== undefined) {
      const { count } = await tx.user.updateMany({ where: { id: userId }, data: { name: changes.name } });
      if (count === 0) throw userNotFound(userId);
      // cached API keys carry their owner's name
      await announceCredentialChange(tx);
    }
    if (changes.active === true) await reactivateUser({ ctx, input: { userId }, tx });
    if (changes.role !== undefined) await setUserRole({ ctx, input: { userId, role: changes.role }, tx });
    if (changes.active === false) await deactivateUser({ ctx, input: { userId }, tx });
    return findWorkspaceUserOrThrow(userId, tx);
  });
}
