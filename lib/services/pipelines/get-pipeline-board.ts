import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { BOARD_PAGE_SIZE, CARD_COLUMNS, CARD_JOINS, toBoardCard, type CardPage, type CardRow } from '../board/board-card';
import { DEFAULT_BOARD_FILTERS, type BoardFilters } from '../../board/board-filters';
import { type BoardConversion, type ConvertedTotal, NO_CONVERTED_TOTAL } from '../../board/converted-totals';
import { utcDay } from '../../time/utc-day';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';
import { readStageMoney, type StageTotal } from '../board/stage-currency-totals';
import { boardFilterSql } from '../board/board-filter-sql';
import { boardCursorOf } from '../board/list-stage-cards';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const s = tableAs('stages', 's');

export type { BoardCard, CardPage } from '../board/board-card';

export type { StageTotal } from '../board/stage-currency-totals';

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
  /** the deals that could be converted, in the board's conversion currency (the home currency) */
  converted: ConvertedTotal;
}

export interface PipelineBoard {
  pipeline: { id: number; publicId: string; name: string };
  /**
   * The last change event this data includes (a decimal string; "0" when there is none): read in the
   * same snapshot as the data, so the board's live stream resumes right after it (no gap, no repeat).
   */
  eventCursor: string;
  /** how the columns' converted figures were converted: the browser converts moved cards the same way */
  conversion: BoardConversion;
  stages: BoardStageSummary[];
  /** the first page of each stage's cards, by stage ID */
  firstPages: Record<number, CardPage>;
}

/**
 * A pipeline's board: its live stages in order, each with SQL aggregates over ALL deals matching the
 * filters (count, total and probability-weighted value per currency, and converted into the home
 * currency at today's rates, deal by deal) and the first page of its cards.
 * Six statements whatever the size, in one repeatable-read snapshot: the pipeline with its stages,
 * the last change event, the home currency and its rates, one aggregate grouped by stage and currency, and one query for every
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

  const table = await loadExchangeRateTable(tx);
  const conversion: BoardConversion = { currency: table.home, day: utcDay(), table };
  const money = await readStageMoney(tx, { pipelineId: pipeline.id, filters, conversion });

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
  const firstPages: Record<number, CardPage> = {};
  const stages = pipeline.stages.map((stage) => {
    const totals: StageTotal[] = money.get(stage.id)?.totals ?? [];
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
      converted: money.get(stage.id)?.converted ?? NO_CONVERTED_TOTAL,
    };
  });

  return {
    pipeline: { id: pipeline.id, publicId: toPublicId('pipeline', pipeline.id), name: pipeline.name },
    eventCursor: String(latestEvent?.id ?? 0n),
    conversion,
    stages,
    firstPages,
  };
}
