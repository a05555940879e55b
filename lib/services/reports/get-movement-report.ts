import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import type { RateInForce } from '../../currency/exchange-rate-table';
import type { ConvertedMoney, UnconvertedPart } from '../../reports/converted-money';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
import { convertedFigure, convertedSql, loadReportConversion, type ReportConversion, ratesUsed } from './report-conversion';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, ts } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';
import { MOVEMENT_DIRECTIONS, type MovementDirection } from './movement-directions';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const fromStage = tableAs('stages', 'fs');
const h = tableAs('stage_history', 'h');
const od = tableAs('deals', 'od');
const s = tableAs('stages', 's');
const toStage = tableAs('stages', 'ts');

export { MOVEMENT_DIRECTIONS, type MovementDirection };

/** One cell of the from × to matrix. */
export interface MovementCell {
  /** the stage left; null for new deals and deals coming from another pipeline */
  fromStageId: number | null;
  /** the stage entered; null for deals leaving to another pipeline, and for deals closed by status without an outcome stage */
  toStageId: number | null;
  /** set only when the deal came from another pipeline */
  fromPipelineId: number | null;
  /** set only when the deal left for another pipeline */
  toPipelineId: number | null;
  direction: MovementDirection;
  /** moves (a deal that makes the same move twice in the period counts twice) */
  count: number;
  /** the deals' values at the moment of each move (history snapshots), per currency */
  value: MoneyByCurrency;
  /** the same values converted, each at the rates in force on its move's day */
  converted: ConvertedMoney;
}

export interface MovementReport {
  scope: ReportScope;
  period: ReportPeriod;
  stages: ReportStage[];
  cells: MovementCell[];
  totals: { direction: MovementDirection; count: number; value: MoneyByCurrency; converted: ConvertedMoney }[];
  /** the matrix's row sums: moves out of a stage (or of "new", or of another pipeline) */
  rowTotals: { fromStageId: number | null; fromPipelineId: number | null; count: number; value: MoneyByCurrency; converted: ConvertedMoney }[];
  /** the matrix's column sums: moves into a stage (or another pipeline, or a close by status) */
  columnTotals: {
    toStageId: number | null;
    toPipelineId: number | null;
    statusClose: 'won' | 'lost' | null;
    count: number;
    value: MoneyByCurrency;
    converted: ConvertedMoney;
  }[];
  /** moves into each stage by direction (the chart of arrivals) */
  arrivals: { toStageId: number; direction: MovementDirection; count: number }[];
  /** names of the other pipelines deals came from or went to */
  otherPipelines: { id: number; name: string }[];
  /** the currency of the converted figures */
  currency: string;
  /** the stored rates in force during the period for the currencies moved */
  ratesUsed: RateInForce[];
}

interface Row {
  fromStageId: number | null;
  toStageId: number | null;
  fromPipelineId: number | null;
  toPipelineId: number | null;
  direction: MovementDirection;
  statusClose: 'won' | 'lost' | null;
  currency: string | null;
  rollup: number;
  count: number;
  value: string | null;
  converted: string | null;
  unconvertedCount: number;
  unconvertedValue: string | null;
}

// GROUPING(from_stage, to_stage, from_pipeline, to_pipeline, direction, status_close, currency) of each grouping set
const CELL_WITH_CURRENCY = 0;
const CELL = 1;
const DIRECTION_WITH_CURRENCY = 122;
const DIRECTION = 123;
const ROW_WITH_CURRENCY = 46;
const ROW = 47;
const COLUMN_WITH_CURRENCY = 84;
const COLUMN = 85;
const COLUMN_BY_DIRECTION = 81;

/**
 * The main statement: stage-history rows touching the pipeline in [from, to) are summed by raw
 * (from, to, pipelines, currency) with a plain hash aggregate (the one pass over many rows), then
 * the few groups are classified against the stages' positions and outcomes and rolled up with
 * GROUPING SETS into matrix cells and per-direction totals. Deals won or lost by status alone
 * (no outcome stage, e.g. a pipeline without a Lost stage) come from deals.closed_at.
 * Deleted deals are included: their history is kept so past periods never change. Each move's
 * value is converted at the rates in force on its day (a close by status: the close date) before
 * anything is summed; moves without a rate that day are counted apart per currency.
 */
export function movementQuery(pipelineId: number, ownerId: number | null, period: ReportPeriod, conversion: ReportConversion): RawBuilder<unknown> {
  const P = pipelineId;
  const from = ts(period.from);
  const to = ts(period.to);
  const ownerJoin = ownerId === null ? sql`` : sql`JOIN ${od.from} ON ${od('id')} = ${h('deal_id')} AND ${od('owner_id')} = ${ownerId}`;
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  const convertedSums = sql`sum(x.cv) AS cv, count(*) FILTER (WHERE x.cv IS NULL) AS un, sum(x.value) FILTER (WHERE x.cv IS NULL) AS uv`;
  return sql`
    WITH moves AS (
      SELECT CASE WHEN x.from_pipeline_id = ${P} THEN x.from_stage_id END AS from_stage_id,
             CASE WHEN x.to_pipeline_id = ${P} THEN x.to_stage_id END AS to_stage_id,
             x.from_pipeline_id, x.to_pipeline_id, x.currency, count(*) AS n, sum(x.value) AS v, ${convertedSums}
      FROM (
        SELECT ${h('from_stage_id')} AS from_stage_id, ${h('to_stage_id')} AS to_stage_id, ${h('from_pipeline_id')} AS from_pipeline_id,
               ${h('to_pipeline_id')} AS to_pipeline_id, ${h('currency')} AS currency, ${h('value')} AS value,
               ${convertedSql(conversion, h('value'), h('currency'), sql`${h('changed_at')}::date`)} AS cv
        FROM ${h.from} ${ownerJoin}
        WHERE (${h('to_pipeline_id')} = ${P} OR ${h('from_pipeline_id')} = ${P})
          AND ${h('changed_at')} >= ${from}::timestamp(3) AND ${h('changed_at')} < ${to}::timestamp(3)
      ) x
      GROUP BY 1, 2, x.from_pipeline_id, x.to_pipeline_id, x.currency
    ), classified AS (
      SELECT m.from_stage_id, m.to_stage_id,
             CASE WHEN m.from_pipeline_id <> ${P} THEN m.from_pipeline_id END AS from_pipeline_id,
             CASE WHEN m.to_pipeline_id <> ${P} THEN m.to_pipeline_id END AS to_pipeline_id,
             CASE WHEN m.from_pipeline_id IS NULL THEN 'new'
                  WHEN m.from_pipeline_id <> ${P} THEN 'transfer_in'
                  WHEN m.to_pipeline_id <> ${P} THEN 'transfer_out'
                  WHEN ${toStage('outcome')} IS NOT NULL THEN ${toStage('outcome')}::text
                  WHEN ${fromStage('outcome')} IS NOT NULL THEN 'reopened'
                  WHEN ${fromStage('id')} IS NULL OR (${toStage('position')}, ${toStage('id')}) > (${fromStage('position')}, ${fromStage('id')}) THEN 'forward'
                  ELSE 'backward' END AS direction,
             m.currency, m.n, m.v, m.cv, m.un, m.uv
      FROM moves m
      LEFT JOIN ${fromStage.from} ON ${fromStage('id')} = m.from_stage_id
      LEFT JOIN ${toStage.from} ON ${toStage('id')} = m.to_stage_id
      UNION ALL
      SELECT x.stage_id, NULL, NULL, NULL, x.status, x.currency, count(*), sum(x.value), ${convertedSums}
      FROM (
        SELECT ${d('stage_id')} AS stage_id, ${d('status')}::text AS status, ${d('currency')} AS currency, ${d('value')} AS value,
               ${convertedSql(conversion, d('value'), d('currency'), sql`${d('closed_at')}::date`)} AS cv
        FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')} AND ${s('outcome')} IS NULL
        WHERE ${d('pipeline_id')} = ${P} AND ${d('status')} IN ('won', 'lost')
          AND ${d('closed_at')} >= ${from}::timestamp(3) AND ${d('closed_at')} < ${to}::timestamp(3) ${ownerCondition}
      ) x
      GROUP BY x.stage_id, x.status, x.currency
    )
    SELECT from_stage_id AS "fromStageId", to_stage_id AS "toStageId", from_pipeline_id AS "fromPipelineId",
           to_pipeline_id AS "toPipelineId", direction, status_close AS "statusClose", currency,
           GROUPING(from_stage_id, to_stage_id, from_pipeline_id, to_pipeline_id, direction, status_close, currency)::int AS rollup,
           sum(n)::int AS count, sum(v)::text AS value, sum(cv)::text AS converted, sum(un)::int AS "unconvertedCount",
           sum(uv)::text AS "unconvertedValue"
    FROM (SELECT c.*, CASE WHEN c.to_stage_id IS NULL AND c.to_pipeline_id IS NULL THEN c.direction END AS status_close FROM classified c) classified
    GROUP BY GROUPING SETS (
      (from_stage_id, to_stage_id, from_pipeline_id, to_pipeline_id, direction, status_close, currency),
      (from_stage_id, to_stage_id, from_pipeline_id, to_pipeline_id, direction, status_close),
      (direction, currency),
      (direction),
      (from_stage_id, from_pipeline_id, currency),
      (from_stage_id, from_pipeline_id),
      (to_stage_id, to_pipeline_id, status_close, currency),
      (to_stage_id, to_pipeline_id, status_close),
      (to_stage_id, to_pipeline_id, status_close, direction))`;
}

/**
 * Movement: how many deals (and how much value) moved from each stage to each other stage of a
 * pipeline in [from, to) — forward, backward, into won/lost, reopened, in from and out to other
 * pipelines — and how many new deals entered it.
 */
export async function getMovementReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { period: ReportPeriod; currency?: string };
}): Promise<MovementReport> {
  const scope = await resolveReportScope({ ctx, input });
  const conversion = await loadReportConversion(input.currency);
  const rows = await inReportTransaction((tx) => queryRows<Row>(tx, movementQuery(scope.pipeline.id, scope.owner?.id ?? null, input.period, conversion)));
  const unconvertedOf = (list: Row[]): UnconvertedPart[] => list.map((r) => ({ currency: r.currency!, count: r.unconvertedCount, value: r.unconvertedValue }));
  const figure = (all: Row | undefined, perCurrency: Row[]) => convertedFigure(conversion, all?.converted ?? null, unconvertedOf(perCurrency));

  const cells = new Map<string, MovementCell>();
  const cellRows = new Map<string, Row>();
  const cellValues = new Map<string, Row[]>();
  const totals = new Map<MovementDirection, { all?: Row; count: number; value: Row[] }>();
  const keyOf = (r: Row) => [r.fromStageId, r.toStageId, r.fromPipelineId, r.toPipelineId, r.direction].join('|');
  for (const row of rows) {
    if (row.rollup === CELL) {
      cells.set(keyOf(row), {
        fromStageId: row.fromStageId,
        toStageId: row.toStageId,
        fromPipelineId: row.fromPipelineId,
        toPipelineId: row.toPipelineId,
        direction: row.direction,
        count: row.count,
        value: {},
        converted: figure(undefined, []),
      });
      cellRows.set(keyOf(row), row);
    } else if (row.rollup === CELL_WITH_CURRENCY) {
      const list = cellValues.get(keyOf(row)) ?? [];
      list.push(row);
      cellValues.set(keyOf(row), list);
    } else if (row.rollup === DIRECTION) {
      const total = totals.get(row.direction) ?? { count: 0, value: [] };
      total.count = row.count;
      total.all = row;
      totals.set(row.direction, total);
    } else if (row.rollup === DIRECTION_WITH_CURRENCY) {
      const total = totals.get(row.direction) ?? { count: 0, value: [] };
      total.value.push(row);
      totals.set(row.direction, total);
    }
  }
  const money = (list: Row[]) => moneyOf(list.map((r) => ({ currency: r.currency!, value: r.value })));
  for (const [key, cell] of cells) {
    cell.value = money(cellValues.get(key) ?? []);
    cell.converted = figure(cellRows.get(key), cellValues.get(key) ?? []);
  }
  const rowTotals = rows
    .filter((r) => r.rollup === ROW)
    .map((r) => {
      const perCurrency = rows.filter((x) => x.rollup === ROW_WITH_CURRENCY && x.fromStageId === r.fromStageId && x.fromPipelineId === r.fromPipelineId);
      return {
        fromStageId: r.fromStageId,
        fromPipelineId: r.fromPipelineId,
        count: r.count,
        value: money(perCurrency),
        converted: figure(r, perCurrency),
      };
    });
  const columnTotals = rows
    .filter((r) => r.rollup === COLUMN)
    .map((r) => {
      const perCurrency = rows.filter(
        (x) => x.rollup === COLUMN_WITH_CURRENCY && x.toStageId === r.toStageId && x.toPipelineId === r.toPipelineId && x.statusClose === r.statusClose,
      );
      return {
        toStageId: r.toStageId,
        toPipelineId: r.toPipelineId,
        statusClose: r.statusClose,
        count: r.count,
        value: money(perCurrency),
        converted: figure(r, perCurrency),
      };
    });

  const order = new Map(scope.stages.map((s, i) => [s.id, i]));
  // rows: new deals and arrivals first, then the stages in board order; columns: the stages, then departures and status closes
  const rank = (id: number | null, missing: number) => (id === null ? missing : (order.get(id) ?? order.size));
  const sortedCells = [...cells.values()].sort(
    (a, b) =>
      rank(a.fromStageId, -1) - rank(b.fromStageId, -1) ||
      (a.fromPipelineId ?? 0) - (b.fromPipelineId ?? 0) ||
      rank(a.toStageId, order.size + 1) - rank(b.toStageId, order.size + 1) ||
      (a.toPipelineId ?? 0) - (b.toPipelineId ?? 0) ||
      MOVEMENT_DIRECTIONS.indexOf(a.direction) - MOVEMENT_DIRECTIONS.indexOf(b.direction),
  );
  const otherIds = [...new Set(sortedCells.flatMap((c) => [c.fromPipelineId, c.toPipelineId]).filter((id): id is number => id !== null))];
  const otherPipelines = otherIds.length === 0 ? [] : await pipelineNames(otherIds);

  return {
    scope,
    period: input.period,
    stages: visibleStages(
      scope,
      sortedCells.flatMap((c) => [c.fromStageId, c.toStageId]),
    ),
    cells: sortedCells,
    totals: MOVEMENT_DIRECTIONS.map((direction) => {
      const total = totals.get(direction);
      return { direction, count: total?.count ?? 0, value: money(total?.value ?? []), converted: figure(total?.all, total?.value ?? []) };
    }),
    rowTotals,
    columnTotals,
    arrivals: rows
      .filter((r) => r.rollup === COLUMN_BY_DIRECTION && r.toStageId !== null)
      .map((r) => ({ toStageId: r.toStageId!, direction: r.direction, count: r.count })),
    otherPipelines,
    currency: conversion.currency,
    ratesUsed: ratesUsed(
      conversion,
      new Set(rows.filter((r) => r.rollup === DIRECTION_WITH_CURRENCY).map((r) => r.currency!.trim())),
      input.period.from.toISOString().slice(0, 10),
      new Date(input.period.to.getTime() - 1).toISOString().slice(0, 10),
    ),
  };
}

async function pipelineNames(ids: number[]) {
  return db.pipeline.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
}
