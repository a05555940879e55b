import type { RateInForce } from '../../currency/exchange-rate-table';
import type { ConvertedMoney } from '../../reports/converted-money';
import { minorUnits } from '../format';

// Converted report figures → JSON (lib/schemas/converted-money.ts).

export function serializeConvertedMoney(money: ConvertedMoney) {
  return {
    currency: money.currency,
    value: minorUnits(money.value),
    unconverted: money.unconverted.map((u) => ({ currency: u.currency, count: u.count, value: minorUnits(u.value), reason: u.reason })),
  };
}

export function serializeRatesUsed(rates: readonly RateInForce[]) {
  return rates.map((r) => ({ currency: r.currency, rate: r.rate, valid_from: r.validFrom }));
}
