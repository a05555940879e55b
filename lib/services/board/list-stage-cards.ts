import 'server-only';
import { db } from '../../db';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { BOARD_PAGE_SIZE, CARD_COLUMNS, CARD_JOINS, toBoardCard, type CardPage, type CardRow } from './board-card';
import type { BoardFilters } from '../../board/board-filters';
import { boardFilterSql } from './board-filter-sql';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const d = tableAs('deals', 'd');

const SORT = 'board';

/** The cursor after this card of a column ordered by (position, id). */
export function boardCursorOf(card: { id: number; position: number }): string {
  return encodeCursor({ s: SORT, v: card.position, id: card.id });
}

function afterCursor(cursor: string): { position: number; id: number } {
  const after = decodeCursor(cursor, SORT);
  if (typeof after.v !== 'number' || !Number.isFinite(after.v)) {
    throw new AppError('validation_failed', 'The cursor is not valid; reload the board.', [{ path: 'cursor', message: 'Invalid cursor' }]);
  }
  return { position: after.v, id: after.id };
}

/**
 * One page of a stage's cards matching the board filters, in board order (position, id), by keyset:
 * cards added or removed while a user scrolls never make a page repeat or skip a card that stayed.
 */
export async function listStageCards({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; stageId: number; filters: BoardFilters; cursor?: string | null; limit?: number };
}): Promise<CardPage> {
  void ctx; // every role reads every board
  const limit = Math.min(Math.max(input.limit ?? BOARD_PAGE_SIZE, 1), 200);
  const stage = await db.stage.findFirst({
    where: { id: input.stageId, pipelineId: input.pipelineId, deletedAt: null, pipeline: { deletedAt: null } },
    select: { id: true },
  });
  if (!stage) throw new AppError('not_found', 'This stage is not on this board any more; reload the board.');
  const conditions = [sql`${d('stage_id')} = ${stage.id}`, boardFilterSql(input.filters)];
  if (input.cursor) {
    const after = afterCursor(input.cursor);
    conditions.push(sql`(${d('position')}, ${d('id')}) > (${after.position}::double precision, ${after.id})`);
  }
  const rows = await queryRows<CardRow>(
    db,
    sql`
    SELECT ${CARD_COLUMNS}
    FROM (
      SELECT * FROM ${d.from} WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${d('position')}, ${d('id')}
      LIMIT ${limit + 1}
    ) d
    ${CARD_JOINS}
    ORDER BY ${d('position')}, ${d('id')}`,
  );
  const page = pageOf(rows.map(toBoardCard), limit, boardCursorOf);
  return { cards: page.rows, nextCursor: page.nextCursor };
}

/** One deal as a board card (after a write), or null when it is deleted. */
export async function getBoardCard({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx;
  const [row] = await queryRows<CardRow>(
    db,
    sql`
    SELECT ${CARD_COLUMNS}
    FROM (SELECT * FROM ${d.from} WHERE ${d('id')} = ${input.dealId} AND ${d('deleted_at')} IS NULL) d
    ${CARD_JOINS}`,
  );
  return row ? toBoardCard(row) : null;
}
