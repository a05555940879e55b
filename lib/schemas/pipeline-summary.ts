import { z } from 'zod';
import { knownCurrencySchema } from './exchange-rate';

// GET /api/v1/pipelines/:id/summary: a pipeline's board figures converted into one currency.

export const pipelineSummaryQuery = z
  .object({
    currency: knownCurrencySchema.optional().meta({ description: 'The currency of the answer (default: the home currency)' }),
    owner: z.string().optional().meta({ description: 'Board filter: only deals of this owner (user_…)' }),
    q: z.string().optional().meta({ description: 'Board filter: text in the deal, company or contact name' }),
    status: z.string().optional().meta({ description: 'Board filter: open (default), stalled, won, lost, a comma list, or all' }),
    min: z.string().optional().meta({ description: 'Board filter: least value, in major units of each deal’s own currency' }),
    max: z.string().optional().meta({ description: 'Board filter: greatest value, in major units of each deal’s own currency' }),
    close_from: z.string().optional().meta({ description: 'Board filter: expected close on or after (YYYY-MM-DD)' }),
    close_to: z.string().optional().meta({ description: 'Board filter: expected close on or before (YYYY-MM-DD)' }),
  })
  .strict();

const minor = (description: string) => z.number().int().meta({ description });

export const pipelineSummarySchema = z
  .object({
    currency: z.string().meta({ description: 'The currency of every converted figure', example: 'USD' }),
    on: z.string().meta({ description: 'The day whose rates converted the deals (today, UTC)', example: '2026-12-07' }),
    count: z.number().int().meta({ description: 'Deals in `total` (converted)' }),
    total: minor('Σ of each deal’s value converted and rounded half up to a minor unit of `currency`'),
    weighted: minor('Σ of the stages’ weighted figures'),
    stages: z.array(
      z.object({
        stage_id: z.string().meta({ example: 'stg_k5R8sPqW2z' }),
        count: z.number().int().meta({ description: 'Deals in `total`' }),
        total: minor('Σ of the stage’s deals’ converted values'),
        weighted: minor('`total` × the stage’s probability / 100, rounded half up once'),
      }),
    ),
    unconverted: z
      .array(
        z.object({
          currency: z.string().meta({ example: 'CHF' }),
          count: z.number().int(),
          total: minor('Minor units of THIS currency, unconverted'),
          reason: z.string().meta({ example: 'no CHF rate before 2026-01-01' }),
        }),
      )
      .meta({ description: 'Deals whose currency has no rate that day: never in a total' }),
  })
  .meta({ id: 'PipelineSummary' });
