import { type Conversion, conversionOn } from './convert-money';
import { type ExchangeRateTable, rateChangeDays } from './exchange-rate-table';

// A dated conversion as a step function: from each day on which a rate of the source or the target
// currency changes, one factor. The database converts with these steps (a row per step), so a report
// can convert every deal at the rate in force on its own date in one statement.

export interface ConversionStep {
  currency: string;
  /** YYYY-MM-DD: the factor holds from this day until the currency's next step */
  validFrom: string;
  factor: string;
}

/** The earliest day a step can start: the target currency itself converts at 1 on every day. */
export const FIRST_DAY = '0001-01-01';

/** Steps converting each of `currencies` into `to`: none for days a rate is missing. */
export function conversionSteps(table: ExchangeRateTable, currencies: readonly string[], to: string): ConversionStep[] {
  const target = to.trim().toUpperCase();
  const steps: ConversionStep[] = [];
  for (const raw of new Set(currencies.map((c) => c.trim().toUpperCase()))) {
    if (raw === target) {
      steps.push({ currency: raw, validFrom: FIRST_DAY, factor: '1' });
      continue;
    }
    let previous: string | null = null;
    for (const day of [FIRST_DAY, ...rateChangeDays(table, [raw, target])]) {
      const conversion: Conversion = conversionOn(table, raw, target, day);
      const factor = conversion.ok ? conversion.factor : null;
      // a missing rate from some day on (never, as rates only start) would need a NULL step; skip repeats
      if (factor !== null && factor !== previous) steps.push({ currency: raw, validFrom: day, factor });
      previous = factor;
    }
  }
  return steps;
}
