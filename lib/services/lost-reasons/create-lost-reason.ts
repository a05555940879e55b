import 'server-only';
import { db } from '../../db';
import type { LostReason } from '../../generated/prisma/client';
import type { CreateLostReasonBody } from '../../schemas/lost-reason';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { assertLabelFree, isUniqueViolation, labelTaken, lockLostReasons, lostReasonsInOrder } from './get-lost-reason-or-throw';
import { setChangeActor } from '../../change-record/change-actor';

/** Adds an active lost reason at the end of the list; 409 when the label (ignoring case) is taken. */
export async function createLostReason({ ctx, input }: { ctx: ServiceContext; input: CreateLostReasonBody }): Promise<LostReason> {
  assertCanConfigureWorkspace(ctx);
  try {
    return await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      await lockLostReasons(tx);
      await assertLabelFree(tx, input.label);
      const existing = await lostReasonsInOrder(tx);
      const position = existing.reduce((max, r) => Math.max(max, r.position + 1), existing.length);
      return tx.lostReason.create({ data: { label: input.label, position } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw labelTaken(input.label);
    throw error;
  }
}
