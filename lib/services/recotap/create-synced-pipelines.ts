import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../deals/create-deal';
import { assertCanConfigureWorkspace } from '../permissions';
import { defaultProbability } from '../pipelines/create-pipeline';
import { livePipelinesInOrder, lockAllPipelines } from '../pipelines/get-pipeline-or-throw';

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
 * every taken ID. The same rules as createPipeline otherwise: appended after the existing
 * pipelines, the first becomes the default when there is none, stage probabilities default to 0.
 * Managers and admins only.
 */
export async function createSyncedPipelines({ ctx, input }: { ctx: ServiceContext; input: { pipelines: SyncedPipelineInput[] } }) {
  assertCanConfigureWorkspace(ctx);
  const externalIds = input.pipelines.map((p) => p.externalId);
  try {
    return await db.$transaction(async (tx) => {
      await lockAllPipelines(tx);
      const taken = await tx.pipeline.findMany({ where: { externalId: { in: externalIds } }, select: { externalId: true } });
      if (taken.length > 0) throw alreadyExist(externalIds, taken);
      const live = await livePipelinesInOrder(tx);
      let hasDefault = live.some((p) => p.isDefault);
      let position = live.reduce((max, p) => Math.max(max, p.position + 1), live.length);
      const created: { id: number; externalId: string; stageIds: number[] }[] = [];
      for (const pipeline of input.pipelines) {
        const row = await tx.pipeline.create({
          data: { name: pipeline.name, externalId: pipeline.externalId, isDefault: !hasDefault, position },
          select: { id: true },
        });
        hasDefault = true;
        position += 1;
        // one statement per pipeline, then read them back in order
        await tx.stage.createMany({
          data: pipeline.stages.map((stage, index) => ({
            pipelineId: row.id,
            name: stage.name,
            externalId: stage.externalId,
            position: index,
            probability: defaultProbability({}),
          })),
        });
        const stages = await tx.stage.findMany({ where: { pipelineId: row.id }, orderBy: { position: 'asc' }, select: { id: true } });
        created.push({ id: row.id, externalId: pipeline.externalId, stageIds: stages.map((s) => s.id) });
      }
      return created;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // a concurrent request took one of the IDs between our check and our insert: name it the same way
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
