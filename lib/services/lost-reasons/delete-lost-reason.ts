import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { getLostReasonOrThrow, lockLostReasons, lostReasonsInOrder, writeLostReasonPositions } from './get-lost-reason-or-throw';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Deletes a lost reason for good and renumbers the rest 0..n-1. Deals store their reason as text,
 * so deals lost for this reason keep it.
 */
export async function deleteLostReason({ ctx, input }: { ctx: ServiceContext; input: { lostReasonId: number } }): Promise<void> {
  assertCanConfigureWorkspace(ctx);
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    await lockLostReasons(tx);
    await getLostReasonOrThrow({ ctx, input, tx });
    await tx.lostReason.delete({ where: { id: input.lostReasonId } });
    await writeLostReasonPositions(tx, await lostReasonsInOrder(tx));
  });
}
