import { describe, expect, it } from 'vitest';
import { computeLineItem, convertDiscount } from '@/lib/money/line-item-totals';

// A line of 3 × 66.67 (20001 cents) unless said otherwise.
const line = { unitPrice: 6667, quantity: '3' };

describe('switching a discount between percent and amount', () => {
  it('turns a percent into the amount it takes off, rounded as the line is', () => {
    expect(convertDiscount({ ...line, discountType: 'percent', discountValue: '10' }, 'fixed')).toBe('2000');
    const shown = computeLineItem({ ...line, discountType: 'percent', discountValue: '10', taxRate: 0 }, 'no_tax');
    expect(shown.discount).toBe(2000n);
  });

  it('turns an amount into its percent of the subtotal, to four decimals', () => {
    expect(convertDiscount({ unitPrice: 20000, quantity: 1, discountType: 'fixed', discountValue: 2000n }, 'percent')).toBe('10');
    expect(convertDiscount({ ...line, discountType: 'fixed', discountValue: '2000' }, 'percent')).toBe('9.9995');
  });

  it('comes back to the same amount after a round trip', () => {
    const percent = convertDiscount({ ...line, discountType: 'fixed', discountValue: '1234' }, 'percent');
    expect(convertDiscount({ ...line, discountType: 'percent', discountValue: percent }, 'fixed')).toBe('1234');
  });

  it('keeps no discount on a line with nothing to discount', () => {
    expect(convertDiscount({ unitPrice: 0, quantity: 2, discountType: 'fixed', discountValue: 0n }, 'percent')).toBe('0');
    expect(convertDiscount({ unitPrice: 0, quantity: 2, discountType: 'percent', discountValue: '50' }, 'fixed')).toBe('0');
  });

  it('leaves a discount already of that kind as it is', () => {
    expect(convertDiscount({ ...line, discountType: 'percent', discountValue: '12.5' }, 'percent')).toBe('12.5');
  });
});
