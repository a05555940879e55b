import Decimal from 'decimal.js';
import { majorToMinorUnits } from '../../../money/major-units';

// Concord's numbers as Concord words their refusals: money through the shared exact conversion
// (lib/money/major-units.ts), quantities and percents checked here. Messages carry Laravel's
// `:attribute` placeholder; the Concord adapter fills in the field's name.

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -80, toExpPos: 80 });

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** "1500.5" USD → 150050n. Refuses negatives, more decimals than the currency has, and over 10^15 minor units. */
export function majorToMinor(text: string, currency: string): Checked<bigint> {
  const result = majorToMinorUnits(text, currency);
  if (result.ok) return result;
  switch (result.problem.kind) {
    case 'not_a_number':
      return { ok: false, message: 'The :attribute field must be a number.' };
    case 'negative':
      return { ok: false, message: 'The :attribute field must be at least 0.' };
    case 'too_many_decimals':
      return { ok: false, message: `The :attribute field must not have more than ${result.problem.digits} decimal places (${currency}).` };
    case 'too_large':
      return { ok: false, message: `The :attribute field must not be greater than ${result.problem.max}.` };
  }
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
