import Decimal from 'decimal.js';
import { z } from 'zod';

// Exchange rates and the home currency: one zod source for the API, the settings forms and the
// OpenAPI document.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;
/** A stored rate keeps 12 decimals and 18 integer digits (DECIMAL(30,12)). */
export const RATE_DECIMALS = 12;
const MAX_RATE = new Decimal('1e18');

let knownCurrencies: Set<string> | null = null;

/** Whether `code` is an ISO 4217 currency this runtime knows (Intl's list). */
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** An ISO 4217 code the runtime knows, upper-cased. */
export const knownCurrencySchema = z
  .string({ error: 'Must be an ISO 4217 currency code such as EUR' })
  .trim()
  .transform((c) => c.toUpperCase())
  .refine((c) => /^[A-Z]{3}$/.test(c) && isKnownCurrency(c), { message: 'Must be an ISO 4217 currency code such as EUR' })
  .meta({ description: 'ISO 4217 currency code', example: 'EUR' });

/** A calendar day, YYYY-MM-DD, in the years 1970–2999. */
export function daySchema(field: string) {
  const message = `${field} must be a date such as 2026-01-01`;
  return z
    .string({ error: message })
    .trim()
    .refine(
      (s) => {
        if (!DATE_ONLY.test(s)) return false;
        const time = Date.parse(`${s}T00:00:00Z`);
        if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== s) return false;
        const year = Number(s.slice(0, 4));
        return year >= 1970 && year <= 2999;
      },
      { message },
    )
    .meta({ description: 'A date (YYYY-MM-DD)', example: '2026-01-01' });
}

/** A rate as a decimal string or a JSON number: positive, at most 12 decimals; answered as a normalised string. */
export const rateSchema = z
  .union([z.string(), z.number()], { error: 'rate must be a positive decimal number such as "1.0825"' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    const message = 'rate must be a positive decimal number such as "1.0825"';
    if (!DECIMAL_TEXT.test(text)) {
      // a JSON number may print with an exponent (1e-7): read it through Decimal before judging it
      const asDecimal = typeof value === 'number' && Number.isFinite(value) ? new Decimal(value) : null;
      if (!asDecimal || asDecimal.lte(0)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return checkRate(asDecimal, ctx);
    }
    return checkRate(new Decimal(text), ctx);
  })
  .meta({ description: 'Units of the home currency for one unit of `currency` (a decimal string or number)', example: '1.0825' });

function checkRate(rate: Decimal, ctx: z.RefinementCtx): string {
  if (rate.lte(0)) {
    ctx.addIssue({ code: 'custom', message: 'rate must be greater than 0' });
    return z.NEVER;
  }
  if (rate.decimalPlaces() > RATE_DECIMALS) {
    ctx.addIssue({ code: 'custom', message: `rate may have at most ${RATE_DECIMALS} decimals` });
    return z.NEVER;
  }
  if (rate.gte(MAX_RATE)) {
    ctx.addIssue({ code: 'custom', message: 'rate must be below 10^18' });
    return z.NEVER;
  }
  return rate.toFixed();
}

export const exchangeRateInputSchema = z
  .strictObject({
    currency: knownCurrencySchema,
    rate: rateSchema,
    valid_from: daySchema('valid_from').meta({ description: 'The first day the rate is in force', example: '2026-01-01' }),
  })
  .meta({ id: 'ExchangeRateInput' });

export const putExchangeRatesBody = z
  .strictObject({
    rates: z
      .array(exchangeRateInputSchema, { error: 'rates must be a list of {currency, rate, valid_from}' })
      .min(1, 'rates must hold at least one rate')
      .max(1000, 'At most 1000 rates at a time'),
  })
  .meta({ id: 'PutExchangeRatesBody' });

export type ExchangeRateInput = z.output<typeof exchangeRateInputSchema>;

export const listExchangeRatesQuery = z.strictObject({
  currency: knownCurrencySchema.optional().meta({ description: 'Only this currency’s rates' }),
  on: daySchema('on').optional().meta({ description: 'Only the rate in force on this day, per currency' }),
});

export const exchangeRateSchema = z
  .object({
    currency: z.string().meta({ example: 'EUR' }),
    base: z.string().meta({ description: 'The home currency the rate converts into', example: 'USD' }),
    rate: z.string().meta({ description: 'Units of `base` for one unit of `currency`', example: '1.0825' }),
    valid_from: z.string().meta({ example: '2026-01-01' }),
  })
  .meta({ id: 'ExchangeRate' });

export const homeCurrencyInput = z.strictObject({ currency: knownCurrencySchema });
