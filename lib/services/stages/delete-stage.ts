import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { enterStage } from '../../deal-lifecycle/stage-rules';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { stageHistoryRow } from '../deals/stage-history-row';
import { assertCanConfigureWorkspace } from '../permissions';
import { lockPipelines } from '../pipelines/get-pipeline-or-throw';
import { liveStageWhere } from './get-stage-or-throw';
import { liveStagesInOrder, writeStagePositions } from './list-stages';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';
import { setChangeActor } from '../../change-record/change-actor';

// Moving thousands of deals is many statements; give the transaction room.
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Soft-deletes a stage. A pipeline's last stage cannot be deleted (409). While the stage holds deals
 * that are not deleted, the deletion is refused (409) unless `moveDealsTo` names another live stage
 * (of any pipeline; 422 otherwise): then, in the same transaction, every such deal moves to the end
 * of that stage as any move does (lib/deal-lifecycle/stage-rules.ts: status, closed_at and loss
 * reason), with one stage-history row naming the deleted stage.
 * Returns how many deals moved.
 */
export async function deleteStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { stageId: number; moveDealsTo: number | null };
}): Promise<{ movedDeals: number }> {
  assertCanConfigureWorkspace(ctx);
  const { stageId, moveDealsTo } = input;

  // which pipelines to lock: the stage's own and the target's (read again under the lock below)
  const stageBefore = await db.stage.findFirst({ where: liveStageWhere(stageId), select: { pipelineId: true } });
  if (!stageBefore) throw new AppError('not_found', 'No stage with this ID exists.');
  const targetBefore = moveDealsTo === null ? null : await db.stage.findUnique({ where: { id: moveDealsTo }, select: { pipelineId: true } });

  return db.$transaction(
    async (tx) => {
      await setChangeActor(tx, ctx);
      await lockPipelines(tx, [stageBefore.pipelineId, ...(targetBefore ? [targetBefore.pipelineId] : [])]);
      const stage = await tx.stage.findFirst({ where: liveStageWhere(stageId) });
      if (!stage) throw new AppError('not_found', 'No stage with this ID exists.');
      const target = moveDealsTo === null ? null : await findTarget(tx, moveDealsTo, stageId);

      const siblings = await liveStagesInOrder(tx, stage.pipelineId);
      if (siblings.length <= 1) {
        throw new AppError('conflict', 'This is the pipeline’s only stage; a pipeline needs at least one. Delete the pipeline instead.');
      }

      // lock the deals so no one moves or edits them while they leave
      await queryRows(
        tx,
        sqlBuilder.selectFrom('deals').select('id').where('stage_id', '=', stageId).where('deleted_at', 'is', null).orderBy('id').forUpdate(),
      );
      const deals = await tx.deal.findMany({
        where: { stageId, deletedAt: null },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          stageId: true,
          pipelineId: true,
          value: true,
          currency: true,
          status: true,
          closedAt: true,
          lostReason: true,
          stageEnteredAt: true,
        },
      });
      if (deals.length > 0 && target === null) {
        throw new AppError(
          'conflict',
          `This stage still holds ${deals.length} deal${deals.length === 1 ? '' : 's'}; send move_deals_to=<stage ID> to move them to another stage.`,
          [{ path: 'move_deals_to', message: 'Required while the stage holds deals' }],
        );
      }

      const now = new Date();
      if (deals.length > 0 && target !== null) {
        const last = await tx.deal.aggregate({ where: { stageId: target.id, deletedAt: null }, _max: { position: true } });
        const start = (last._max.position ?? -1) + 1;
        for (const [index, deal] of deals.entries()) {
          const entered = enterStage({ ...deal, currentOutcome: stage.outcome }, target, now);
          await tx.deal.update({
            where: { id: deal.id },
            data: {
              stageId: target.id,
              pipelineId: target.pipelineId,
              stageEnteredAt: entered.stageEnteredAt,
              position: start + index,
              status: entered.status,
              closedAt: entered.closedAt,
              lostReason: entered.lostReason,
              version: { increment: 1 },
            },
          });
        }
        const reason = `Stage "${stage.name}" was deleted`;
        await tx.stageHistory.createMany({
          data: deals.map((deal) => stageHistoryRow({ ctx, deal, toStage: target, changedAt: now, reason })),
        });
      }

      await tx.stage.update({ where: { id: stageId }, data: { deletedAt: now } });
      await writeStagePositions(
        tx,
        siblings.filter((s) => s.id !== stageId),
      );
      return { movedDeals: deals.length };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}

/** The live stage deals move to, or 422. */
async function findTarget(tx: Prisma.TransactionClient, targetId: number, stageId: number) {
  if (targetId === stageId) {
    throw new AppError('unprocessable', 'move_deals_to must be another stage than the one being deleted.', [
      { path: 'move_deals_to', message: 'Must be another stage' },
    ]);
  }
  const target = await tx.stage.findFirst({
    where: liveStageWhere(targetId),
    select: { id: true, pipelineId: true, name: true, probability: true, outcome: true },
  });
  if (!target) {
    throw new AppError('unprocessable', 'move_deals_to names a stage that does not exist or was deleted.', [
      { path: 'move_deals_to', message: 'No such stage' },
    ]);
  }
  return target;
}
