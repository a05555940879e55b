import 'server-only';
import { type ConversionStep, conversionSteps } from '../../currency/conversion-steps';
import type { ExchangeRateTable, RateInForce } from '../../currency/exchange-rate-table';
import { type RawBuilder, sql } from '../../database/typed-sql';
import { type ConvertedMoney, convertedMoneyOf, ratesInForceDuring, type UnconvertedPart } from '../../reports/converted-money';
import { convertedValueSql } from '../currency/converted-value-sql';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';

// What a report converts into, and how: the rate table read once, the conversion steps into the
// chosen currency (every currency with a rate, plus the target itself at 1), and the SQL that
// converts one row on its own day. A currency without steps converts to NULL, which the reports
// count apart as unconverted.

export interface ReportConversion {
  table: ExchangeRateTable;
  /** the currency the converted figures are in (default: the home currency) */
  currency: string;
  steps: ConversionStep[];
}

/** The home currency's rate table and the steps into `currency` (default: the home currency). */
export async function loadReportConversion(currency?: string): Promise<ReportConversion> {
  const table = await loadExchangeRateTable();
  const target = (currency ?? table.home).trim().toUpperCase();
  return { table, currency: target, steps: conversionSteps(table, [table.home, target, ...Object.keys(table.byCurrency)], target) };
}

/** One row's value converted into the report's currency at the rate in force on `day` (NULL: no rate). */
export function convertedSql(conversion: ReportConversion, value: RawBuilder<unknown>, currency: RawBuilder<unknown>, day: RawBuilder<unknown>) {
  return convertedValueSql(conversion.steps, value, currency, day);
}

/** A figure of the report from a converted sum and the per-currency unconverted parts. */
export function convertedFigure(conversion: ReportConversion, converted: string | bigint | null, unconverted: readonly UnconvertedPart[]): ConvertedMoney {
  return convertedMoneyOf(conversion.table, conversion.currency, converted, unconverted);
}

/** The stored rates used for the report's currencies on the days [fromDay, toDay]. */
export function ratesUsed(conversion: ReportConversion, currencies: Iterable<string>, fromDay: string, toDay: string): RateInForce[] {
  return ratesInForceDuring(conversion.table, currencies, conversion.currency, fromDay, toDay);
}

/** A UTC day as a date parameter. */
export function daySql(day: string): RawBuilder<unknown> {
  return sql`${day}::date`;
}
