import Decimal from 'decimal.js';
import { minorUnitDigits } from '../money/format-money';
import { type ExchangeRateTable, type RateInForce, firstRateDay, rateInForce } from './exchange-rate-table';

// Converting money between currencies, exactly: decimal arithmetic on integer minor units, one rounding
// per amount, half up (away from zero) to the target currency's minor unit. A total in another
// currency is always the sum of its deals' converted values, so a column's figure equals the sum of
// its cards' (docs/decisions/022-home-currency.md).

// a rate is stored with 12 decimals; 60 significant digits keep a cross rate (EUR→GBP through the
// home currency) far beyond any amount's precision
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -80, toExpPos: 80 });

/** Why an amount could not be converted: `currency` has no rate on `day` (its first rate is `firstDay`). */
export interface MissingRate {
  currency: string;
  day: string;
  firstDay: string | null;
}

export type Conversion =
  | {
      ok: true;
      from: string;
      to: string;
      /** minor units of `to` per minor unit of `from`, a decimal string */
      factor: string;
      /** the stored rates it used (none when `from` is `to`) */
      rates: RateInForce[];
    }
  | { ok: false; missing: MissingRate };

/**
 * How to convert `from` into `to` on `day`: rate(from) / rate(to), both into the home currency and in
 * force that day, scaled from `from`'s minor unit to `to`'s.
 */
export function conversionOn(table: ExchangeRateTable, from: string, to: string, day: string): Conversion {
  const source = from.trim().toUpperCase();
  const target = to.trim().toUpperCase();
  if (source === target) return { ok: true, from: source, to: target, factor: '1', rates: [] };
  const fromRate = rateInForce(table, source, day);
  if (!fromRate) return { ok: false, missing: { currency: source, day, firstDay: firstRateDay(table, source) } };
  const toRate = rateInForce(table, target, day);
  if (!toRate) return { ok: false, missing: { currency: target, day, firstDay: firstRateDay(table, target) } };
  const scale = new D(10).pow(minorUnitDigits(target) - minorUnitDigits(source));
  const factor = new D(fromRate.rate).div(toRate.rate).times(scale);
  const rates = [fromRate, toRate].filter((rate) => rate.currency !== table.home);
  return { ok: true, from: source, to: target, factor: factor.toFixed(), rates };
}

/** `value` minor units times `factor`, rounded half up to a whole minor unit. */
export function convertMinorUnits(value: bigint | string | number, factor: string): bigint {
  if (factor === '1') return BigInt(value);
  return BigInt(new D(String(value)).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** "no EUR rate before 2026-01-01" (the day is the currency's first rate), or "no EUR rate". */
export function describeMissingRate(missing: Pick<MissingRate, 'currency' | 'firstDay'>): string {
  return missing.firstDay ? `no ${missing.currency} rate before ${missing.firstDay}` : `no ${missing.currency} rate`;
}

/** "1 EUR = 1.0825 USD (from 2026-01-01)": which rate a figure used. */
export function describeRate(rate: RateInForce, home: string): string {
  return `1 ${rate.currency} = ${new D(rate.rate).toFixed()} ${home} (from ${rate.validFrom})`;
}
