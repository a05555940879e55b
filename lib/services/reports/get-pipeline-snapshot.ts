import 'server-only';
import type { ServiceContext } from '../context';
import type { RateInForce } from '../../currency/exchange-rate-table';
import type { ConvertedMoney } from '../../reports/converted-money';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
import { convertedFigure, convertedSql, daySql, loadReportConversion, type ReportConversion, ratesUsed } from './report-conversion';
import { inReportTransaction, ts } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const h = tableAs('stage_history', 'h');

export const DEFAULT_SNAPSHOT_DEALS = 50;

export interface SnapshotDeal {
  id: number;
  name: string;
  /** the value the history recorded when the deal entered this stage (not today's) */
  value: bigint;
  currency: string;
  /** `value` converted at the rates in force on the snapshot's day; null without a rate that day */
  converted: bigint | null;
  /** the deal has been deleted since (it was on the board then) */
  deleted: boolean;
}

export interface SnapshotStage {
  stageId: number;
  count: number;
  value: MoneyByCurrency;
  converted: ConvertedMoney;
  /** the stage's deals with the highest values, at most `dealsPerStage` */
  deals: SnapshotDeal[];
  hasMoreDeals: boolean;
}

export interface PipelineSnapshot {
  scope: ReportScope;
  asOf: Date;
  stages: ReportStage[];
  columns: SnapshotStage[];
  totals: { count: number; value: MoneyByCurrency; converted: ConvertedMoney };
  /** the currency of the converted figures */
  currency: string;
  /** the day whose rates converted the values (the snapshot's day, UTC) */
  rateDay: string;
  /** the stored rates in force that day for the currencies on the board */
  ratesUsed: RateInForce[];
}

interface Row {
  kind: 'total' | 'deal';
  stageId: number | null;
  currency: string | null;
  rollup: number;
  count: number | null;
  value: string | null;
  dealId: number | null;
  name: string | null;
  deleted: boolean | null;
  converted: string | null;
  unconvertedCount: number | null;
  unconvertedValue: string | null;
}

/**
 * The deals' state at `asOf`: for every deal, the history row whose stay contains that moment
 * (changed_at ≤ asOf < left_at, or still open), kept when that row put it in this pipeline. The
 * row's stage and value are the deal's then. Two index-only range scans of the (to_pipeline_id,
 * left_at, …) index — stays still open, and stays that ended after asOf — so the work is the
 * pipeline's deals of that moment, not the history before it. Deals created later have no such
 * row; deals deleted later are kept (their history is), deals deleted before are not.
 */
export function snapshotStatesSql(pipelineId: number, ownerId: number | null, asOf: Date): RawBuilder<unknown> {
  const at = ts(asOf);
  // hashed subplans (one hash probe per deal), not a join against every deal
  const dealFilter =
    ownerId === null
      ? sql`l.deal_id NOT IN (SELECT ${d('id')} FROM ${d.from} WHERE ${d('deleted_at')} <= ${at}::timestamp(3))`
      : sql`l.deal_id IN (SELECT ${d('id')} FROM ${d.from} WHERE ${d('owner_id')} = ${ownerId} AND (${d('deleted_at')} IS NULL OR ${d('deleted_at')} > ${at}::timestamp(3)))`;
  return sql`
    SELECT l.deal_id, l.to_stage_id AS stage_id, l.value, l.currency
    FROM (
      SELECT ${h('deal_id')}, ${h('to_stage_id')}, ${h('value')}, ${h('currency')} FROM ${h.from}
      WHERE ${h('to_pipeline_id')} = ${pipelineId} AND ${h('left_at')} IS NULL AND ${h('changed_at')} <= ${at}::timestamp(3)
      UNION ALL
      SELECT ${h('deal_id')}, ${h('to_stage_id')}, ${h('value')}, ${h('currency')} FROM ${h.from}
      WHERE ${h('to_pipeline_id')} = ${pipelineId} AND ${h('left_at')} > ${at}::timestamp(3) AND ${h('changed_at')} <= ${at}::timestamp(3)
    ) l
    WHERE ${dealFilter}`;
}

/**
 * The main statement: per stage, count and value per currency (GROUPING SETS), and each stage's
 * highest-value deals (a top-N per stage, LATERAL over the stage list, so the whole board is never
 * sorted). Each deal's value then is converted at the rates in force on the snapshot's day.
 */
export function snapshotQuery(
  pipelineId: number,
  ownerId: number | null,
  asOf: Date,
  dealsPerStage: number,
  stageIds: number[],
  conversion: ReportConversion,
): RawBuilder<unknown> {
  return sql`
    WITH board AS MATERIALIZED (
      SELECT b.*, ${convertedSql(conversion, sql`b.value`, sql`b.currency`, daySql(snapshotDay(asOf)))} AS cv
      FROM (${snapshotStatesSql(pipelineId, ownerId, asOf)}) b
    ),
    top_deals AS (
      SELECT t.* FROM unnest(${stageIds}::int[]) AS s(id)
      CROSS JOIN LATERAL (SELECT b.* FROM board b WHERE b.stage_id = s.id ORDER BY b.value DESC, b.deal_id LIMIT ${dealsPerStage}) t
    ),
    columns AS (
      SELECT stage_id, currency, count(*) AS n, sum(value) AS v, sum(cv) AS cv,
             count(*) FILTER (WHERE cv IS NULL) AS un, sum(value) FILTER (WHERE cv IS NULL) AS uv
      FROM board GROUP BY stage_id, currency
    )
    SELECT 'total' AS kind, stage_id AS "stageId", currency, GROUPING(stage_id, currency)::int AS rollup,
           coalesce(sum(n), 0)::int AS count, sum(v)::text AS value, NULL::int AS "dealId", NULL AS name, NULL::boolean AS deleted,
           sum(cv)::text AS converted, coalesce(sum(un), 0)::int AS "unconvertedCount", sum(uv)::text AS "unconvertedValue"
    FROM columns GROUP BY GROUPING SETS ((stage_id, currency), (stage_id), (currency), ())
    UNION ALL
    SELECT 'deal', t.stage_id, t.currency, 0, NULL, t.value::text, t.deal_id, ${d('name')}, ${d('deleted_at')} IS NOT NULL,
           t.cv::text, NULL, NULL
    FROM top_deals t JOIN ${d.from} ON ${d('id')} = t.deal_id`;
}

/**
 * The board as it stood at `asOf`: each deal in the stage it was in then, with the value it had
 * then (the history row's snapshot), column counts and totals per currency.
 */
export async function getPipelineSnapshot({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { asOf: Date; dealsPerStage?: number; currency?: string };
}): Promise<PipelineSnapshot> {
  const scope = await resolveReportScope({ ctx, input });
  const conversion = await loadReportConversion(input.currency);
  const perStage = Math.min(Math.max(input.dealsPerStage ?? DEFAULT_SNAPSHOT_DEALS, 0), 200);
  const rows = await inReportTransaction((tx) =>
    queryRows<Row>(
      tx,
      snapshotQuery(
        scope.pipeline.id,
        scope.owner?.id ?? null,
        input.asOf,
        perStage,
        scope.stages.map((st) => st.id),
        conversion,
      ),
    ),
  );

  const totals = rows.filter((r) => r.kind === 'total');
  const figure = (all: Row | undefined, perCurrency: Row[]) =>
    convertedFigure(
      conversion,
      all?.converted ?? null,
      perCurrency.map((r) => ({ currency: r.currency!, count: r.unconvertedCount ?? 0, value: r.unconvertedValue })),
    );
  const deals = rows.filter((r) => r.kind === 'deal');
  const stageIds = new Set(totals.filter((r) => r.stageId !== null).map((r) => r.stageId!));
  const stages = visibleStages(scope, stageIds);
  const columns = stages.map((stage) => {
    const count = totals.find((r) => r.stageId === stage.id && r.rollup === 1)?.count ?? 0;
    const stageDeals = deals
      .filter((r) => r.stageId === stage.id)
      .map((r) => ({
        id: r.dealId!,
        name: r.name!,
        value: BigInt(r.value!),
        currency: r.currency!.trim(),
        converted: r.converted === null ? null : BigInt(r.converted),
        deleted: r.deleted === true,
      }))
      .sort((a, b) => (a.value === b.value ? a.id - b.id : a.value > b.value ? -1 : 1));
    const perCurrency = totals.filter((r) => r.stageId === stage.id && r.rollup === 0);
    return {
      stageId: stage.id,
      count,
      value: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.value }))),
      converted: figure(
        totals.find((r) => r.stageId === stage.id && r.rollup === 1),
        perCurrency,
      ),
      deals: stageDeals,
      hasMoreDeals: count > perStage,
    };
  });
  return {
    scope,
    asOf: input.asOf,
    stages,
    columns,
    totals: {
      count: totals.find((r) => r.rollup === 3)?.count ?? 0,
      value: moneyOf(totals.filter((r) => r.rollup === 2).map((r) => ({ currency: r.currency!, value: r.value }))),
      converted: figure(
        totals.find((r) => r.rollup === 3),
        totals.filter((r) => r.rollup === 2),
      ),
    },
    currency: conversion.currency,
    rateDay: snapshotDay(input.asOf),
    ratesUsed: ratesUsed(
      conversion,
      new Set(totals.filter((r) => r.rollup === 2).map((r) => r.currency!.trim())),
      snapshotDay(input.asOf),
      snapshotDay(input.asOf),
    ),
  };
}

/** The UTC day a snapshot moment falls in (a plain date's as_of is that day's end, the next midnight). */
export function snapshotDay(asOf: Date): string {
  return new Date(asOf.getTime() - 1).toISOString().slice(0, 10);
}
