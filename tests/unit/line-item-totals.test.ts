import { describe, expect, it } from 'vitest';
import { computeDealTotals, computeLineItem, LineItemInputError, type LineItemInput } from '@/lib/money/line-item-totals';

const line = (overrides: Partial<LineItemInput>): LineItemInput => ({
  unitPrice: 0n,
  quantity: '1',
  discountType: 'percent',
  discountValue: '0',
  taxRate: '0',
  ...overrides,
});

describe('computeLineItem', () => {
  it('computes a worked example checked by hand (exclusive tax)', () => {
    const first = computeLineItem(line({ unitPrice: 10000n, quantity: '3', discountType: 'percent', discountValue: '10', taxRate: '20' }), 'exclusive');
    expect(first).toEqual({ subtotal: 30000n, discount: 3000n, tax: 5400n, total: 32400n });
    // 4999 × 7.5 % = 374.925 → 375
    const second = computeLineItem(line({ unitPrice: 2599n, quantity: 2, discountType: 'fixed', discountValue: 199, taxRate: 7.5 }), 'exclusive');
    expect(second).toEqual({ subtotal: 5198n, discount: 199n, tax: 375n, total: 5374n });
    expect(computeDealTotals([first, second])).toEqual({ subtotal: 35198n, discount: 3199n, tax: 5775n, total: 37774n });
  });

  it('takes inclusive tax out of the amount: 1 × 11999 at 20 % → tax 2000, total 11999', () => {
    // 11999 − 11999 / 1.2 = 11999 − 9999.1666… = 1999.8333… → 2000
    expect(computeLineItem(line({ unitPrice: 11999n, taxRate: '20' }), 'inclusive')).toEqual({ subtotal: 11999n, discount: 0n, tax: 2000n, total: 11999n });
    // 10000 − 10000 / 1.075 = 10000 − 9302.3255… = 697.674… → 698
    expect(computeLineItem(line({ unitPrice: 10000n, taxRate: '7.5' }), 'inclusive')).toEqual({ subtotal: 10000n, discount: 0n, tax: 698n, total: 10000n });
    // 12000 − 12000 / 1.2 = 2000 exactly
    expect(computeLineItem(line({ unitPrice: 12000n, taxRate: 20 }), 'inclusive')).toEqual({ subtotal: 12000n, discount: 0n, tax: 2000n, total: 12000n });
  });

  it('applies the discount before inclusive tax', () => {
    // 2 × 5000 = 10000, 25 % off = 2500, taxable 7500; 7500 − 7500 / 1.1 = 681.818… → 682
    expect(computeLineItem(line({ unitPrice: 5000n, quantity: '2', discountValue: '25', taxRate: '10' }), 'inclusive')).toEqual({
      subtotal: 10000n,
      discount: 2500n,
      tax: 682n,
      total: 7500n,
    });
  });

  it('rounds half a minor unit up', () => {
    // 1005 × 50 % = 502.5 → 503
    expect(computeLineItem(line({ unitPrice: 1005n, discountValue: '50' }), 'no_tax')).toEqual({ subtotal: 1005n, discount: 503n, tax: 0n, total: 502n });
    // 1 × 10 at 5 % exclusive = 0.5 → 1
    expect(computeLineItem(line({ unitPrice: 10n, taxRate: '5' }), 'exclusive')).toEqual({ subtotal: 10n, discount: 0n, tax: 1n, total: 11n });
    // 1 × 10 at 4 % exclusive = 0.4 → 0
    expect(computeLineItem(line({ unitPrice: 10n, taxRate: '4' }), 'exclusive')).toEqual({ subtotal: 10n, discount: 0n, tax: 0n, total: 10n });
    // 1 × 3 at 50 % inclusive: 3 − 3 / 1.5 = 1 exactly
    expect(computeLineItem(line({ unitPrice: 3n, taxRate: '50' }), 'inclusive').tax).toBe(1n);
    // 1 × 3 at 100 % inclusive: 3 − 3 / 2 = 1.5 → 2
    expect(computeLineItem(line({ unitPrice: 3n, taxRate: '100' }), 'inclusive')).toEqual({ subtotal: 3n, discount: 0n, tax: 2n, total: 3n });
  });

  it('rounds fractional quantities to the minor unit: 1.5 × 999 = 1498.5 → 1499', () => {
    expect(computeLineItem(line({ unitPrice: 999n, quantity: '1.5' }), 'no_tax')).toEqual({ subtotal: 1499n, discount: 0n, tax: 0n, total: 1499n });
    // 0.3333 × 300 = 99.99 → 100; floats would see 0.1 + 0.2 style error here, decimals do not
    expect(computeLineItem(line({ unitPrice: 300n, quantity: 0.3333 }), 'no_tax').subtotal).toBe(100n);
    // 0.0001 × 4999 = 0.4999 → 0
    expect(computeLineItem(line({ unitPrice: 4999n, quantity: '0.0001' }), 'no_tax').subtotal).toBe(0n);
  });

  it('ignores the rate when the deal has no tax', () => {
    expect(computeLineItem(line({ unitPrice: 2500n, quantity: '4', discountValue: '10', taxRate: '19' }), 'no_tax')).toEqual({
      subtotal: 10000n,
      discount: 1000n,
      tax: 0n,
      total: 9000n,
    });
  });

  it('subtracts a fixed discount in minor units, up to the whole subtotal', () => {
    expect(computeLineItem(line({ unitPrice: 1000n, quantity: '3', discountType: 'fixed', discountValue: '250', taxRate: '10' }), 'exclusive')).toEqual({
      subtotal: 3000n,
      discount: 250n,
      tax: 275n,
      total: 3025n,
    });
    expect(computeLineItem(line({ unitPrice: 1000n, discountType: 'fixed', discountValue: 1000n, taxRate: '10' }), 'exclusive')).toEqual({
      subtotal: 1000n,
      discount: 1000n,
      tax: 0n,
      total: 0n,
    });
    // a 100 % discount is free too
    expect(computeLineItem(line({ unitPrice: 777n, discountValue: 100 }), 'exclusive').total).toBe(0n);
  });

  it('keeps 10^12 major units (10^14 minor) exact', () => {
    const big = 100_000_000_000_000n;
    expect(computeLineItem(line({ unitPrice: big, taxRate: '7.5' }), 'exclusive')).toEqual({
      subtotal: big,
      discount: 0n,
      tax: 7_500_000_000_000n,
      total: 107_500_000_000_000n,
    });
    // one cent more than 10^14, times 3.3333, 12.5 % off, 19 % inclusive
    const odd = computeLineItem(line({ unitPrice: big + 1n, quantity: '3.3333', discountValue: '12.5', taxRate: '19' }), 'inclusive');
    // 100000000000001 × 3.3333 = 333330000000003.3333 → 333330000000003
    expect(odd.subtotal).toBe(333_330_000_000_003n);
    // × 12.5 % = 41666250000000.375 → 41666250000000
    expect(odd.discount).toBe(41_666_250_000_000n);
    // taxable 291663750000003; × 19 / 119 = 46568161764706.361… → 46568161764706
    expect(odd.tax).toBe(46_568_161_764_706n);
    expect(odd.total).toBe(291_663_750_000_003n);
    expect(computeDealTotals([odd, odd, odd]).total).toBe(874_991_250_000_009n);
  });

  it('accepts decimal objects and numbers as well as strings', () => {
    const decimalLike = { toString: () => '7.5' };
    expect(computeLineItem(line({ unitPrice: 2599, quantity: 2, discountType: 'fixed', discountValue: 199, taxRate: decimalLike }), 'exclusive').tax).toBe(
      375n,
    );
  });

  it('refuses impossible lines, naming the field', () => {
    const field = (input: Partial<LineItemInput>) => {
      try {
        computeLineItem(line(input), 'exclusive');
      } catch (error) {
        expect(error).toBeInstanceOf(LineItemInputError);
        return (error as LineItemInputError).field;
      }
      return null;
    };
    expect(field({ unitPrice: 100n, discountType: 'fixed', discountValue: '101' })).toBe('discountValue');
    expect(field({ unitPrice: 100n, discountType: 'fixed', discountValue: '1.5' })).toBe('discountValue');
    expect(field({ unitPrice: 100n, discountValue: '100.01' })).toBe('discountValue');
    expect(field({ unitPrice: 100n, discountValue: '-1' })).toBe('discountValue');
    expect(field({ unitPrice: 100n, quantity: '0' })).toBe('quantity');
    expect(field({ unitPrice: -1n })).toBe('unitPrice');
    expect(field({ unitPrice: '10.5' })).toBe('unitPrice');
    expect(field({ unitPrice: 100n, taxRate: '-5' })).toBe('taxRate');
    expect(field({ unitPrice: 100n, taxRate: 'abc' })).toBe('taxRate');
    expect(field({ unitPrice: 100n, quantity: Number.NaN })).toBe('quantity');
  });
});

describe('computeDealTotals', () => {
  it('sums the rounded lines, and is zero for no lines', () => {
    expect(computeDealTotals([])).toEqual({ subtotal: 0n, discount: 0n, tax: 0n, total: 0n });
    // three lines of 1 × 10 at 5 %: each tax 0.5 → 1, so the deal's tax is 3 (not round(1.5) = 2)
    const cent = computeLineItem(line({ unitPrice: 10n, taxRate: '5' }), 'exclusive');
    expect(computeDealTotals([cent, cent, cent])).toEqual({ subtotal: 30n, discount: 0n, tax: 3n, total: 33n });
  });
});
