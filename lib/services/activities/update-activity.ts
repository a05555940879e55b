import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateActivityBody } from '../../schemas/activity';
import type { ServiceContext } from '../context';
import { assertNotDoneInFuture, assertUserExists, lockActivity, lockDeals, refreshLastActivityAt, unknownDeal } from './activity-rules';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Changes the given fields of an activity (everyone may); the lastActivityAt of the deal it was on
 * and of the deal it is now on follow in the same transaction. 404 unknown, 422 unknown deal/owner
 * or an activity that would be done (completed) in the future.
 */
export async function updateActivity({ ctx, input }: { ctx: ServiceContext; input: { activityId: number; changes: UpdateActivityBody } }) {
  // everyone works activities
  const { changes } = input;
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const current = await lockActivity(tx, input.activityId);
    // checked when the change touches the rule's fields, so an old row can still be renamed
    if (changes.status !== undefined || changes.occurred_at !== undefined) {
      assertNotDoneInFuture(changes.status ?? current.status, changes.occurred_at ?? new Date(current.occurredAt));
    }
    if (changes.owner_id !== undefined && changes.owner_id !== null) await assertUserExists(tx, changes.owner_id, 'owner_id');
    const newDealId = changes.deal_id === undefined ? current.dealId : changes.deal_id;
    const affected = [current.dealId, newDealId].filter((id): id is number => id !== null);
    const locked = await lockDeals(tx, affected);
    if (changes.deal_id !== undefined && changes.deal_id !== null && !locked.has(changes.deal_id)) throw unknownDeal();

    const data: Prisma.ActivityUncheckedUpdateInput = {};
    if (changes.deal_id !== undefined) data.dealId = changes.deal_id;
    if (changes.type !== undefined) data.type = changes.type;
    if (changes.status !== undefined) data.status = changes.status;
    if (changes.subject !== undefined) data.subject = changes.subject;
    if (changes.body !== undefined) data.body = changes.body;
    if (changes.occurred_at !== undefined) data.occurredAt = changes.occurred_at;
    if (changes.owner_id !== undefined) data.ownerId = changes.owner_id;
    const activity = await tx.activity.update({ where: { id: input.activityId }, data });
    for (const dealId of locked) await refreshLastActivityAt(tx, dealId);
    return activity;
  });
}
