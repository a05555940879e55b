import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { unprocessable } from '../deals/resolve-deal-references';
import { canConfigureWorkspace } from '../permissions';
import { userNotFound } from './workspace-user';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Hands every deal a user owns (open or closed; deleted deals stay as they were, for reports) to
 * another, active user — typically before or after deactivating someone. All or none move; each
 * moved deal's version is bumped, so open boards and ETags see the change. Managers and admins
 * only. Answers how many deals moved.
 */
export async function reassignDeals({ ctx, input }: { ctx: ServiceContext; input: { fromUserId: number; toUserId: number } }): Promise<{ count: number }> {
  if (!canConfigureWorkspace(ctx)) throw new AppError('forbidden', "Only managers and admins can hand over someone's deals.");
  if (input.fromUserId === input.toUserId) throw unprocessable('to_user_id', 'Choose another user to hand the deals to.');
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const from = await tx.user.findUnique({ where: { id: input.fromUserId }, select: { id: true } });
    if (!from) throw userNotFound(input.fromUserId);
    // FOR SHARE: a deactivation of the new owner waits for this transaction, never slips in between
    const [to] = await queryRows<{ id: number; name: string; active: boolean }>(
      tx,
      sqlBuilder
        .selectFrom('users')
        .select((eb) => ['id', 'name', eb('deactivated_at', 'is', null).as('active')])
        .where('id', '=', input.toUserId)
        .forShare(),
    );
    if (!to) throw unprocessable('to_user_id', `User ${toPublicId('user', input.toUserId)} does not exist.`);
    if (!to.active) throw unprocessable('to_user_id', `${to.name} is deactivated: hand the deals to an active user.`);
    const { count } = await tx.deal.updateMany({
      where: { ownerId: from.id, deletedAt: null },
      data: { ownerId: to.id, version: { increment: 1 }, updatedAt: new Date() },
    });
    return { count };
  });
}
