'use server';

import { refresh } from 'next/cache';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { fromPublicId } from '../ids';
import { userRoleSchema } from '../schemas/user';
import { createPasswordResetLink } from '../services/auth/create-password-reset-link';
import { deactivateUser } from '../services/users/deactivate-user';
import { reactivateUser } from '../services/users/reactivate-user';
import { reassignDeals } from '../services/users/reassign-deals';
import { setUserRole } from '../services/users/set-user-role';
import { runAction, type ActionResult } from './run-action';

// Settings → Users: each action asks for the signed-in admin, parses, calls one service.

function userIdOf(publicId: unknown): number {
  const id = typeof publicId === 'string' ? fromPublicId('user', publicId) : null;
  if (id === null) throw new AppError('not_found', 'No such user.');
  return id;
}

export async function setUserRoleAction(userId: string, role: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    await setUserRole({ ctx, input: { userId: userIdOf(userId), role: userRoleSchema.parse(role) } });
    refresh();
    return null;
  });
}

export async function setUserActiveAction(userId: string, active: boolean): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const input = { userId: userIdOf(userId) };
    if (active === true) await reactivateUser({ ctx, input });
    else await deactivateUser({ ctx, input });
    refresh();
    return null;
  });
}

export async function createPasswordResetLinkAction(userId: string): Promise<ActionResult<{ link: string }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const { link } = await createPasswordResetLink({ ctx, input: { userId: userIdOf(userId) } });
    return { link };
  });
}

export async function reassignDealsAction(fromUserId: string, toUserId: string): Promise<ActionResult<{ count: number }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const result = await reassignDeals({ ctx, input: { fromUserId: userIdOf(fromUserId), toUserId: userIdOf(toUserId) } });
    refresh();
    return result;
  });
}
