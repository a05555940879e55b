import 'server-only';
import { db } from '../../db';
import { pageOf } from '../../api/pagination';
import type { LostReason } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { afterPositionCursor, positionCursorOf } from '../pipelines/list-pipelines-page';

/** One page of the lost reasons, ordered by (position, id), optionally only active or inactive ones. */
export async function listLostReasons({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { limit: number; cursor?: string | undefined; active?: boolean | undefined };
}): Promise<{ rows: LostReason[]; hasMore: boolean; nextCursor: string | null }> {
  void ctx; // every role can read lost reasons
  const rows = await db.lostReason.findMany({
    where: { ...(input.active !== undefined ? { active: input.active } : {}), ...afterPositionCursor(input.cursor) },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, positionCursorOf);
}
