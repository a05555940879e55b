import 'server-only';
import { db } from '../../db';
import type { Stage } from '../../generated/prisma/client';
import type { UpdateStageBody } from '../../schemas/stage';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { lockPipelines, moveInList } from '../pipelines/get-pipeline-or-throw';
import { getStageOrThrow } from './get-stage-or-throw';
import { liveStagesInOrder, writeStagePositions } from './list-stages';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Renames a stage or changes its probability, rotting days or outcome; a new `position` moves it
 * within its pipeline and renumbers the pipeline's stages 0..n-1, in one transaction.
 * Deals already in the stage keep their status: a changed outcome applies to deals entering it.
 */
export async function updateStage({ ctx, input }: { ctx: ServiceContext; input: { stageId: number; changes: UpdateStageBody } }): Promise<Stage> {
  assertCanConfigureWorkspace(ctx);
  const { stageId, changes } = input;
  const before = await getStageOrThrow({ ctx, input: { stageId } });
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    await lockPipelines(tx, [before.pipelineId]);
    const stage = await getStageOrThrow({ ctx, input: { stageId }, tx });
    if (changes.position !== undefined) {
      await writeStagePositions(tx, moveInList(await liveStagesInOrder(tx, stage.pipelineId), stageId, changes.position));
    }
    return tx.stage.update({
      where: { id: stageId },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.probability !== undefined ? { probability: changes.probability } : {}),
        ...(changes.rotting_days !== undefined ? { rottingDays: changes.rotting_days } : {}),
        ...(changes.outcome !== undefined ? { outcome: changes.outcome } : {}),
      },
    });
  });
}
