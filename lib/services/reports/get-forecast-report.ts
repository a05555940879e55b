import 'server-only';
import type { ServiceContext } from '../context';
import type { RateInForce } from '../../currency/exchange-rate-table';
import { type ConvertedMoney, mergeRates } from '../../reports/converted-money';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
import { convertedFigure, convertedSql, daySql, loadReportConversion, type ReportConversion, ratesUsed } from './report-conversion';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, ts } from './report-query';
import { resolveReportScope, type ReportFilters, type ReportScope } from './report-scope';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const s = tableAs('stages', 's');

export interface ForecastBucket {
  count: number;
  /** the deals per currency (the count's share on each currency's row) */
  countByCurrency: Record<string, number>;
  value: MoneyByCurrency;
  /** the value converted deal by deal (open deals at today's rates, won deals at their close date's) */
  converted: ConvertedMoney;
}

/** Open deals also carry the weighted value, per currency and converted. */
export type ForecastOpenBucket = ForecastBucket & { weighted: MoneyByCurrency; convertedWeighted: ConvertedMoney };

export interface ForecastMonth {
  /** first instant of the UTC month */
  month: Date;
  /** open deals expected to close in the month: raw value, and value × the stage's probability */
  open: ForecastOpenBucket;
  /** deals won in the month (closed_at) */
  won: ForecastBucket;
}

export interface ForecastReport {
  scope: ReportScope;
  period: ReportPeriod;
  months: ForecastMonth[];
  totals: { open: ForecastOpenBucket; won: ForecastBucket };
  /** open deals without an expected close date (not in any month) */
  noExpectedClose: ForecastOpenBucket;
  /** the currency of the converted figures */
  currency: string;
  /** the stored rates the converted figures used */
  ratesUsed: RateInForce[];
}

interface Row {
  kind: 'open' | 'won' | 'undated';
  month: Date | null;
  currency: string | null;
  rollup: number;
  count: number;
  value: string | null;
  weighted: string | null;
  converted: string | null;
  convertedWeighted: string | null;
  unconvertedCount: number;
  unconvertedValue: string | null;
  unconvertedWeighted: string | null;
}

/**
 * The main statement, over the deals themselves: open deals (status open, in an ordinary stage,
 * not deleted) grouped by the UTC month of their expected close and currency — raw value and value
 * × the current stage's probability (rounded half up per group) — and won deals by the month of
 * closed_at (deleted ones included: a past month's wins do not change when a deal is deleted).
 * Each deal is also converted into the report's currency — open deals at the rates in force on
 * `today`, won deals at those of their close date — and the converted values summed per group;
 * deals without a rate that day are counted apart per currency.
 */
export function forecastQuery(
  pipelineId: number,
  ownerId: number | null,
  period: ReportPeriod,
  conversion: ReportConversion,
  today: string,
): RawBuilder<unknown> {
  const from = ts(period.from);
  const to = ts(period.to);
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  // converted, then weighted by the stage's probability and rounded once per group, as the per-currency figures
  const openConverted = sql`sum(cv)::text AS converted, round(sum(cv * probability) / 100.0)::bigint::text AS "convertedWeighted",
           count(*) FILTER (WHERE cv IS NULL)::int AS "unconvertedCount", sum(value) FILTER (WHERE cv IS NULL)::text AS "unconvertedValue",
           round(sum(weighted_x100) FILTER (WHERE cv IS NULL) / 100.0)::bigint::text AS "unconvertedWeighted"`;
  return sql`
    WITH open_deals AS (
      SELECT date_trunc('month', ${d('expected_close')}) AS month, ${d('currency')}, ${d('value')}, ${d('value')} * ${s('probability')} AS weighted_x100,
             ${s('probability')} AS probability, ${convertedSql(conversion, d('value'), d('currency'), daySql(today))} AS cv
      FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')} AND ${s('outcome')} IS NULL
      WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('deleted_at')} IS NULL AND ${d('status')} = 'open' ${ownerCondition}
        AND (${d('expected_close')} IS NULL OR (${d('expected_close')} >= ${from}::timestamp(3) AND ${d('expected_close')} < ${to}::timestamp(3)))
    ), won_deals AS (
      SELECT date_trunc('month', ${d('closed_at')}) AS month, ${d('currency')}, ${d('value')},
             ${convertedSql(conversion, d('value'), d('currency'), sql`${d('closed_at')}::date`)} AS cv
      FROM ${d.from}
      WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('status')} = 'won' ${ownerCondition}
        AND ${d('closed_at')} >= ${from}::timestamp(3) AND ${d('closed_at')} < ${to}::timestamp(3)
    )
    SELECT 'open' AS kind, month, currency, GROUPING(month, currency)::int AS rollup, count(*)::int AS count,
           sum(value)::text AS value, round(sum(weighted_x100) / 100.0)::bigint::text AS weighted, ${openConverted}
    FROM open_deals WHERE month IS NOT NULL GROUP BY GROUPING SETS ((month, currency), (month), (currency), ())
    UNION ALL
    SELECT 'undated', NULL, currency, GROUPING(currency)::int, count(*)::int, sum(value)::text, round(sum(weighted_x100) / 100.0)::bigint::text, ${openConverted}
    FROM open_deals WHERE month IS NULL GROUP BY GROUPING SETS ((currency), ())
    UNION ALL
    SELECT 'won', month, currency, GROUPING(month, currency)::int, count(*)::int, sum(value)::text, NULL,
           sum(cv)::text, NULL, count(*) FILTER (WHERE cv IS NULL)::int, sum(value) FILTER (WHERE cv IS NULL)::text, NULL
    FROM won_deals GROUP BY GROUPING SETS ((month, currency), (month), (currency), ())`;
}

/**
 * Forecast: the open pipeline by expected close month, raw and probability-weighted, per
 * currency, against the value won in the same months.
 */
export async function getForecastReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { period: ReportPeriod; currency?: string; now?: Date };
}): Promise<ForecastReport> {
  const scope = await resolveReportScope({ ctx, input });
  const conversion = await loadReportConversion(input.currency);
  const today = (input.now ?? new Date()).toISOString().slice(0, 10);
  const rows = await inReportTransaction(async (tx) => {
    const data = await queryRows<Row>(tx, forecastQuery(scope.pipeline.id, scope.owner?.id ?? null, input.period, conversion, today));
    const months = await queryRows<{ month: Date }>(
      tx,
      sql`
      SELECT generate_series(date_trunc('month', ${ts(input.period.from)}::timestamp(3)),
                             date_trunc('month', ${ts(input.period.to)}::timestamp(3) - interval '1 millisecond'),
                             interval '1 month') AS month`,
    );
    return { data, months };
  });
  const key = (d: Date | null) => (d === null ? 'none' : d.toISOString());
  const figures = (all: Row | undefined, perCurrency: Row[]) => {
    const unconverted = (value: (r: Row) => string | null) => perCurrency.map((r) => ({ currency: r.currency!, count: r.unconvertedCount, value: value(r) }));
    return {
      count: all?.count ?? 0,
      countByCurrency: Object.fromEntries(perCurrency.map((r) => [r.currency!.trim(), r.count])),
      value: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.value }))),
      weighted: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.weighted }))),
      converted: convertedFigure(
        conversion,
        all?.converted ?? null,
        unconverted((r) => r.unconvertedValue),
      ),
      convertedWeighted: convertedFigure(
        conversion,
        all?.convertedWeighted ?? null,
        unconverted((r) => r.unconvertedWeighted),
      ),
    };
  };
  const bucket = (list: Row[]) =>
    figures(
      list.find((r) => r.rollup === 1),
      list.filter((r) => r.rollup === 0),
    );
  const openRows = rows.data.filter((r) => r.kind === 'open');
  const wonRows = rows.data.filter((r) => r.kind === 'won');
  const undated = rows.data.filter((r) => r.kind === 'undated');
  const totalsOf = (list: Row[]) =>
    figures(
      list.find((r) => r.rollup === 3),
      list.filter((r) => r.rollup === 2),
    );
  const { weighted: _unused, convertedWeighted: _unusedConverted, ...wonTotals } = totalsOf(wonRows);
  void _unused;
  void _unusedConverted;
  const openTotals = totalsOf(openRows);
  const noExpectedClose = bucket(undated);
  const lastDay = new Date(input.period.to.getTime() - 1).toISOString().slice(0, 10);
  const used = mergeRates(
    ratesUsed(conversion, [...Object.keys(openTotals.value), ...Object.keys(noExpectedClose.value)], today, today),
    ratesUsed(conversion, Object.keys(wonTotals.value), input.period.from.toISOString().slice(0, 10), lastDay),
  );
  return {
    scope,
    period: input.period,
    months: rows.months.map(({ month }) => {
      const open = bucket(openRows.filter((r) => r.rollup <= 1 && key(r.month) === key(month)));
      const { weighted: _w, convertedWeighted: _cw, ...won } = bucket(wonRows.filter((r) => r.rollup <= 1 && key(r.month) === key(month)));
      void _w;
      void _cw;
      return { month, open, won };
    }),
    totals: { open: openTotals, won: wonTotals },
    noExpectedClose,
    currency: conversion.currency,
    ratesUsed: used,
  };
}
