import 'server-only';
import { db } from '../db';
import { queryRows } from '../database/run-sql';
import { sql, tableAs } from '../database/typed-sql';
import { CARD_COLUMNS, CARD_JOINS, toBoardCard, type BoardCard, type CardRow } from '../services/board/board-card';

const d = tableAs('deals', 'd');

/** A deal's card as it is now, and the pipeline whose board it is on. */
export interface LiveCard {
  pipelineId: number;
  card: BoardCard;
}

/**
 * The current cards of these deals, in ONE statement whatever their number (the same columns and
 * joins as every other board read, so a pushed card equals what getBoardCard answers). A deleted
 * deal has no card: it is absent from the answer.
 */
export async function loadLiveCards(dealIds: Iterable<number>): Promise<Map<number, LiveCard>> {
  const ids = [...new Set(dealIds)];
  const cards = new Map<number, LiveCard>();
  if (ids.length === 0) return cards;
  const rows = await queryRows<CardRow & { pipelineId: number }>(
    db,
    sql`
    SELECT ${CARD_COLUMNS}, ${d('pipeline_id')} AS "pipelineId"
    FROM (SELECT * FROM ${d.from} WHERE ${d('id')} IN (${sql.join(ids)}) AND ${d('deleted_at')} IS NULL) d
    ${CARD_JOINS}`,
  );
  for (const row of rows) cards.set(Number(row.id), { pipelineId: Number(row.pipelineId), card: toBoardCard(row) });
  return cards;
}
