import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { monthsSpanned } from '../services/reports/report-period';
import { MOVEMENT_DIRECTIONS } from '../services/reports/movement-directions';
import { SNAPSHOT_CHANGE_KINDS } from '../services/reports/snapshot-change-kinds';
import { publicIdSchema } from './common';
import { convertedMoneySchema, ratesUsedSchema, reportCurrencyField } from './converted-money';
import { knownCurrencySchema } from './exchange-rate';

// The reports under /api/v1/reports: query strings and response shapes (one zod source for the
// handlers and the OpenAPI document).

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * A report date: `2026-04-01` (a whole UTC day) or an RFC 3339 date-time with its offset. A plain
 * date at the start of a period means that day's first instant; at its end (`to`, `as_of`) the
 * day is included, i.e. the period runs to the next midnight.
 */
export function reportDateSchema(field: string, boundary: 'start' | 'end') {
  const message = `${field} must be a date (2026-04-01) or a date-time with offset (2026-04-01T09:30:00Z)`;
  return z
    .string({ error: message })
    .refine(
      (s) => {
        if (!DATE_ONLY.test(s) && !DATE_TIME.test(s)) return false;
        const time = Date.parse(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s);
        if (Number.isNaN(time)) return false;
        // reject impossible calendar dates such as 2026-02-30, which Date.parse rolls over
        if (new Date(time).toISOString().slice(0, 10) !== s.slice(0, 10) && DATE_ONLY.test(s)) return false;
        const year = new Date(time).getUTCFullYear();
        return year >= 1970 && year <= 2999;
        // abort: the period's own checks below compare dates, never the text that failed here
      },
      { message, abort: true },
    )
    .transform((s) => {
      if (!DATE_ONLY.test(s)) return new Date(s);
      const start = Date.parse(`${s}T00:00:00Z`);
      return new Date(boundary === 'start' ? start : start + DAY_MS);
    })
    .meta({
      description:
        boundary === 'start'
          ? 'Start of the period (inclusive): a date (that day’s first instant, UTC) or an RFC 3339 date-time'
          : 'End of the period: a date (that whole day included, UTC) or an RFC 3339 date-time (exclusive)',
      example: boundary === 'start' ? '2026-01-01' : '2026-03-31',
    });
}

const filterFields = {
  pipeline_id: publicIdSchema('pipeline').optional().meta({ description: 'The pipeline (default: the default pipeline)', example: 'pipe_k5R8sPqW2z' }),
  owner_id: publicIdSchema('user')
    .optional()
    .meta({ description: 'Only deals owned by this user now (ownership is not historised)', example: 'user_k5R8sPqW2z' }),
};

const periodFields = {
  from: reportDateSchema('from', 'start').optional(),
  to: reportDateSchema('to', 'end').optional(),
};

/** `to` after `from`, and the period at most `maxMonths` long. */
function checkPeriod(options: { maxMonths?: number }) {
  return (q: { from?: Date | undefined; to?: Date | undefined }, ctx: z.RefinementCtx) => {
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    } else if (options.maxMonths && q.from && q.to && monthsSpanned({ from: q.from, to: q.to }) > options.maxMonths) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The period may span at most ${options.maxMonths} months` });
    }
  };
}

function periodQuery(options: { maxMonths?: number } = {}) {
  return z.strictObject({ ...filterFields, ...periodFields }).superRefine(checkPeriod(options));
}

/** A period report with money: also `currency=`, the currency of its converted figures. */
function convertedPeriodQuery(options: { maxMonths?: number } = {}) {
  return z.strictObject({ ...filterFields, ...reportCurrencyField, ...periodFields }).superRefine(checkPeriod(options));
}

export const movementQuerySchema = convertedPeriodQuery();
export const funnelQuerySchema = periodQuery();
export const stageDurationsQuerySchema = periodQuery();
export const FORECAST_MAX_MONTHS = 36;
export const forecastQuerySchema = convertedPeriodQuery({ maxMonths: FORECAST_MAX_MONTHS });
export const LOST_REASONS_MAX_MONTHS = 120;
export const lostReasonsQuerySchema = z
  .strictObject({
    ...filterFields,
    ...periodFields,
    currency: knownCurrencySchema
      .optional()
      .meta({ description: 'The currency to convert values into (default: the home currency), through the home currency’s rates' }),
  })
  .superRefine(checkPeriod({ maxMonths: LOST_REASONS_MAX_MONTHS }));
export type ReportPeriodQuery = z.output<typeof movementQuerySchema>;

export const snapshotQuerySchema = z.strictObject({
  ...filterFields,
  ...reportCurrencyField,
  as_of: reportDateSchema('as_of', 'end')
    .optional()
    .meta({ description: 'The moment (default: now). A plain date means the end of that day (UTC).', example: '2026-03-31' }),
  limit: limitSchema.meta({ description: 'Deals listed per stage, highest value first (default 50, max 200); count and value cover all' }),
});
export type SnapshotQuery = z.output<typeof snapshotQuerySchema>;

export const snapshotChangesQuerySchema = z
  .strictObject({
    ...filterFields,
    from: reportDateSchema('from', 'end')
      .optional()
      .meta({ description: 'The earlier moment (default: 30 days before `to`); a plain date means the end of that day', example: '2026-03-01' }),
    to: reportDateSchema('to', 'end')
      .optional()
      .meta({ description: 'The later moment (default: now); a plain date means the end of that day', example: '2026-03-31' }),
    limit: limitSchema.meta({ description: 'Changed deals listed (default 50, max 200); the summary covers all' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
  });
export type SnapshotChangesQuery = z.output<typeof snapshotChangesQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Response shapes

export const moneyByCurrencySchema = z.record(z.string(), z.number().int()).meta({
  id: 'MoneyByCurrency',
  description:
    'Money in several currencies, never converted: ISO 4217 code → integer minor units. One key per currency present ' +
    '(an empty object when there is nothing); a report over deals in USD and EUR answers {"EUR": 120000, "USD": 5000000}.',
  example: { EUR: 1200000, USD: 5000000 },
});

const isoDateTime = z.string().meta({ example: '2026-03-31T00:00:00Z' });
const rate = z.number().nullable().meta({ description: 'Percent with one decimal; null when nothing entered', example: 42.5 });

export const reportStageSchema = z
  .object({
    stage_id: z.string().meta({ example: 'stg_k5R8sPqW2z' }),
    number: z.number().int(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int(),
    rotting_days: z.number().int().nullable(),
    outcome: z.enum(['won', 'lost']).nullable(),
    deleted: z.boolean().meta({ description: 'Deleted since; listed because the report mentions it' }),
  })
  .meta({ id: 'ReportStage' });

const reportHeader = {
  pipeline_id: z.string().meta({ example: 'pipe_k5R8sPqW2z' }),
  owner_id: z.string().nullable(),
  stages: z.array(reportStageSchema).meta({ description: 'The pipeline’s stages in board order' }),
};
const periodHeader = { from: isoDateTime, to: isoDateTime.meta({ description: 'Exclusive end of the period' }) };

export const movementReportSchema = z
  .object({
    ...reportHeader,
    ...periodHeader,
    transitions: z.array(
      z.object({
        from_stage_id: z.string().nullable().meta({ description: 'null: a new deal, or a deal from another pipeline (from_pipeline_id)' }),
        to_stage_id: z
          .string()
          .nullable()
          .meta({ description: 'null: left for another pipeline (to_pipeline_id), or won/lost by status without an outcome stage' }),
        from_pipeline_id: z.string().nullable(),
        to_pipeline_id: z.string().nullable(),
        direction: z.enum(MOVEMENT_DIRECTIONS),
        count: z.number().int().meta({ description: 'Moves; a deal making the same move twice counts twice' }),
        value: moneyByCurrencySchema,
        converted: convertedMoneySchema,
      }),
    ),
    totals: z.array(
      z.object({ direction: z.enum(MOVEMENT_DIRECTIONS), count: z.number().int(), value: moneyByCurrencySchema, converted: convertedMoneySchema }),
    ),
    rates_used: ratesUsedSchema,
  })
  .meta({ id: 'MovementReport' });

const funnelCounts = {
  entered: z.number().int(),
  reached_next: z.number().int().meta({ description: 'Later reached the next stage or any after it (or won)' }),
  won: z.number().int(),
  lost: z.number().int(),
  conversion_rate: rate.meta({ description: 'reached_next / entered, percent' }),
  win_rate: rate.meta({ description: 'won / entered, percent' }),
};
const funnelOverall = z.object({ entered: z.number().int(), won: z.number().int(), lost: z.number().int(), win_rate: rate });

export const funnelReportSchema = z
  .object({
    ...reportHeader,
    ...periodHeader,
    overall: funnelOverall.meta({ description: 'Deals that entered the pipeline in the period (created in it or moved in)' }),
    steps: z.array(
      z.object({
        stage_id: z.string(),
        ...funnelCounts,
        reached: z.array(z.object({ stage_id: z.string(), count: z.number().int(), rate })).meta({
          description: 'For each later stage: deals that reached it or a stage after it, and the rate from this stage',
        }),
      }),
    ),
    owners: z.array(
      z.object({
        owner_id: z.string().nullable(),
        name: z.string().nullable(),
        overall: funnelOverall,
        steps: z.array(z.object({ stage_id: z.string(), ...funnelCounts })),
      }),
    ),
  })
  .meta({ id: 'FunnelReport' });

const days = z.number().nullable().meta({ description: 'Days (86,400 s), two decimals; null without closed stays', example: 4.25 });

export const stageDurationsReportSchema = z
  .object({
    ...reportHeader,
    ...periodHeader,
    as_of: isoDateTime.meta({ description: 'The moment deals “now” are measured at' }),
    durations: z.array(
      z.object({
        stage_id: z.string(),
        deals: z.number().int().meta({ description: 'Deals with a stay in the stage that ended in the period' }),
        stays: z.number().int(),
        median_days: days,
        p75_days: days,
        mean_days: days,
        current_deals: z.number().int().meta({ description: 'Open deals in the stage now' }),
        over_p75: z.number().int(),
        rotting: z.number().int(),
        stuck: z.number().int().meta({ description: 'Open deals in the stage now for longer than p75_days or the stage’s rotting days' }),
      }),
    ),
    stuck_deals: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        name: z.string(),
        stage_id: z.string(),
        owner_id: z.string().nullable(),
        value: z.number().int(),
        currency: z.string(),
        status: z.enum(['open', 'stalled']),
        stage_entered_at: isoDateTime,
        days_in_stage: z.number(),
        over_p75: z.boolean(),
        rotting: z.boolean(),
      }),
    ),
    stuck_total: z.number().int(),
  })
  .meta({ id: 'StageDurationsReport' });

export const snapshotReportSchema = z
  .object({
    ...reportHeader,
    as_of: isoDateTime,
    count: z.number().int(),
    value: moneyByCurrencySchema,
    converted: convertedMoneySchema,
    stages: z.array(
      reportStageSchema.extend({
        count: z.number().int(),
        value: moneyByCurrencySchema,
        converted: convertedMoneySchema,
        deals: z.array(
          z.object({
            id: z.string(),
            number: z.number().int(),
            name: z.string(),
            value: z.number().int().meta({ description: 'The value recorded when the deal entered the stage' }),
            currency: z.string(),
            converted_value: z
              .number()
              .int()
              .nullable()
              .meta({ description: '`value` converted at the rates in force on the snapshot’s day; null without a rate that day' }),
            deleted: z.boolean().meta({ description: 'Deleted after as_of' }),
          }),
        ),
        has_more: z.boolean(),
      }),
    ),
    rates_used: ratesUsedSchema,
  })
  .meta({ id: 'PipelineSnapshot' });

export const snapshotChangesSchema = z
  .object({
    ...reportHeader,
    from: isoDateTime,
    to: isoDateTime,
    summary: z.array(z.object({ change: z.enum(SNAPSHOT_CHANGE_KINDS), count: z.number().int(), value: moneyByCurrencySchema })),
    slipped: z.object({ count: z.number().int(), value: moneyByCurrencySchema }),
    total: z.number().int(),
    deals: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        name: z.string(),
        change: z.enum(SNAPSHOT_CHANGE_KINDS).nullable(),
        slipped: z.boolean(),
        from_stage_id: z.string().nullable(),
        to_stage_id: z.string().nullable(),
        value_before: z.number().int().nullable(),
        value_after: z.number().int().nullable(),
        currency: z.string(),
        expected_close: isoDateTime.nullable(),
        owner_id: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SnapshotChanges' });

const forecastOpen = z.object({
  count: z.number().int(),
  value: moneyByCurrencySchema,
  weighted: moneyByCurrencySchema,
  converted: convertedMoneySchema.meta({ description: 'value, converted at today’s rates' }),
  converted_weighted: convertedMoneySchema.meta({ description: 'Each deal converted, then weighted; rounded half up per group' }),
});
const forecastWon = z.object({
  count: z.number().int(),
  value: moneyByCurrencySchema,
  converted: convertedMoneySchema.meta({ description: 'value, each deal converted at the rates of its close date' }),
});

export const forecastReportSchema = z
  .object({
    pipeline_id: reportHeader.pipeline_id,
    owner_id: reportHeader.owner_id,
    ...periodHeader,
    months: z.array(z.object({ month: z.string().meta({ example: '2026-04' }), open: forecastOpen, won: forecastWon })),
    totals: z.object({ open: forecastOpen, won: forecastWon }),
    no_expected_close: forecastOpen.meta({ description: 'Open deals without an expected close date' }),
    rates_used: ratesUsedSchema,
  })
  .meta({ id: 'ForecastReport' });

const lostFigure = {
  count: z.number().int().meta({ description: 'Deals lost' }),
  share: rate.meta({ description: 'count / all the deals lost in the period, percent with one decimal; null when none were lost' }),
  value: moneyByCurrencySchema,
  // each deal converted at the rate in force on the day it was lost
  converted: convertedMoneySchema,
  deleted: z.number().int().meta({ description: 'How many of the deals were deleted since (still counted)' }),
};

export const lostReasonsReportSchema = z
  .object({
    ...reportHeader,
    ...periodHeader,
    currency: z.string().meta({ description: 'The currency of the converted figures: the home currency, or the one asked for', example: 'USD' }),
    total: z.object(lostFigure),
    reasons: z
      .array(z.object({ reason: z.string().nullable().meta({ description: 'The loss reason as entered (trimmed); null: no reason given' }), ...lostFigure }))
      .meta({ description: 'Most deals first; the deals without a reason last' }),
    lost_from_stages: z
      .array(z.object({ stage_id: z.string(), name: z.string(), ...lostFigure }))
      .meta({ description: 'The stage each deal was in when it was lost, in board order' }),
    owners: z
      .array(z.object({ owner_id: z.string().nullable(), name: z.string().nullable(), ...lostFigure }))
      .meta({ description: 'By current owner, most deals first; ownerless deals last' }),
    months: z.array(
      z.object({
        month: z.string().meta({ example: '2026-04' }),
        ...lostFigure,
        reasons: z.array(z.object({ reason: z.string().nullable(), count: z.number().int() })).meta({ description: 'The month’s deals per reason' }),
      }),
    ),
    rates_used: ratesUsedSchema,
  })
  .meta({ id: 'LostReasonsReport' });
