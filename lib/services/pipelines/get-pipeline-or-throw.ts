import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';

/** A pipeline row with its not-deleted stages in board order (position, then id). */
export const withLiveStages = {
  stages: { where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.PipelineInclude;

export type PipelineWithStages = Prisma.PipelineGetPayload<{ include: typeof withLiveStages }>;

type Client = Prisma.TransactionClient | typeof db;

/** The (not deleted) pipeline with its stages, or 404. Every role may read every pipeline. */
export async function getPipelineOrThrow({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number };
  tx?: Prisma.TransactionClient;
}): Promise<PipelineWithStages> {
  void ctx;
  const client: Client = tx ?? db;
  const pipeline = await client.pipeline.findFirst({ where: { id: input.pipelineId, deletedAt: null }, include: withLiveStages });
  if (!pipeline) throw new AppError('not_found', 'No pipeline with this ID exists.');
  return pipeline;
}

// Writes that change a pipeline's stages lock that pipeline's row first, and writes that change the
// set or order of pipelines lock every live pipeline row; rows are always locked in ascending id
// order, so two such writes wait for each other instead of interleaving (or deadlocking).

/** Locks these pipeline rows (FOR UPDATE) until the transaction ends. */
export async function lockPipelines(tx: Prisma.TransactionClient, pipelineIds: number[]): Promise<void> {
  for (const id of [...new Set(pipelineIds)].sort((a, b) => a - b)) {
    await queryRows(tx, sqlBuilder.selectFrom('pipelines').select('id').where('id', '=', id).forUpdate());
  }
}

/** Locks every live pipeline row (FOR UPDATE) until the transaction ends. */
export async function lockAllPipelines(tx: Prisma.TransactionClient): Promise<void> {
  await queryRows(tx, sqlBuilder.selectFrom('pipelines').select('id').where('deleted_at', 'is', null).orderBy('id').forUpdate());
}

/**
 * Gives the live pipelines positions 0..n-1 in the given order (ids), writing only rows whose
 * position changes.
 */
export async function writePipelinePositions(tx: Prisma.TransactionClient, ordered: { id: number; position: number }[]): Promise<void> {
  for (const [index, pipeline] of ordered.entries()) {
    if (pipeline.position !== index) await tx.pipeline.update({ where: { id: pipeline.id }, data: { position: index } });
  }
}

/** The live pipelines in list order, for renumbering. */
export async function livePipelinesInOrder(tx: Prisma.TransactionClient) {
  return tx.pipeline.findMany({
    where: { deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true, isDefault: true },
  });
}

/** Moves `id` to `position` (clamped to the list) in an ordered list. */
export function moveInList<T extends { id: number }>(list: T[], id: number, position: number): T[] {
  const index = list.findIndex((item) => item.id === id);
  if (index === -1) return list;
  const rest = [...list.slice(0, index), ...list.slice(index + 1)];
  const at = Math.min(Math.max(position, 0), rest.length);
  return [...rest.slice(0, at), list[index]!, ...rest.slice(at)];
}
