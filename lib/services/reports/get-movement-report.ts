import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
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
}

export interface MovementReport {
  scope: ReportScope;
  period: ReportPeriod;
  stages: ReportStage[];
  cells: MovementCell[];
  totals: { direction: MovementDirection; count: number; value: MoneyByCurrency }[];
  /** the matrix's row sums: moves out of a stage (or of "new", or of another pipeline) */
  rowTotals: { fromStageId: number | null; fromPipelineId: number | null; count: number; value: MoneyByCurrency }[];
  /** the matrix's column sums: moves into a stage (or another pipeline, or a close by status) */
  columnTotals: { toStageId: number | null; toPipelineId: number | null; statusClose: 'won' | 'lost' | null; count: number; value: MoneyByCurrency }[];
  /** moves into each stage by direction (the chart of arrivals) */
  arrivals: { toStageId: number; direction: MovementDirection; count: number }[];
  /** names of the other pipelines deals came from or went to */
  otherPipelines: { id: number; name: string }[];
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
 * Deleted deals are included: their history is kept so past periods never change.
 */
export function movementQuery(pipelineId: number, ownerId: number | null, period: ReportPeriod): RawBuilder<unknown> {
  const P = pipelineId;
  const from = ts(period.from);
  const to = ts(period.to);
  const ownerJoin = ownerId === null ? sql`` : sql`JOIN ${od.from} ON ${od('id')} = ${h('deal_id')} AND ${od('owner_id')} = ${ownerId}`;
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  return sql`
    WITH moves AS (
      SELECT CASE WHEN ${h('from_pipeline_id')} = ${P} THEN ${h('from_stage_id')} END AS from_stage_id,
             CASE WHEN ${h('to_pipeline_id')} = ${P} THEN ${h('to_stage_id')} END AS to_stage_id,
             ${h('from_pipeline_id')}, ${h('to_pipeline_id')}, ${h('currency')}, count(*) AS n, sum(${h('value')}) AS v
      FROM ${h.from} ${ownerJoin}
      WHERE (${h('to_pipeline_id')} = ${P} OR ${h('from_pipeline_id')} = ${P})
        AND ${h('changed_at')} >= ${from}::timestamp(3) AND ${h('changed_at')} < ${to}::timestamp(3)
      GROUP BY 1, 2, ${h('from_pipeline_id')}, ${h('to_pipeline_id')}, ${h('currency')}
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
             m.currency, m.n, m.v
      FROM moves m
      LEFT JOIN ${fromStage.from} ON ${fromStage('id')} = m.from_stage_id
      LEFT JOIN ${toStage.from} ON ${toStage('id')} = m.to_stage_id
      UNION ALL
      SELECT ${d('stage_id')}, NULL, NULL, NULL, ${d('status')}::text, ${d('currency')}, count(*), sum(${d('value')})
      FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')} AND ${s('outcome')} IS NULL
      WHERE ${d('pipeline_id')} = ${P} AND ${d('status')} IN ('won', 'lost')
        AND ${d('closed_at')} >= ${from}::timestamp(3) AND ${d('closed_at')} < ${to}::timestamp(3) ${ownerCondition}
      GROUP BY ${d('stage_id')}, ${d('status')}, ${d('currency')}
    )
    SELECT from_stage_id AS "fromStageId", to_stage_id AS "toStageId", from_pipeline_id AS "fromPipelineId",
           to_pipeline_id AS "toPipelineId", direction, status_close AS "statusClose", currency,
           GROUPING(from_stage_id, to_stage_id, from_pipeline_id, to_pipeline_id, direction, status_close, currency)::int AS rollup,
           sum(n)::int AS count, sum(v)::text AS value
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
export async function getMovementReport({ ctx, input }: { ctx: ServiceContext; input: ReportFilters & { period: ReportPeriod } }): Promise<MovementReport> {
  const scope = await resolveReportScope({ ctx, input });
  const rows = await inReportTransaction((tx) => queryRows<Row>(tx, movementQuery(scope.pipeline.id, scope.owner?.id ?? null, input.period)));

  const cells = new Map<string, MovementCell>();
  const cellValues = new Map<string, { currency: string; value: string | null }[]>();
  const totals = new Map<MovementDirection, { count: number; value: { currency: string; value: string | null }[] }>();
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
      });
    } else if (row.rollup === CELL_WITH_CURRENCY) {
      const list = cellValues.get(keyOf(row)) ?? [];
      list.push({ currency: row.currency!, value: row.value });
      cellValues.set(keyOf(row), list);
    } else if (row.rollup === DIRECTION) {
      const total = totals.get(row.direction) ?? { count: 0, value: [] };
      total.count = row.count;
      totals.set(row.direction, total);
    } else if (row.rollup === DIRECTION_WITH_CURRENCY) {
      const total = totals.get(row.direction) ?? { count: 0, value: [] };
      total.value.push({ currency: row.currency!, value: row.value });
      totals.set(row.direction, total);
    }
  }
  for (const [key, cell] of cells) cell.value = moneyOf(cellValues.get(key) ?? []);
  const money = (list: Row[]) => moneyOf(list.map((r) => ({ currency: r.currency!, value: r.value })));
  const rowTotals = rows
    .filter((r) => r.rollup === ROW)
    .map((r) => ({
      fromStageId: r.fromStageId,
      fromPipelineId: r.fromPipelineId,
      count: r.count,
      value: money(rows.filter((x) => x.rollup === ROW_WITH_CURRENCY && x.fromStageId === r.fromStageId && x.fromPipelineId === r.fromPipelineId)),
    }));
  const columnTotals = rows
    .filter((r) => r.rollup === COLUMN)
    .map((r) => ({
      toStageId: r.toStageId,
      toPipelineId: r.toPipelineId,
      statusClose: r.statusClose,
      count: r.count,
      value: money(
        rows.filter(
          (x) => x.rollup === COLUMN_WITH_CURRENCY && x.toStageId === r.toStageId && x.toPipelineId === r.toPipelineId && x.statusClose === r.statusClose,
        ),
      ),
    }));

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
      return { direction, count: total?.count ?? 0, value: moneyOf(total?.value ?? []) };
    }),
    rowTotals,
    columnTotals,
    arrivals: rows
      .filter((r) => r.rollup === COLUMN_BY_DIRECTION && r.toStageId !== null)
      .map((r) => ({ toStageId: r.toStageId!, direction: r.direction, count: r.count })),
    otherPipelines,
  };
}

async function pipelineNames(ids: number[]) {
  return db.pipeline.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
}
