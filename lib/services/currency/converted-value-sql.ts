import 'server-only';
import type { ConversionStep } from '../../currency/conversion-steps';
import { type RawBuilder, sql } from '../../database/typed-sql';

// Converting each deal's value inside a statement, with the same steps and rounding as the browser
// (lib/currency): ROUND on numeric rounds half away from zero, as decimal.js's ROUND_HALF_UP does.

/**
 * The converted value of one row, in minor units of the steps' target currency: `value` times the
 * factor of the step of `currency` in force on `day` (a date expression), rounded to a whole minor
 * unit; NULL when no step applies (no rate on that day), so callers count it apart.
 */
export function convertedValueSql(
  steps: readonly ConversionStep[],
  value: RawBuilder<unknown>,
  currency: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
): RawBuilder<unknown> {
  if (steps.length === 0) return sql`NULL::numeric`;
  const rows = sql.join(steps.map((step) => sql`(${step.currency}::text, ${step.validFrom}::date, ${step.factor}::numeric)`));
  return sql`(SELECT ROUND(${value} * conversion.factor) FROM (VALUES ${rows}) AS conversion(currency, valid_from, factor)
    WHERE conversion.currency = TRIM(${currency}) AND conversion.valid_from <= (${day})::date
    ORDER BY conversion.valid_from DESC LIMIT 1)`;
}
