import 'server-only';
import { db } from '../../db';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { withLiveStages, type PipelineWithStages } from './get-pipeline-or-throw';

const SORT = 'position';

/**
 * The keyset condition "after (position, id)" of a cursor over a list ordered by (position, id).
 * Shared by every position-ordered list (pipelines, stages, lost reasons).
 */
export function afterPositionCursor(cursor: string | undefined): { OR: [{ position: { gt: number } }, { position: number; id: { gt: number } }] } | null {
  if (!cursor) return null;
  const after = decodeCursor(cursor, SORT);
  if (typeof after.v !== 'number' || !Number.isSafeInteger(after.v)) {
    throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
  return { OR: [{ position: { gt: after.v } }, { position: after.v, id: { gt: after.id } }] };
}

/** The cursor after this row of a (position, id) ordered list. */
export function positionCursorOf(row: { id: number; position: number }): string {
  return encodeCursor({ s: SORT, v: row.position, id: row.id });
}

/** One page of the live pipelines, ordered by (position, id), each with its stages. */
export async function listPipelinesPage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { limit: number; cursor?: string | undefined };
}): Promise<{ rows: PipelineWithStages[]; hasMore: boolean; nextCursor: string | null }> {
  void ctx; // every role can read every pipeline
  const where: Prisma.PipelineWhereInput = { deletedAt: null, ...afterPositionCursor(input.cursor) };
  const rows = await db.pipeline.findMany({
    where,
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    include: withLiveStages,
  });
  return pageOf(rows, input.limit, positionCursorOf);
}
