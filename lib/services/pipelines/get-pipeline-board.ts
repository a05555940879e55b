import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { BOARD_PAGE_SIZE, CARD_COLUMNS, CARD_JOINS, toBoardCard, type CardPage, type CardRow } from '../board/board-card';
import { DEFAULT_BOARD_FILTERS, type BoardFilters } from '../../board/board-filters';
import { boardFilterSql } from '../board/board-filter-sql';
import { boardCursorOf } from '../board/list-stage-cards';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const s = tableAs('stages', 's');

export type { BoardCard, CardPage } from '../board/board-card';

/** A column's money in one currency: exact sums of minor units, as decimal strings. */
export interface StageTotal {
  currency: string;
  count: number;
  /** sum of the deals' values */
  total: string;
  /** sum of value × the stage's probability / 100, rounded half up to the minor unit */
  weighted: string;
}

export interface BoardStageSummary {
  id: number;
  publicId: string;
  name: string;
  probability: number;
  rottingDays: number | null;
  outcome: 'won' | 'lost' | null;
  /** deals in this stage matching the filters (all of them, not just the loaded cards) */
  count: number;
  /** per currency, most deals first */
  totals: StageTotal[];
}

export interface PipelineBoard {
  pipeline: { id: number; publicId: string; name: string };
  /**
   * The last change event this data includes (a decimal string; "0" when there is none): read in the
   * same snapshot as the data, so the board's live stream resumes right after it (no gap, no repeat).
   */
  eventCursor: string;
  stages: BoardStageSummary[];
  /** the first page of each stage's cards, by stage ID */
  firstPages: Record<number, CardPage>;
}

/**
 * A pipeline's board: its live stages in order, each with SQL aggregates over ALL deals matching the
 * filters (count, total and probability-weighted value per currency) and the first page of its cards.
 * Four statements whatever the size, in one repeatable-read snapshot: the pipeline with its stages,
 * the last change event, one aggregate grouped by stage and currency, and one query for every
 * column's first page (a LATERAL join per stage walking the (stage_id, position) index, so it reads
 * only the cards it returns).
 */
export async function getPipelineBoard({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; filters?: BoardFilters; pageSize?: number };
}): Promise<PipelineBoard> {
  void ctx; // every role reads every board
  return db.$transaction((tx) => readPipelineBoard(tx, input), { isolationLevel: 'RepeatableRead', timeout: 30_000, maxWait: 10_000 });
}

type Transaction = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function readPipelineBoard(tx: Transaction, input: { pipelineId: number; filters?: BoardFilters; pageSize?: number }): Promise<PipelineBoard> {
  const filters = input.filters ?? DEFAULT_BOARD_FILTERS;
  const pageSize = Math.min(Math.max(input.pageSize ?? BOARD_PAGE_SIZE, 1), 200);
  const pipeline = await tx.pipeline.findFirst({
    where: { id: input.pipelineId, deletedAt: null },
    select: {
      id: true,
      name: true,
      stages: {
        where: { deletedAt: null },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        select: { id: true, name: true, probability: true, rottingDays: true, outcome: true },
      },
    },
  });
  if (!pipeline) throw new AppError('not_found', 'No such pipeline.');
  // ids are handed out in commit order, so the newest one this snapshot sees marks exactly what it holds
  const latestEvent = await tx.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  const where = boardFilterSql(filters);

  const aggregates = await queryRows<{ stageId: number; currency: string; count: number; total: string; weighted: string }>(
    tx,
    sql`
    SELECT ${d('stage_id')} AS "stageId", ${d('currency')}, COUNT(*)::int AS count, SUM(${d('value')})::text AS total,
           ROUND(SUM(${d('value')} * ${s('probability')}) / 100.0)::bigint::text AS weighted
    FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
    WHERE ${d('pipeline_id')} = ${pipeline.id} AND ${s('deleted_at')} IS NULL AND ${where}
    GROUP BY ${d('stage_id')}, ${d('currency')}`,
  );

  const rows = await queryRows<CardRow>(
    tx,
    sql`
    SELECT ${CARD_COLUMNS}
    FROM ${s.from}
    CROSS JOIN LATERAL (
      SELECT * FROM ${d.from}
      WHERE ${d('stage_id')} = ${s('id')} AND ${where}
      ORDER BY ${d('position')}, ${d('id')}
      LIMIT ${pageSize + 1}
    ) d
    ${CARD_JOINS}
    WHERE ${s('pipeline_id')} = ${pipeline.id} AND ${s('deleted_at')} IS NULL
    ORDER BY ${s('id')}, ${d('position')}, ${d('id')}`,
  );

  const cardsByStage = new Map<number, CardRow[]>();
  for (const row of rows) {
    const stageId = Number(row.stageId);
    cardsByStage.set(stageId, [...(cardsByStage.get(stageId) ?? []), row]);
  }
  const totalsByStage = new Map<number, StageTotal[]>();
  for (const a of aggregates) {
    const stageId = Number(a.stageId);
    totalsByStage.set(stageId, [
      ...(totalsByStage.get(stageId) ?? []),
      { currency: a.currency, count: Number(a.count), total: String(a.total), weighted: String(a.weighted) },
    ]);
  }

  const firstPages: Record<number, CardPage> = {};
  const stages = pipeline.stages.map((stage) => {
    const totals = (totalsByStage.get(stage.id) ?? []).sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
    const stageRows = cardsByStage.get(stage.id) ?? [];
    const cards = stageRows.slice(0, pageSize).map(toBoardCard);
    const last = cards[cards.length - 1];
    firstPages[stage.id] = { cards, nextCursor: stageRows.length > pageSize && last ? boardCursorOf(last) : null };
    return {
      id: stage.id,
      publicId: toPublicId('stage', stage.id),
      name: stage.name,
      probability: stage.probability,
      rottingDays: stage.rottingDays,
      outcome: stage.outcome,
      count: totals.reduce((sum, t) => sum + t.count, 0),
      totals,
    };
  });

  return {
    pipeline: { id: pipeline.id, publicId: toPublicId('pipeline', pipeline.id), name: pipeline.name },
    eventCursor: String(latestEvent?.id ?? 0n),
    stages,
    firstPages,
  };
}
