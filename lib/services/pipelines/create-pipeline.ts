import 'server-only';
import { db } from '../../db';
import type { CreatePipelineBody } from '../../schemas/pipeline';
import type { NewStageItem } from '../../schemas/stage';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { livePipelinesInOrder, lockAllPipelines, withLiveStages, type PipelineWithStages } from './get-pipeline-or-throw';

/** A stage's probability when none is given: 100 for a won stage, else 0. */
export function defaultProbability(stage: Pick<NewStageItem, 'probability' | 'outcome'>): number {
  return stage.probability ?? (stage.outcome === 'won' ? 100 : 0);
}

/**
 * Creates a pipeline at the end of the list with its stages in the given order, in one transaction.
 * It becomes the default when asked to, or when no pipeline is the default yet.
 */
export async function createPipeline({ ctx, input }: { ctx: ServiceContext; input: CreatePipelineBody }): Promise<PipelineWithStages> {
  assertCanConfigureWorkspace(ctx);
  return db.$transaction(async (tx) => {
    await lockAllPipelines(tx);
    const live = await livePipelinesInOrder(tx);
    const hasDefault = live.some((p) => p.isDefault);
    const isDefault = input.is_default ?? !hasDefault;
    if (isDefault && hasDefault) await tx.pipeline.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    const position = live.reduce((max, p) => Math.max(max, p.position + 1), live.length);
    return tx.pipeline.create({
      data: {
        name: input.name,
        isDefault,
        position,
        stages: {
          create: input.stages.map((stage, index) => ({
            name: stage.name,
            position: index,
            probability: defaultProbability(stage),
            rottingDays: stage.rotting_days ?? null,
            outcome: stage.outcome ?? null,
          })),
        },
      },
      include: withLiveStages,
    });
  });
}
