import Decimal from 'decimal.js';
import { minorUnitDigits } from './format-money';
import { MAX_MINOR_UNITS } from './limits';

// Amounts that compatibility dialects send and show in major units (75000 = 75,000.00 USD,
// "1500.50"), converted exactly to the integer minor units a deal stores, and back. Never through
// floats: a JSON number is read through its shortest decimal text (75000.1 → "75000.1"), and an
// amount with more decimals than its currency has is refused, never rounded. Each dialect words a
// refusal its own way: majorUnitsMessage is the plain wording (Recotap, HubSpot); Concord words it
// as Laravel does (lib/dialects/concord/services/concord-numbers.ts).

// enough precision that no conversion of an accepted amount (≤ 10^15 minor units) ever rounds
const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -80, toExpPos: 80 });

/** Why an amount was refused. */
export type MajorUnitsProblem =
  | { kind: 'not_a_number' }
  | { kind: 'negative' }
  /** more decimal places than the currency has (`digits`) */
  | { kind: 'too_many_decimals'; digits: number }
  /** over 10^15 minor units; `max` is that limit in major units ("10000000000000.00") */
  | { kind: 'too_large'; max: string };

export type MinorUnitsResult =
  | { ok: true; value: bigint }
  /** `text`: the amount as read, for the message */
  | { ok: false; problem: MajorUnitsProblem; text: string };

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * `amount` (major units: a number, or decimal text such as "60000.50" or "6e4") as integer minor
 * units of `currency`. Refuses text that is no decimal number, negatives (-0 is zero), more
 * decimals than the currency has, and more than 10^15 minor units.
 */
export function majorToMinorUnits(amount: number | string, currency: string): MinorUnitsResult {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const refuse = (problem: MajorUnitsProblem): MinorUnitsResult => ({ ok: false, problem, text });
  if (!DECIMAL_TEXT.test(text)) return refuse({ kind: 'not_a_number' });
  // the checks read the value as sent (a Decimal keeps every digit it was given); only then is it scaled
  const major = new D(text);
  if (major.isNegative() && !major.isZero()) return refuse({ kind: 'negative' });
  const digits = minorUnitDigits(currency);
  if (major.decimalPlaces() > digits) return refuse({ kind: 'too_many_decimals', digits });
  const minor = major.abs().times(new D(10).pow(digits));
  if (minor.gt(MAX_MINOR_UNITS.toString())) return refuse({ kind: 'too_large', max: minorToMajorUnits(MAX_MINOR_UNITS, currency) });
  return { ok: true, value: BigInt(minor.toFixed(0)) };
}

/** The plain wording of a refusal: "amount 10.005 has more decimal places than USD allows (2)". */
export function majorUnitsMessage(result: Extract<MinorUnitsResult, { ok: false }>, field: string, currency: string): string {
  const { problem, text } = result;
  switch (problem.kind) {
    case 'not_a_number':
      return `${field} must be a decimal number such as 60000 or 60000.50`;
    case 'negative':
      return `${field} must not be negative`;
    case 'too_many_decimals':
      return `${field} ${text} has more decimal places than ${currency} allows (${problem.digits})`;
    case 'too_large':
      return `${field} ${text} is too large`;
  }
}

/**
 * Integer minor units of `currency` as major-unit decimal text with every minor digit:
 * 150050n USD → "1500.50", 1500n JPY → "1500". `trimZeros` drops trailing fraction zeros:
 * 6000050n USD → "60000.5", 6000000n → "60000". Exact for any size.
 */
export function minorToMajorUnits(minor: bigint, currency: string, options: { trimZeros?: boolean } = {}): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  let fraction = digits > 0 ? (abs % scale).toString().padStart(digits, '0') : '';
  if (options.trimZeros) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${(abs / scale).toString()}${fraction === '' ? '' : `.${fraction}`}`;
}
