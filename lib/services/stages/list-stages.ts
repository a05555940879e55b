import 'server-only';
import { db } from '../../db';
import { pageOf } from '../../api/pagination';
import type { Prisma, Stage } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { getPipelineOrThrow } from '../pipelines/get-pipeline-or-throw';
import { afterPositionCursor, positionCursorOf } from '../pipelines/list-pipelines-page';

/** One page of a live pipeline's live stages, ordered by (position, id); 404 for an unknown pipeline. */
export async function listStages({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; limit: number; cursor?: string | undefined };
}): Promise<{ rows: Stage[]; hasMore: boolean; nextCursor: string | null }> {
  await getPipelineOrThrow({ ctx, input: { pipelineId: input.pipelineId } });
  const rows = await db.stage.findMany({
    where: { pipelineId: input.pipelineId, deletedAt: null, ...afterPositionCursor(input.cursor) },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, positionCursorOf);
}

/** A pipeline's live stages in board order (for renumbering inside a transaction). */
export async function liveStagesInOrder(tx: Prisma.TransactionClient, pipelineId: number) {
  return tx.stage.findMany({
    where: { pipelineId, deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true },
  });
}

/** Gives the stages positions 0..n-1 in the given order, writing only rows whose position changes. */
export async function writeStagePositions(tx: Prisma.TransactionClient, ordered: { id: number; position: number }[]): Promise<void> {
  for (const [index, stage] of ordered.entries()) {
    if (stage.position !== index) await tx.stage.update({ where: { id: stage.id }, data: { position: index } });
  }
}
