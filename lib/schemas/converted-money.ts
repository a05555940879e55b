import { z } from 'zod';
import { knownCurrencySchema } from './exchange-rate';

// Converted money in report answers (lib/reports/converted-money.ts): one zod source for the
// handlers and the OpenAPI document, shared by every report that converts.

/** `currency=` of a report: the currency its converted figures are in (default: the home currency). */
export const reportCurrencyField = {
  currency: knownCurrencySchema.optional().meta({
    description: 'ISO 4217 code of the converted figures (default: the home currency). An unknown code is a 400.',
    example: 'EUR',
  }),
};

export const convertedMoneySchema = z
  .object({
    currency: z.string().meta({ description: 'The currency of `value`', example: 'USD' }),
    value: z.number().int().meta({
      description: 'Integer minor units: the sum of each deal’s value converted at the rates in force on that deal’s day (rounded half up per deal)',
      example: 1234500,
    }),
    unconverted: z
      .array(
        z.object({
          currency: z.string().meta({ example: 'CHF' }),
          count: z.number().int().meta({ description: 'Deals (or moves) not converted' }),
          value: z.number().int().meta({ description: 'Their value, integer minor units of `currency` (not in `value`)' }),
          reason: z.string().meta({ example: 'no CHF rate before 2026-01-01' }),
        }),
      )
      .meta({ description: 'Money that had no rate on its day: shown apart, never counted as 0' }),
  })
  .meta({ id: 'ConvertedMoney', description: 'The figure beside a MoneyByCurrency, converted into one currency deal by deal.' });

export const ratesUsedSchema = z
  .array(
    z.object({
      currency: z.string().meta({ example: 'EUR' }),
      rate: z.string().meta({ description: 'Units of the home currency for one unit of `currency` (exact decimal)', example: '1.0825' }),
      valid_from: z.string().meta({ description: 'The first day the rate is in force', example: '2026-01-01' }),
    }),
  )
  .meta({
    id: 'RatesUsed',
    description: 'The stored exchange rates the converted figures used: every rate in force during the period for the currencies in the report',
  });
