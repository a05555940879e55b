import { describe, expect, it } from 'vitest';
import { conversionSteps } from '@/lib/currency/conversion-steps';
import { conversionOn, convertMinorUnits, describeMissingRate } from '@/lib/currency/convert-money';
import { createExchangeRateTable, rateInForce } from '@/lib/currency/exchange-rate-table';

// Worked examples a manager can check by hand: home USD, EUR at 1.0825 from 2026-01-01 and 1.10 from
// 2026-03-01, GBP at 1.27 from 2026-02-01, JPY (no decimals) at 0.0067 from 2026-01-01.
const table = createExchangeRateTable('USD', [
  { currency: 'EUR', rate: '1.10', validFrom: '2026-03-01' },
  { currency: 'EUR', rate: '1.0825', validFrom: '2026-01-01' },
  { currency: 'GBP', rate: '1.27', validFrom: '2026-02-01' },
  { currency: 'JPY', rate: '0.0067', validFrom: '2026-01-01' },
]);

function convert(value: bigint, from: string, to: string, day: string): bigint | string {
  const conversion = conversionOn(table, from, to, day);
  return conversion.ok ? convertMinorUnits(value, conversion.factor) : describeMissingRate(conversion.missing);
}

describe('rates in force', () => {
  it('uses the latest rate on or before the day, and 1 for the home currency', () => {
    expect(rateInForce(table, 'EUR', '2026-02-28')?.rate).toBe('1.0825');
    expect(rateInForce(table, 'EUR', '2026-03-01')?.rate).toBe('1.10');
    expect(rateInForce(table, 'eur', '2027-01-01')?.validFrom).toBe('2026-03-01');
    expect(rateInForce(table, 'USD', '1999-01-01')?.rate).toBe('1');
    expect(rateInForce(table, 'EUR', '2025-12-31')).toBeNull();
  });
});

describe('converting minor units', () => {
  it('multiplies by the rate in force and rounds half up to the target minor unit', () => {
    // €1,000.00 on 2026-02-15 at 1.0825 = $1,082.50
    expect(convert(100_000n, 'EUR', 'USD', '2026-02-15')).toBe(108_250n);
    // the same amount after the rate changed: $1,100.00
    expect(convert(100_000n, 'EUR', 'USD', '2026-03-01')).toBe(110_000n);
    // €0.02 × 1.0825 = 2.165 cents → 2 cents; €0.06 × 1.0825 = 6.495 → 6; €2.00 × 1.0825 = 216.5 → 217 (half up)
    expect(convert(2n, 'EUR', 'USD', '2026-02-15')).toBe(2n);
    expect(convert(200n, 'EUR', 'USD', '2026-02-15')).toBe(217n);
  });

  it('scales between currencies with different minor units', () => {
    // ¥150,000 (no decimals) × 0.0067 = $1,005.00
    expect(convert(150_000n, 'JPY', 'USD', '2026-06-01')).toBe(100_500n);
    // $1,005.00 into JPY: 1005 / 0.0067 = ¥150,000
    expect(convert(100_500n, 'USD', 'JPY', '2026-06-01')).toBe(150_000n);
  });

  it('converts between two foreign currencies through the home currency', () => {
    // £100.00 × 1.27 / 1.10 = €115.4545… → €115.45
    expect(convert(10_000n, 'GBP', 'EUR', '2026-03-15')).toBe(11_545n);
  });

  it('names the missing rate instead of counting it as zero', () => {
    expect(convert(100n, 'EUR', 'USD', '2025-12-31')).toBe('no EUR rate before 2026-01-01');
    expect(convert(100n, 'GBP', 'USD', '2026-01-15')).toBe('no GBP rate before 2026-02-01');
    expect(convert(100n, 'CHF', 'USD', '2026-06-01')).toBe('no CHF rate');
    // the target's own missing rate is the one named
    expect(convert(100n, 'EUR', 'GBP', '2026-01-15')).toBe('no GBP rate before 2026-02-01');
  });

  it('leaves amounts in the target currency as they are', () => {
    expect(convert(123_456_789n, 'USD', 'USD', '1999-01-01')).toBe(123_456_789n);
  });
});

describe('conversion steps', () => {
  it('has a step from each day a rate of the source or the target changes', () => {
    expect(conversionSteps(table, ['EUR', 'USD'], 'USD')).toEqual([
      { currency: 'EUR', validFrom: '2026-01-01', factor: '1.0825' },
      { currency: 'EUR', validFrom: '2026-03-01', factor: '1.1' },
      { currency: 'USD', validFrom: '0001-01-01', factor: '1' },
    ]);
    // into GBP, a EUR step starts only once GBP has a rate, and again when EUR's changes
    const eurToGbp = conversionSteps(table, ['EUR'], 'GBP');
    expect(eurToGbp.map((s) => s.validFrom)).toEqual(['2026-02-01', '2026-03-01']);
  });
});
