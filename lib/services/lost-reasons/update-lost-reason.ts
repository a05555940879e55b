import 'server-only';
import { db } from '../../db';
import type { LostReason } from '../../generated/prisma/client';
import type { UpdateLostReasonBody } from '../../schemas/lost-reason';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { moveInList } from '../pipelines/get-pipeline-or-throw';
import {
  assertLabelFree,
  getLostReasonOrThrow,
  isUniqueViolation,
  labelTaken,
  lockLostReasons,
  lostReasonsInOrder,
  writeLostReasonPositions,
} from './get-lost-reason-or-throw';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Relabels a lost reason (409 when the label is taken), (de)activates it, or moves it to another
 * place in the list (renumbering all 0..n-1), in one transaction. Deals keep the text they have.
 */
export async function updateLostReason({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { lostReasonId: number; changes: UpdateLostReasonBody };
}): Promise<LostReason> {
  assertCanConfigureWorkspace(ctx);
  const { lostReasonId, changes } = input;
  try {
    return await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      await lockLostReasons(tx);
      await getLostReasonOrThrow({ ctx, input: { lostReasonId }, tx });
      if (changes.label !== undefined) await assertLabelFree(tx, changes.label, lostReasonId);
      if (changes.position !== undefined) {
        await writeLostReasonPositions(tx, moveInList(await lostReasonsInOrder(tx), lostReasonId, changes.position));
      }
      return tx.lostReason.update({
        where: { id: lostReasonId },
        data: {
          ...(changes.label !== undefined ? { label: changes.label } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error) && changes.label !== undefined) throw labelTaken(changes.label);
    throw error;
  }
}
