import 'server-only';
import type { ServiceContext } from '../context';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
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
}

export interface ForecastMonth {
  /** first instant of the UTC month */
  month: Date;
  /** open deals expected to close in the month: raw value, and value × the stage's probability */
  open: ForecastBucket & { weighted: MoneyByCurrency };
  /** deals won in the month (closed_at) */
  won: ForecastBucket;
}

export interface ForecastReport {
  scope: ReportScope;
  period: ReportPeriod;
  months: ForecastMonth[];
  totals: { open: ForecastBucket & { weighted: MoneyByCurrency }; won: ForecastBucket };
  /** open deals without an expected close date (not in any month) */
  noExpectedClose: ForecastBucket & { weighted: MoneyByCurrency };
}

interface Row {
  kind: 'open' | 'won' | 'undated';
  month: Date | null;
  currency: string | null;
  rollup: number;
  count: number;
  value: string | null;
  weighted: string | null;
}

/**
 * The main statement, over the deals themselves: open deals (status open, in an ordinary stage,
 * not deleted) grouped by the UTC month of their expected close and currency — raw value and value
 * × the current stage's probability (rounded half up per group) — and won deals by the month of
 * closed_at (deleted ones included: a past month's wins do not change when a deal is deleted).
 */
export function forecastQuery(pipelineId: number, ownerId: number | null, period: ReportPeriod): RawBuilder<unknown> {
  const from = ts(period.from);
  const to = ts(period.to);
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  return sql`
    WITH open_deals AS (
      SELECT date_trunc('month', ${d('expected_close')}) AS month, ${d('currency')}, ${d('value')}, ${d('value')} * ${s('probability')} AS weighted_x100
      FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')} AND ${s('outcome')} IS NULL
      WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('deleted_at')} IS NULL AND ${d('status')} = 'open' ${ownerCondition}
        AND (${d('expected_close')} IS NULL OR (${d('expected_close')} >= ${from}::timestamp(3) AND ${d('expected_close')} < ${to}::timestamp(3)))
    ), won_deals AS (
      SELECT date_trunc('month', ${d('closed_at')}) AS month, ${d('currency')}, ${d('value')}
      FROM ${d.from}
      WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('status')} = 'won' ${ownerCondition}
        AND ${d('closed_at')} >= ${from}::timestamp(3) AND ${d('closed_at')} < ${to}::timestamp(3)
    )
    SELECT 'open' AS kind, month, currency, GROUPING(month, currency)::int AS rollup, count(*)::int AS count,
           sum(value)::text AS value, round(sum(weighted_x100) / 100.0)::bigint::text AS weighted
    FROM open_deals WHERE month IS NOT NULL GROUP BY GROUPING SETS ((month, currency), (month), (currency), ())
    UNION ALL
    SELECT 'undated', NULL, currency, GROUPING(currency)::int, count(*)::int, sum(value)::text, round(sum(weighted_x100) / 100.0)::bigint::text
    FROM open_deals WHERE month IS NULL GROUP BY GROUPING SETS ((currency), ())
    UNION ALL
    SELECT 'won', month, currency, GROUPING(month, currency)::int, count(*)::int, sum(value)::text, NULL
    FROM won_deals GROUP BY GROUPING SETS ((month, currency), (month), (currency), ())`;
}

/**
 * Forecast: the open pipeline by expected close month, raw and probability-weighted, per
 * currency, against the value won in the same months.
 */
export async function getForecastReport({ ctx, input }: { ctx: ServiceContext; input: ReportFilters & { period: ReportPeriod } }): Promise<ForecastReport> {
  const scope = await resolveReportScope({ ctx, input });
  const rows = await inReportTransaction(async (tx) => {
    const data = await queryRows<Row>(tx, forecastQuery(scope.pipeline.id, scope.owner?.id ?? null, input.period));
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
  const bucket = (list: Row[]) => {
    const all = list.find((r) => r.rollup === 1);
    const perCurrency = list.filter((r) => r.rollup === 0);
    return {
      count: all?.count ?? 0,
      countByCurrency: Object.fromEntries(perCurrency.map((r) => [r.currency!, r.count])),
      value: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.value }))),
      weighted: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.weighted }))),
    };
  };
  const openRows = rows.data.filter((r) => r.kind === 'open');
  const wonRows = rows.data.filter((r) => r.kind === 'won');
  const undated = rows.data.filter((r) => r.kind === 'undated');
  const totalsOf = (list: Row[]) => {
    const all = list.find((r) => r.rollup === 3);
    const perCurrency = list.filter((r) => r.rollup === 2);
    return {
      count: all?.count ?? 0,
      countByCurrency: Object.fromEntries(perCurrency.map((r) => [r.currency!, r.count])),
      value: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.value }))),
      weighted: moneyOf(perCurrency.map((r) => ({ currency: r.currency!, value: r.weighted }))),
    };
  };
  const { weighted: _unused, ...wonTotals } = totalsOf(wonRows);
  void _unused;
  return {
    scope,
    period: input.period,
    months: rows.months.map(({ month }) => {
      const open = bucket(openRows.filter((r) => r.rollup <= 1 && key(r.month) === key(month)));
      const { weighted: _w, ...won } = bucket(wonRows.filter((r) => r.rollup <= 1 && key(r.month) === key(month)));
      void _w;
      return { month, open, won };
    }),
    totals: { open: totalsOf(openRows), won: wonTotals },
    noExpectedClose: bucket(undated),
  };
}
