import 'server-only';
import { db } from '../../../db';
import { AppError } from '../../../errors';
import type { ServiceContext } from '../../../services/context';
import { assertCanConfigureWorkspace } from '../../../services/permissions';
import { createPipeline } from '../../../services/pipelines/create-pipeline';
import { lockAllPipelines, type PipelineWithStages } from '../../../services/pipelines/get-pipeline-or-throw';
import { setChangeActor } from '../../../change-record/change-actor';

export interface SyncedPipelineInput {
  /** the pipeline's ID in the external system, kept as Pipeline.externalId */
  externalId: string;
  name: string;
  /** in board order; each stage's ID in the external system is kept as Stage.externalId */
  stages: { externalId: string; name: string }[];
}

// Long catalogs (20 pipelines × up to 100 stages) must not hit Prisma's 5 s default.
const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/**
 * Creates pipelines with their stages from an external system's catalog, keyed by the external IDs,
 * all in one transaction and create-only: when any external pipeline ID is already taken (by a live
 * or a deleted pipeline, whose external ID stays reserved) nothing is created and the 409 names
 * every taken ID. Each pipeline is made by createPipeline (appended after the existing pipelines,
 * the first becomes the default when there is none, stage probabilities default to 0).
 * Managers and admins only.
 */
export async function createSyncedPipelines({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelines: SyncedPipelineInput[] };
}): Promise<PipelineWithStages[]> {
  assertCanConfigureWorkspace(ctx);
  const externalIds = input.pipelines.map((p) => p.externalId);
  try {
    return await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      // locked before the check, so no one creates a pipeline between the check and our inserts
      await lockAllPipelines(tx);
      const taken = await tx.pipeline.findMany({ where: { externalId: { in: externalIds } }, select: { externalId: true } });
      if (taken.length > 0) throw alreadyExist(externalIds, taken);
      const created: PipelineWithStages[] = [];
      for (const pipeline of input.pipelines) {
        created.push(await createPipeline({ ctx, input: { name: pipeline.name, externalId: pipeline.externalId, stages: pipeline.stages }, tx }));
      }
      return created;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    // a concurrent request took one of the IDs (the workspace had no pipeline to lock): name every taken one
    const taken = await db.pipeline.findMany({ where: { externalId: { in: externalIds } }, select: { externalId: true } });
    if (taken.length === 0) throw error;
    throw alreadyExist(externalIds, taken);
  }
}

function alreadyExist(requested: string[], taken: { externalId: string | null }[]): AppError {
  const set = new Set(taken.map((t) => t.externalId));
  const names = requested.filter((id) => set.has(id));
  return new AppError(
    'conflict',
    `Pipeline(s) already exist: ${names.join(', ')}`,
    names.map((id) => ({ path: 'pipelineId', message: `Pipeline ${id} already exists` })),
  );
}
