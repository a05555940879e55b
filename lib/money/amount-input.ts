import Decimal from 'decimal.js';
import { minorUnitDigits } from './format-money';
import { MAX_MINOR_UNITS } from './limits';
import { majorToMinorUnits, minorToMajorUnits, type MajorUnitsProblem } from './major-units';

// Amounts people type and read are in major units ("12,500.50"); the database and the line-item
// arithmetic work in integer minor units (1250050n). These convert exactly, with decimal.js and
// bigint, never through floating point. Pure: safe in the browser and on the server.

const AMOUNT = /^\d+(\.\d*)?$|^\.\d+$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A typed amount: its minor units, or the message for a person and the kind of refusal. */
export type ParsedAmount = { ok: true; value: bigint | null } | { ok: false; message: string; problem: MajorUnitsProblem['kind'] };

function exampleAmount(currency: string): string {
  const digits = minorUnitDigits(currency);
  return digits === 0 ? '12500' : `12500.${'5'.padEnd(digits, '0')}`;
}

/** "12,500.50", "$99.99", " 7 " → minor units of `currency`; blank is `blank` (0 unless given). */
export function parseMajorAmount(text: string, currency: string, { blank = 0n }: { blank?: bigint | null } = {}): ParsedAmount {
  const cleaned = text
    .replace(/[\s,\u00a0]/g, '')
    .replace(/^[$€£¥]/, '')
    .replace(/^[A-Za-z]{3}/, '');
  if (cleaned === '') return { ok: true, value: blank };
  if (cleaned.startsWith('-')) return { ok: false, message: 'The amount must not be negative', problem: 'negative' };
  if (!AMOUNT.test(cleaned)) return { ok: false, message: `Enter an amount such as ${exampleAmount(currency)}`, problem: 'not_a_number' };
  // the exact conversion is the one every API dialect uses; only the wording is for people here
  const result = majorToMinorUnits(cleaned, currency);
  if (result.ok) return { ok: true, value: result.value };
  const digits = minorUnitDigits(currency);
  if (result.problem.kind === 'too_many_decimals') {
    return {
      ok: false,
      message: digits === 0 ? `${currency.toUpperCase()} amounts have no decimals` : `${currency.toUpperCase()} amounts have at most ${digits} decimals`,
      problem: 'too_many_decimals',
    };
  }
  if (result.problem.kind === 'too_large')
    return { ok: false, message: `The amount must be at most ${toMajorString(MAX_MINOR_UNITS, currency)}`, problem: 'too_large' };
  return { ok: false, message: `Enter an amount such as ${exampleAmount(currency)}`, problem: result.problem.kind };
}

/** 1250050n USD → "12500.50": what an input shows for an amount (no grouping, no symbol). */
export function toMajorString(minor: bigint | string | number, currency: string): string {
  return minorToMajorUnits(BigInt(minor), currency);
}

/** A decimal typed by a person ("1.5", "7,5" is refused) within bounds, with at most `places` decimals. */
export function parseDecimal(
  text: string,
  { label, min, max, places, exclusiveMin = false }: { label: string; min: number; max: number; places: number; exclusiveMin?: boolean },
): Parsed<string> {
  const cleaned = text.trim().replace(/%$/, '').trim();
  if (cleaned === '') return { ok: false, message: `Enter ${label}` };
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(cleaned)) return { ok: false, message: `${capitalise(label)} must be a number such as 1.5` };
  const value = new Decimal(cleaned);
  if (value.decimalPlaces() > places) return { ok: false, message: `${capitalise(label)} has at most ${places} decimals` };
  if (exclusiveMin ? value.lte(min) : value.lt(min))
    return { ok: false, message: `${capitalise(label)} must be ${exclusiveMin ? 'more than' : 'at least'} ${min}` };
  if (value.gt(max)) return { ok: false, message: `${capitalise(label)} must be at most ${max}` };
  return { ok: true, value: value.toFixed() };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stored decimal ("7.5000") as a person writes it ("7.5"). */
export function plainDecimal(value: string): string {
  return new Decimal(value).toFixed();
}
