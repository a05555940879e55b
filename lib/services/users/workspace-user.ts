import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { UserRole } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';

/** A user as Settings → Users, the CLI and the REST API show them (never their password or sessions). */
export interface WorkspaceUser {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  /** false once deactivated: cannot sign in, sessions gone, API keys refused */
  active: boolean;
  deactivatedAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  /** deals they own that are not won or lost yet (open or stalled), deleted deals left out */
  ownedOpenDeals: number;
}

export const workspaceUserSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  deactivatedAt: true,
  lastSignInAt: true,
  createdAt: true,
  _count: { select: { ownedDeals: { where: { status: { in: ['open', 'stalled'] }, deletedAt: null } } } },
} satisfies Prisma.UserSelect;

type WorkspaceUserRow = Prisma.UserGetPayload<{ select: typeof workspaceUserSelect }>;

export function toWorkspaceUser(row: WorkspaceUserRow): WorkspaceUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.deactivatedAt === null,
    deactivatedAt: row.deactivatedAt,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
    ownedOpenDeals: row._count.ownedDeals,
  };
}

/** One user as a WorkspaceUser; 404 when there is none. */
export async function findWorkspaceUserOrThrow(userId: number, client: Prisma.TransactionClient = db): Promise<WorkspaceUser> {
  const row = await client.user.findUnique({ where: { id: userId }, select: workspaceUserSelect });
  if (!row) throw userNotFound(userId);
  return toWorkspaceUser(row);
}

export function userNotFound(userId: number): AppError {
  return new AppError('not_found', `No user with ID ${toPublicId('user', userId)} exists.`);
}
