import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { getPipelineOrThrow, livePipelinesInOrder, lockAllPipelines, writePipelinePositions } from './get-pipeline-or-throw';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Soft-deletes a pipeline and its stages, in one transaction. Refused (409) while it holds deals
 * that are not deleted, and for the last pipeline. When it was the default, the first remaining
 * pipeline becomes the default; the remaining pipelines are renumbered 0..n-1.
 */
export async function deletePipeline({ ctx, input }: { ctx: ServiceContext; input: { pipelineId: number } }): Promise<void> {
  assertCanConfigureWorkspace(ctx);
  const { pipelineId } = input;
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    await lockAllPipelines(tx);
    const pipeline = await getPipelineOrThrow({ ctx, input: { pipelineId }, tx });
    const deals = await tx.deal.count({ where: { pipelineId, deletedAt: null } });
    if (deals > 0) {
      throw new AppError(
        'conflict',
        `This pipeline still holds ${deals} deal${deals === 1 ? '' : 's'}; move or delete them (or delete its stages with move_deals_to) first.`,
      );
    }
    const remaining = (await livePipelinesInOrder(tx)).filter((p) => p.id !== pipelineId);
    if (remaining.length === 0) throw new AppError('conflict', 'This is the only pipeline; a workspace needs at least one.');

    const now = new Date();
    await tx.stage.updateMany({ where: { pipelineId, deletedAt: null }, data: { deletedAt: now } });
    await tx.pipeline.update({ where: { id: pipelineId }, data: { deletedAt: now, isDefault: false } });
    if (pipeline.isDefault && !remaining.some((p) => p.isDefault)) {
      await tx.pipeline.update({ where: { id: remaining[0]!.id }, data: { isDefault: true } });
    }
    await writePipelinePositions(tx, remaining);
  });
}
