import { describe, expect, it } from 'vitest';
import {
  adjustConvertedTotal,
  type BoardConversion,
  convertedDealValue,
  describeUnconverted,
  sumConvertedTotals,
  unconvertedTotals,
  weightedValue,
} from '../../lib/board/converted-totals';
import { createExchangeRateTable } from '../../lib/currency/exchange-rate-table';

// The board's converted figures as the browser keeps them: per deal, rounded once, then summed.

const conversion: BoardConversion = {
  currency: 'USD',
  day: '2026-06-01',
  table: createExchangeRateTable('USD', [
    { currency: 'EUR', rate: '1.0825', validFrom: '2026-01-01' },
    { currency: 'GBP', rate: '1.27', validFrom: '2026-07-01' },
  ]),
};

describe('converted board totals', () => {
  it('convert a deal at the rate in force that day, rounding half up once', () => {
    expect(convertedDealValue(conversion, '6', 'EUR')).toBe(6n); // 6.495
    expect(convertedDealValue(conversion, '1000101', 'EUR')).toBe(1082609n);
    expect(convertedDealValue(conversion, '500', 'USD')).toBe(500n);
    // the GBP rate starts after the day
    expect(convertedDealValue(conversion, '100', 'GBP')).toBeNull();
  });

  it('weigh half up, away from zero', () => {
    expect(weightedValue('15', 10)).toBe('2'); // 1.5
    expect(weightedValue('14', 10)).toBe('1'); // 1.4
    expect(weightedValue('-15', 10)).toBe('-2');
  });

  it('follow a card in and out of a column, the sum of per-deal conversions', () => {
    let total = { count: 0, total: '0', weighted: '0' };
    for (let i = 0; i < 3; i += 1) total = adjustConvertedTotal(total, conversion, 60, { value: '6', currency: 'EUR' }, 1);
    expect(total).toEqual({ count: 3, total: '18', weighted: '11' });
    // a deal without a rate leaves the figure alone
    expect(adjustConvertedTotal(total, conversion, 60, { value: '100', currency: 'CHF' }, 1)).toBe(total);
    total = adjustConvertedTotal(total, conversion, 60, { value: '6', currency: 'EUR' }, -1);
    expect(total).toEqual({ count: 2, total: '12', weighted: '7' });
    expect(sumConvertedTotals([total, { count: 1, total: '100', weighted: '50' }])).toEqual({ count: 3, total: '112', weighted: '57' });
  });

  it('name the deals they leave out, per currency, in that currency', () => {
    const apart = unconvertedTotals(conversion, [
      { currency: 'USD', count: 2, total: '100' },
      { currency: 'CHF', count: 1, total: '700' },
      { currency: 'GBP', count: 2, total: '50' },
      { currency: 'CHF', count: 2, total: '300' },
    ]);
    expect(apart).toEqual([
      { currency: 'CHF', count: 3, total: '1000', reason: 'no CHF rate' },
      { currency: 'GBP', count: 2, total: '50', reason: 'no GBP rate before 2026-07-01' },
    ]);
    expect(describeUnconverted(apart[0]!)).toBe('3 deals in CHF: no CHF rate');
  });
});
