import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money/format-money';

describe('formatMoney', () => {
  it('formats integer minor units exactly', () => {
    expect(formatMoney(120050n, 'USD')).toBe('$1,200.50');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(-99, 'EUR')).toBe('-€0.99');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });

  it('keeps values up to 10^12 major units exact', () => {
    expect(formatMoney(100_000_000_000_001n, 'USD')).toBe('$1,000,000,000,000.01');
    expect(formatMoney('99999999999999', 'GBP')).toBe('£999,999,999,999.99');
  });
});
