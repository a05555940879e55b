import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { UpdatePipelineBody } from '../../schemas/pipeline';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import {
  getPipelineOrThrow,
  livePipelinesInOrder,
  lockAllPipelines,
  lockPipelines,
  moveInList,
  writePipelinePositions,
  type PipelineWithStages,
} from './get-pipeline-or-throw';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Renames a pipeline, makes it the default (unsetting the previous default) or moves it to another
 * place in the list (renumbering every pipeline 0..n-1), all in one transaction.
 * Unsetting the default is refused (409): there is always one default once one was chosen, and it
 * changes by making another pipeline the default.
 */
export async function updatePipeline({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; changes: UpdatePipelineBody };
}): Promise<PipelineWithStages> {
  assertCanConfigureWorkspace(ctx);
  const { pipelineId, changes } = input;
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    if (changes.is_default !== undefined || changes.position !== undefined) await lockAllPipelines(tx);
    else await lockPipelines(tx, [pipelineId]);
    const pipeline = await getPipelineOrThrow({ ctx, input: { pipelineId }, tx });

    if (changes.is_default === false && pipeline.isDefault) {
      throw new AppError('conflict', 'This is the default pipeline; make another pipeline the default instead of unsetting it.', [
        { path: 'is_default', message: 'The default pipeline changes when another one is made the default' },
      ]);
    }
    if (changes.is_default === true && !pipeline.isDefault) {
      await tx.pipeline.updateMany({ where: { isDefault: true, id: { not: pipelineId } }, data: { isDefault: false } });
    }
    if (changes.position !== undefined) {
      const ordered = moveInList(await livePipelinesInOrder(tx), pipelineId, changes.position);
      await writePipelinePositions(tx, ordered);
    }
    await tx.pipeline.update({
      where: { id: pipelineId },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.is_default === true ? { isDefault: true } : {}),
        updatedAt: new Date(),
      },
    });
    return getPipelineOrThrow({ ctx, input: { pipelineId }, tx });
  });
}
