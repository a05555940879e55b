import { describe, expect, it } from 'vitest';
import { createExchangeRateTable } from '@/lib/currency/exchange-rate-table';
import { addConvertedMoney, convertedMoneyOf, missingRateReason, ratesInForceDuring } from '@/lib/reports/converted-money';

// Converted report figures: naming what has no rate, the rates a period used, and adding figures.
// Home USD; EUR 1.10 from 2026-01-01 and 1.20 from 2026-03-01; GBP 1.25 from 2026-02-01; no CHF.
const table = createExchangeRateTable('USD', [
  { currency: 'EUR', rate: '1.10', validFrom: '2026-01-01' },
  { currency: 'EUR', rate: '1.20', validFrom: '2026-03-01' },
  { currency: 'GBP', rate: '1.25', validFrom: '2026-02-01' },
]);

describe('missingRateReason', () => {
  it('names the currency without a rate, or the later of the two first rates', () => {
    expect(missingRateReason(table, 'CHF', 'USD')).toBe('no CHF rate');
    expect(missingRateReason(table, 'GBP', 'USD')).toBe('no GBP rate before 2026-02-01');
    // into EUR: GBP's rates start later than EUR's
    expect(missingRateReason(table, 'GBP', 'EUR')).toBe('no GBP rate before 2026-02-01');
    // into GBP: the target's rates start later than EUR's
    expect(missingRateReason(table, 'EUR', 'GBP')).toBe('no GBP rate before 2026-02-01');
    expect(missingRateReason(table, 'USD', 'CHF')).toBe('no CHF rate');
  });
});

describe('ratesInForceDuring', () => {
  it('lists the rate in force on the first day and every later one of the period', () => {
    expect(ratesInForceDuring(table, ['EUR', 'GBP', 'USD', 'CHF'], 'USD', '2026-01-15', '2026-03-31')).toEqual([
      { currency: 'EUR', rate: '1.10', validFrom: '2026-01-01' },
      { currency: 'EUR', rate: '1.20', validFrom: '2026-03-01' },
      { currency: 'GBP', rate: '1.25', validFrom: '2026-02-01' },
    ]);
    expect(ratesInForceDuring(table, ['EUR'], 'USD', '2026-02-10', '2026-02-10')).toEqual([{ currency: 'EUR', rate: '1.10', validFrom: '2026-01-01' }]);
  });

  it('adds the target’s rates when converting into another currency than the home one, and none for the target alone', () => {
    expect(ratesInForceDuring(table, ['USD'], 'EUR', '2026-03-05', '2026-03-05')).toEqual([{ currency: 'EUR', rate: '1.20', validFrom: '2026-03-01' }]);
    expect(ratesInForceDuring(table, ['EUR'], 'EUR', '2026-03-05', '2026-03-05')).toEqual([]);
    expect(ratesInForceDuring(table, [], 'EUR', '2026-03-05', '2026-03-05')).toEqual([]);
  });
});

describe('converted figures', () => {
  it('keep the money without a rate apart, named, and add up per currency', () => {
    const march = convertedMoneyOf(table, 'USD', '120000', [
      { currency: 'CHF', count: 1, value: '70000' },
      { currency: 'EUR', count: 0, value: null },
    ]);
    expect(march).toEqual({ currency: 'USD', value: 120_000n, unconverted: [{ currency: 'CHF', count: 1, value: 70_000n, reason: 'no CHF rate' }] });
    const nothing = convertedMoneyOf(table, 'USD', null, [{ currency: 'CHF', count: 2, value: '500' }]);
    expect(nothing.value).toBe(0n);
    expect(addConvertedMoney('USD', [march, nothing])).toEqual({
      currency: 'USD',
      value: 120_000n,
      unconverted: [{ currency: 'CHF', count: 3, value: 70_500n, reason: 'no CHF rate' }],
    });
  });
});
