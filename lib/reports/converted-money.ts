import { describeMissingRate } from '../currency/convert-money';
import { type ExchangeRateTable, firstRateDay, type RateInForce, rateInForce } from '../currency/exchange-rate-table';

// A report's money in one currency: the sum of each deal's converted value (converted on the deal's
// own day, docs/decisions/022-home-currency.md), with the amounts that could not be converted kept
// apart per currency and named — never dropped and never counted as 0. Pure: the API, the pages and
// the CSV downloads read the same figures.

/** Money of one currency that had no rate on its deals' days. */
export interface UnconvertedMoney {
  currency: string;
  /** the deals (or moves) behind it */
  count: number;
  /** minor units of `currency` */
  value: bigint;
  /** "no EUR rate before 2026-01-01", "no CHF rate" */
  reason: string;
}

export interface ConvertedMoney {
  currency: string;
  /** minor units of `currency`: the sum of the converted deals */
  value: bigint;
  /** by currency code */
  unconverted: UnconvertedMoney[];
}

/** One currency's share of a figure as a report's SQL sums it (text sums: exact). */
export interface UnconvertedPart {
  currency: string;
  count: number;
  value: string | bigint | null;
}

/**
 * Why `currency` could not be converted into `target` on some day: the rate that starts latest of
 * the two (a currency without any rate is named first). The home currency always converts.
 */
export function missingRateReason(table: ExchangeRateTable, currency: string, target: string): string {
  const source = { currency, firstDay: firstRateDay(table, currency) };
  const into = { currency: target, firstDay: firstRateDay(table, target) };
  if (source.firstDay === null) return describeMissingRate(source);
  if (into.firstDay === null) return describeMissingRate(into);
  return describeMissingRate(into.firstDay > source.firstDay ? into : source);
}

/** A figure: the converted sum (NULL when nothing converted) and the parts left unconverted. */
export function convertedMoneyOf(
  table: ExchangeRateTable,
  target: string,
  converted: string | bigint | null,
  unconverted: readonly UnconvertedPart[],
): ConvertedMoney {
  return {
    currency: target,
    value: converted === null ? 0n : BigInt(converted),
    unconverted: unconverted
      .filter((part) => part.count > 0)
      .map((part) => ({
        currency: part.currency.trim(),
        count: part.count,
        value: part.value === null ? 0n : BigInt(part.value),
        reason: missingRateReason(table, part.currency.trim(), target),
      }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** Nothing, in `currency`. */
export function emptyConvertedMoney(currency: string): ConvertedMoney {
  return { currency, value: 0n, unconverted: [] };
}

/**
 * The stored rates a conversion into `target` used for days in [fromDay, toDay]: for each currency,
 * the rate in force on `fromDay` and every later one starting by `toDay` (the home currency's
 * implicit 1 is not a stored rate). For a single day, the rates in force that day.
 */
export function ratesInForceDuring(table: ExchangeRateTable, currencies: Iterable<string>, target: string, fromDay: string, toDay: string): RateInForce[] {
  // money already in the target needs no rate; any other goes through its own rate and the target's
  const codes = new Set([...currencies].map((c) => c.trim().toUpperCase()));
  codes.delete(target);
  if (codes.size > 0) codes.add(target);
  codes.delete(table.home);
  const rates: RateInForce[] = [];
  for (const currency of [...codes].sort()) {
    const first = rateInForce(table, currency, fromDay);
    if (first) rates.push(first);
    for (const entry of table.byCurrency[currency] ?? []) {
      if (entry.validFrom > fromDay && entry.validFrom <= toDay) rates.push({ currency, rate: entry.rate, validFrom: entry.validFrom });
    }
  }
  return rates;
}

/** Several lists of rates used as one, each stored rate once, by currency then day. */
export function mergeRates(...lists: RateInForce[][]): RateInForce[] {
  const byKey = new Map<string, RateInForce>();
  for (const rate of lists.flat()) byKey.set(`${rate.currency} ${rate.validFrom}`, rate);
  return [...byKey.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.validFrom.localeCompare(b.validFrom));
}

/** Several figures in one currency added up (each already a sum of converted deals). */
export function addConvertedMoney(currency: string, list: readonly ConvertedMoney[]): ConvertedMoney {
  const apart = new Map<string, UnconvertedMoney>();
  for (const money of list) {
    for (const u of money.unconverted) {
      const seen = apart.get(u.currency);
      apart.set(u.currency, seen ? { ...seen, count: seen.count + u.count, value: seen.value + u.value } : { ...u });
    }
  }
  return {
    currency,
    value: list.reduce((sum, money) => sum + money.value, 0n),
    unconverted: [...apart.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
