import { conversionOn, convertMinorUnits, describeMissingRate } from '../currency/convert-money';
import type { ExchangeRateTable } from '../currency/exchange-rate-table';

// The board's figures in one currency. Pure: the server reads them with SQL (per deal, then summed)
// and the browser keeps them up to date as cards move with the same conversion, so a column's
// figure after a move is what the next read would say (docs/decisions/022-home-currency.md).
//
// Weighted rule, for converted figures as for the per-currency ones: a column's weighted figure is
// its converted total × the stage's probability / 100, rounded half up once; a board's is the sum of
// its columns'.

/** How a board converts: into `currency`, at the rates of `table` in force on `day` (YYYY-MM-DD, UTC). */
export interface BoardConversion {
  currency: string;
  day: string;
  table: ExchangeRateTable;
}

/** A column's deals that could be converted, in the conversion's currency (minor units, decimal strings). */
export interface ConvertedTotal {
  count: number;
  total: string;
  weighted: string;
}

/** Deals of one currency that could not be converted: in minor units of THAT currency, with why. */
export interface UnconvertedTotal {
  currency: string;
  count: number;
  total: string;
  reason: string;
}

export const NO_CONVERTED_TOTAL: ConvertedTotal = { count: 0, total: '0', weighted: '0' };

/** value × percent / 100, rounded half up (as the aggregate SQL does), on minor-unit strings. */
export function weightedValue(total: string, probability: number): string {
  const n = BigInt(total) * BigInt(probability);
  const doubled = 2n * n;
  // half up, away from zero, for negative sums too (a refund deal)
  return (n < 0n ? -((-doubled + 100n) / 200n) : (doubled + 100n) / 200n).toString();
}

/** One deal's value in the conversion's currency, or null when its currency has no rate that day. */
export function convertedDealValue(conversion: BoardConversion, value: string | number | bigint, currency: string): bigint | null {
  const how = conversionOn(conversion.table, currency, conversion.currency, conversion.day);
  return how.ok ? convertMinorUnits(value, how.factor) : null;
}

/** Why `currency` cannot be converted on the conversion's day ("no CHF rate"), or null when it can. */
export function missingRateReason(conversion: BoardConversion, currency: string): string | null {
  const how = conversionOn(conversion.table, currency, conversion.currency, conversion.day);
  return how.ok ? null : describeMissingRate(how.missing);
}

/** A column's converted figure with one deal added (+1) or taken away (−1); unchanged when it cannot be converted. */
export function adjustConvertedTotal(
  converted: ConvertedTotal,
  conversion: BoardConversion,
  probability: number,
  deal: { value: string | number | bigint; currency: string },
  delta: 1 | -1,
): ConvertedTotal {
  const value = convertedDealValue(conversion, deal.value, deal.currency);
  if (value === null) return converted;
  const total = (BigInt(converted.total) + BigInt(delta) * value).toString();
  return { count: Math.max(0, converted.count + delta), total, weighted: weightedValue(total, probability) };
}

/** Sums converted figures (a board's header from its columns). */
export function sumConvertedTotals(totals: readonly ConvertedTotal[]): ConvertedTotal {
  let count = 0;
  let total = 0n;
  let weighted = 0n;
  for (const t of totals) {
    count += t.count;
    total += BigInt(t.total);
    weighted += BigInt(t.weighted);
  }
  return { count, total: total.toString(), weighted: weighted.toString() };
}

/**
 * The per-currency totals whose currency cannot be converted on the conversion's day, merged by
 * currency, most deals first.
 */
export function unconvertedTotals(conversion: BoardConversion, totals: readonly { currency: string; count: number; total: string }[]): UnconvertedTotal[] {
  const byCurrency = new Map<string, UnconvertedTotal>();
  for (const t of totals) {
    if (t.count === 0) continue;
    const reason = missingRateReason(conversion, t.currency);
    if (reason === null) continue;
    const entry = byCurrency.get(t.currency) ?? { currency: t.currency, count: 0, total: '0', reason };
    entry.count += t.count;
    entry.total = (BigInt(entry.total) + BigInt(t.total)).toString();
    byCurrency.set(t.currency, entry);
  }
  return [...byCurrency.values()].sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
}

/** "2 deals in CHF: no CHF rate" */
export function describeUnconverted(entry: Pick<UnconvertedTotal, 'currency' | 'count' | 'reason'>): string {
  return `${entry.count} ${entry.count === 1 ? 'deal' : 'deals'} in ${entry.currency}: ${entry.reason}`;
}
