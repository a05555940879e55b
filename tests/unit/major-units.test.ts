import { describe, expect, it } from 'vitest';
import { MAX_MINOR_UNITS } from '@/lib/money/limits';
import { majorToMinorUnits, majorUnitsMessage, minorToMajorUnits } from '@/lib/money/major-units';

// The one exact conversion between the major units compatibility dialects speak and the minor
// units a deal stores (Recotap, HubSpot and Concord all go through it).

const minor = (amount: number | string, currency = 'USD') => {
  const result = majorToMinorUnits(amount, currency);
  return result.ok ? result.value : result.problem.kind;
};

describe('majorToMinorUnits', () => {
  it('converts numbers and decimal text exactly, never through floats', () => {
    expect(minor(75000)).toBe(7_500_000n);
    expect(minor('60000.50')).toBe(6_000_050n);
    expect(minor(0.29)).toBe(29n); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(minor(75000.1)).toBe(7_500_010n);
    expect(minor(' 6e4 ')).toBe(6_000_000n);
    expect(minor('-0')).toBe(0n);
    expect(minor(1500, 'JPY')).toBe(1500n);
    expect(minor('0.001', 'KWD')).toBe(1n);
    expect(minor('1.500', 'USD')).toBe(150n); // trailing zeros are no extra decimal places
  });

  it('refuses what no deal can hold, naming why', () => {
    expect(minor('abc')).toBe('not_a_number');
    expect(minor('')).toBe('not_a_number');
    expect(minor('1,000')).toBe('not_a_number');
    expect(minor(-1)).toBe('negative');
    expect(minor('10.005')).toBe('too_many_decimals');
    expect(minor('1.5', 'JPY')).toBe('too_many_decimals');
    // more significant digits than a default decimal.js context keeps: refused, never rounded to 10.00
    expect(minor('10.0000000000000000001')).toBe('too_many_decimals');
    expect(minor('10000000000000.00')).toBe(MAX_MINOR_UNITS);
    expect(minor('10000000000000.01')).toBe('too_large');
    expect(minor('1e21')).toBe('too_large');
  });

  it('words a refusal plainly, with the amount as sent', () => {
    const refused = majorToMinorUnits(' 10.005 ', 'USD');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(majorUnitsMessage(refused, 'amount', 'USD')).toBe('amount 10.005 has more decimal places than USD allows (2)');
    const negative = majorToMinorUnits(-5, 'USD');
    if (negative.ok) throw new Error('expected a refusal');
    expect(majorUnitsMessage(negative, 'amount', 'USD')).toBe('amount must not be negative');
    const large = majorToMinorUnits('1e21', 'USD');
    if (large.ok) throw new Error('expected a refusal');
    expect(large.problem).toEqual({ kind: 'too_large', max: '10000000000000.00' });
    expect(majorUnitsMessage(large, 'amount', 'USD')).toBe('amount 1e21 is too large');
  });
});

describe('minorToMajorUnits', () => {
  it('shows every minor digit, or trims trailing zeros when asked', () => {
    expect(minorToMajorUnits(150050n, 'USD')).toBe('1500.50');
    expect(minorToMajorUnits(150050n, 'USD', { trimZeros: true })).toBe('1500.5');
    expect(minorToMajorUnits(6_000_000n, 'USD', { trimZeros: true })).toBe('60000');
    expect(minorToMajorUnits(5n, 'USD')).toBe('0.05');
    expect(minorToMajorUnits(1500n, 'JPY')).toBe('1500');
    expect(minorToMajorUnits(1n, 'KWD')).toBe('0.001');
    expect(minorToMajorUnits(-150n, 'USD')).toBe('-1.50');
    expect(minorToMajorUnits(MAX_MINOR_UNITS * 10n ** 10n, 'USD')).toBe('100000000000000000000000.00');
  });
});
