import Decimal from 'decimal.js';
import { minorUnitDigits } from '../../money/format-money';

// Concord sends and shows money in major units ("1500.50"); Dealboard stores integer minor units.
// Conversions are exact (decimal.js, bigint) with the currency's minor digits: an amount with more
// decimals than the currency has is refused, never rounded. Messages carry Laravel's `:attribute`
// placeholder; the Concord adapter fills in the field's name.

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -80, toExpPos: 80 });

/** The largest amount a deal or line may reach (what the native API accepts): 10^15 minor units. */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000n;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** "1500.5" USD → 150050n. Refuses negatives, more decimals than the currency has, and over 10^15 minor units. */
export function majorToMinor(text: string, currency: string): Checked<bigint> {
  const digits = minorUnitDigits(currency);
  // the checks read the value as sent (a Decimal keeps every digit it was given); only then is it scaled
  const amount = new D(text);
  if (amount.isNegative()) return { ok: false, message: 'The :attribute field must be at least 0.' };
  if (amount.decimalPlaces() > digits) {
    return { ok: false, message: `The :attribute field must not have more than ${digits} decimal places (${currency}).` };
  }
  const max = minorToMajor(MAX_MINOR_UNITS, currency);
  if (amount.gt(max)) return { ok: false, message: `The :attribute field must not be greater than ${max}.` };
  return { ok: true, value: BigInt(amount.times(new D(10).pow(digits)).toFixed(0)) };
}

/** 150050n USD → "1500.50"; 1500n JPY → "1500". Exact for any size. */
export function minorToMajor(minor: bigint, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A stored decimal (Prisma Decimal, e.g. quantity "1.5000") as plain text without trailing zeros: "1.5". */
export function decimalText(value: { toString(): string }): string {
  return new D(value.toString()).toFixed();
}

/**
 * A decimal within bounds with at most `places` decimals, as a JS number (exact: at most 14
 * significant digits). `exclusiveMin` makes the minimum itself invalid (quantities).
 */
export function boundedDecimal(text: string, bounds: { min: number; max: number; places: number; exclusiveMin?: boolean }): Checked<number> {
  const value = new D(text);
  if (value.decimalPlaces() > bounds.places && value.abs().lte(bounds.max)) {
    return { ok: false, message: `The :attribute field must not have more than ${bounds.places} decimal places.` };
  }
  if (bounds.exclusiveMin ? value.lte(bounds.min) : value.lt(bounds.min)) {
    return { ok: false, message: `The :attribute field must be ${bounds.exclusiveMin ? 'greater than' : 'at least'} ${bounds.min}.` };
  }
  if (value.gt(bounds.max)) return { ok: false, message: `The :attribute field must not be greater than ${bounds.max}.` };
  if (value.decimalPlaces() > bounds.places) return { ok: false, message: `The :attribute field must not have more than ${bounds.places} decimal places.` };
  return { ok: true, value: Number(value.toFixed()) };
}
