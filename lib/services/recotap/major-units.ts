import Decimal from 'decimal.js';
import { minorUnitDigits } from '../../money/format-money';

// Amounts that compatibility dialects send in major units (75000 = 75,000.00 USD; "60000.50"),
// converted exactly to the integer minor units a deal stores, and back. Never through floats:
// a JSON number is read through its shortest decimal text (75000.1 → "75000.1").
// (Used by the Recotap and HubSpot dialects; lib/money would be its natural home.)

/** The largest deal value the native API accepts (moneySchema): 10^15 minor units. */
const MAX_MINOR_UNITS = new Decimal('1e15');

export type MinorUnitsResult = { ok: true; value: number } | { ok: false; message: string };

/** `amount` (major units, a number or decimal text) as integer minor units of `currency`. */
export function majorToMinorUnits(amount: number | string, currency: string, field = 'amount'): MinorUnitsResult {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  let decimal: Decimal;
  try {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new Error('not a decimal');
    decimal = new Decimal(text);
  } catch {
    return { ok: false, message: `${field} must be a decimal number such as 60000 or 60000.50` };
  }
  if (decimal.isNegative() && !decimal.isZero()) return { ok: false, message: `${field} must not be negative` };
  const digits = minorUnitDigits(currency);
  const minor = decimal.times(new Decimal(10).pow(digits));
  if (!minor.isInteger()) {
    return { ok: false, message: `${field} ${text} has more decimal places than ${currency} allows (${digits})` };
  }
  if (minor.greaterThan(MAX_MINOR_UNITS)) return { ok: false, message: `${field} ${text} is too large` };
  return { ok: true, value: minor.abs().toNumber() };
}

/** Integer minor units of `currency` as major-unit decimal text: 6000000n USD → "60000", 6000050n → "60000.5". */
export function minorToMajorText(minor: bigint, currency: string): string {
  return new Decimal(minor.toString()).dividedBy(new Decimal(10).pow(minorUnitDigits(currency))).toFixed();
}
