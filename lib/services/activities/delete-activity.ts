import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { lockActivity, lockDeals, refreshLastActivityAt } from './activity-rules';
import { setChangeActor } from '../../change-record/change-actor';

/** Deletes an activity for good (everyone may); its deal's lastActivityAt follows in the same transaction. */
export async function deleteActivity({ ctx, input }: { ctx: ServiceContext; input: { activityId: number } }): Promise<void> {
  // everyone works activities
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const current = await lockActivity(tx, input.activityId);
    const locked = current.dealId === null ? new Set<number>() : await lockDeals(tx, [current.dealId]);
    await tx.activity.delete({ where: { id: input.activityId } });
    for (const dealId of locked) await refreshLastActivityAt(tx, dealId);
  });
}
