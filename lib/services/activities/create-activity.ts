import 'server-only';
import { db } from '../../db';
import type { CreateActivityBody } from '../../schemas/activity';
import type { ServiceContext } from '../context';
import { assertNotDoneInFuture, assertUserExists, lockDeals, refreshLastActivityAt, unknownDeal } from './activity-rules';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Logs an activity (everyone may), owned by the acting user unless owner_id says otherwise; its
 * deal's lastActivityAt follows in the same transaction. 422 for an unknown deal or owner, or for
 * an activity done (completed) in the future.
 */
export async function createActivity({ ctx, input }: { ctx: ServiceContext; input: CreateActivityBody }) {
  const ownerId = input.owner_id === undefined ? ctx.user.id : input.owner_id;
  const dealId = input.deal_id ?? null;
  const status = input.status ?? 'completed';
  const occurredAt = input.occurred_at ?? new Date();
  assertNotDoneInFuture(status, occurredAt);
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    if (ownerId !== null && ownerId !== ctx.user.id) await assertUserExists(tx, ownerId, 'owner_id');
    if (dealId !== null) {
      const locked = await lockDeals(tx, [dealId]);
      if (!locked.has(dealId)) throw unknownDeal();
    }
    const activity = await tx.activity.create({
      data: {
        dealId,
        type: input.type,
        status,
        subject: input.subject,
        body: input.body ?? null,
        occurredAt,
        ownerId,
      },
    });
    if (dealId !== null) await refreshLastActivityAt(tx, dealId);
    return activity;
  });
}
