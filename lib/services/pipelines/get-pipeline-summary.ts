import 'server-only';
import { type BoardConversion, NO_CONVERTED_TOTAL, sumConvertedTotals, type UnconvertedTotal, unconvertedTotals } from '../../board/converted-totals';
import { utcDay } from '../../time/utc-day';
import { DEFAULT_BOARD_FILTERS, type BoardFilters } from '../../board/board-filters';
import { db } from '../../db';
import { AppError } from '../../errors';
import { readStageMoney } from '../board/stage-currency-totals';
import type { ServiceContext } from '../context';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';

export interface PipelineSummaryStage {
  stageId: number;
  /** deals in `total` */
  count: number;
  total: string;
  weighted: string;
}

export interface PipelineSummary {
  currency: string;
  /** the day whose rates converted it (today, UTC) */
  day: string;
  count: number;
  total: string;
  weighted: string;
  stages: PipelineSummaryStage[];
  /** deals whose currency has no rate that day: per currency, in that currency's minor units */
  unconverted: UnconvertedTotal[];
}

/**
 * A pipeline's figures in one currency (default: the home currency), as its board shows them: each
 * deal converted at today's rates and rounded once, then summed per stage; a stage's weighted figure
 * is its converted total × probability / 100 rounded half up once; the pipeline's figures are the sums
 * of its stages'. Deals that cannot be converted are counted apart, never in a total. The board's
 * filters apply (by default: open deals). One snapshot, so the stages add up to the total.
 */
export async function getPipelineSummary({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; currency?: string; filters?: BoardFilters };
}): Promise<PipelineSummary> {
  void ctx; // every role reads every board
  return db.$transaction(
    async (tx) => {
      const pipeline = await tx.pipeline.findFirst({
        where: { id: input.pipelineId, deletedAt: null },
        select: { id: true, stages: { where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } } },
      });
      if (!pipeline) throw new AppError('not_found', 'No such pipeline.');
      const table = await loadExchangeRateTable(tx);
      const conversion: BoardConversion = { currency: input.currency ?? table.home, day: utcDay(), table };
      const money = await readStageMoney(tx, { pipelineId: pipeline.id, filters: input.filters ?? DEFAULT_BOARD_FILTERS, conversion });
      const stages = pipeline.stages.map((stage) => ({ stageId: stage.id, ...(money.get(stage.id)?.converted ?? NO_CONVERTED_TOTAL) }));
      const sum = sumConvertedTotals(stages);
      const unconverted = unconvertedTotals(
        conversion,
        [...money.values()].flatMap((m) => m.totals),
      );
      return { currency: conversion.currency, day: conversion.day, ...sum, stages, unconverted };
    },
    { isolationLevel: 'RepeatableRead', timeout: 30_000, maxWait: 10_000 },
  );
}
