import 'server-only';
import type { Prisma } from '../../db';
import { AppError } from '../../errors';
import type { UserRole } from '../../generated/prisma/client';
import { userNotFound } from './workspace-user';
import { queryRows } from '../../database/run-sql';
import { sql, sqlBuilder } from '../../database/typed-sql';

export interface LockedUser {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  deactivatedAt: Date | null;
}

/**
 * Locks the active admins and the user about to change, in id order, inside the caller's
 * transaction: two admins demoting or deactivating each other at once then run one after the other,
 * and the second sees the first's change, so the workspace never ends up without an admin.
 */
export async function lockUserAndAdmins(tx: Prisma.TransactionClient, userId: number): Promise<{ user: LockedUser; activeAdminIds: number[] }> {
  const rows = await queryRows<LockedUser & { isTarget: boolean }>(
    tx,
    sqlBuilder
      .selectFrom('users')
      .select((eb) => ['id', 'name', 'email', 'role', 'deactivated_at as deactivatedAt', eb('id', '=', userId).as('isTarget')])
      .where((eb) => eb.or([eb('id', '=', userId), eb.and([eb('role', '=', sql.lit('admin')), eb('deactivated_at', 'is', null)])]))
      .orderBy('id')
      .forUpdate(),
  );
  const target = rows.find((row) => row.isTarget);
  if (!target) throw userNotFound(userId);
  const { isTarget: _isTarget, ...user } = target;
  const activeAdminIds = rows.filter((row) => row.role === 'admin' && row.deactivatedAt === null).map((row) => row.id);
  return { user, activeAdminIds };
}

/** Refuses a change that would leave no active admin (`change` completes "…, so you cannot <change>"). */
export function assertAnotherActiveAdmin(user: LockedUser, activeAdminIds: number[], change: string): void {
  const isActiveAdmin = user.role === 'admin' && user.deactivatedAt === null;
  if (isActiveAdmin && activeAdminIds.every((id) => id === user.id)) {
    throw new AppError('conflict', `${user.name} is the only active admin, so you cannot ${change}: make another user an admin first.`);
  }
}
