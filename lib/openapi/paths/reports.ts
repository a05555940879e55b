import type { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  forecastQuerySchema,
  forecastReportSchema,
  funnelQuerySchema,
  lostReasonsQuerySchema,
  lostReasonsReportSchema,
  funnelReportSchema,
  movementQuerySchema,
  movementReportSchema,
  snapshotChangesQuerySchema,
  snapshotChangesSchema,
  snapshotQuerySchema,
  snapshotReportSchema,
  stageDurationsQuerySchema,
  stageDurationsReportSchema,
} from '../../schemas/report';
import { dataEnvelope, errorResponses } from '../common';

// Reports over the stage history: movement, funnel, time in stage, snapshots, forecast and lost deals.

const CONVERTED =
  'Beside each MoneyByCurrency `value`, `converted` (ConvertedMoney) gives the same money in one currency — `currency=` ' +
  '(default: the home currency; an unknown code is a 400): each deal (or move) converted at the rates in force on its own ' +
  'day, rounded half up to a minor unit, then summed, so a figure equals the sum of the deals behind it. Money whose currency ' +
  'had no rate on its day is not in `value` but listed in `unconverted` with the reason ("no EUR rate before 2026-01-01"). ' +
  '`rates_used` lists the stored rates the figures used. ';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

const COMMON =
  'Everyone may read reports. Numbers are computed in the database from the stage history (each row keeps the deal’s value ' +
  'and the stage’s probability at the moment of the move) and the deals. Deleted deals keep their history, so past periods ' +
  'never change when a deal is deleted. Money is a MoneyByCurrency object (currency → integer minor units; currencies are ' +
  'never converted; see `converted` where a report has it). Dates are UTC; a period is [from, to), and a plain date as `to` includes that whole day. Without dates ' +
  'a report covers the last 90 days (today included). `pipeline_id` defaults to the default pipeline; a pipeline or owner ' +
  'that does not exist is a 422 naming the parameter; a malformed date or ID, or `to` not after `from`, is a 400 naming the field. ' +
  '`owner_id` filters by the deals’ current owner (ownership is not historised).';

export const reportsPaths: ZodOpenApiPathsObject = {
  '/reports/movement': {
    get: {
      operationId: 'getMovementReport',
      tags: ['Reports'],
      summary: 'Stage movement (from × to)',
      description:
        'How many deals moved from each stage to each other stage of the pipeline in the period, and their value at the moment ' +
        'of the move: `direction` is new (created in the pipeline), forward / backward (by stage position), won / lost (into an ' +
        'outcome stage, or by status alone where the pipeline has no such stage: then `to_stage_id` is null), reopened (out of ' +
        'an outcome stage), transfer_in / transfer_out (from or to another pipeline, named by `from_pipeline_id` / ' +
        '`to_pipeline_id`). `count` counts moves. `totals` sums each direction. ' +
        CONVERTED +
        'Movement converts each move at the rates of its day (a close by status: the close date). ' +
        COMMON,
      requestParams: { query: movementQuerySchema },
      responses: { '200': { description: 'The movement report', ...json(dataEnvelope(movementReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/funnel': {
    get: {
      operationId: 'getFunnelReport',
      tags: ['Reports'],
      summary: 'Funnel and conversion',
      description:
        'Of the deals that entered each ordinary stage in the period (each deal once per stage), how many later — up to now — ' +
        'reached the next stage or any after it (`reached_next`, `conversion_rate`), each later stage (`reached`, cumulative), ' +
        'won and lost (`win_rate`). `overall` follows the deals that entered the pipeline in the period (created in it or moved ' +
        'in). `owners` repeats the numbers per current owner. Rates are percents with one decimal. ' +
        COMMON,
      requestParams: { query: funnelQuerySchema },
      responses: { '200': { description: 'The funnel report', ...json(dataEnvelope(funnelReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/stage-durations': {
    get: {
      operationId: 'getStageDurationsReport',
      tags: ['Reports'],
      summary: 'Time in stage',
      description:
        'Per ordinary stage: the median, 75th percentile and mean time deals spent in it, over the stays that ENDED in the ' +
        'period (a deal that leaves and comes back adds up its stays), in days with two decimals. Plus the open deals sitting ' +
        'in a stage now for longer than that stage’s 75th percentile or its rotting days: counts per stage, and the 100 longest ' +
        'in `stuck_deals`. ' +
        COMMON,
      requestParams: { query: stageDurationsQuerySchema },
      responses: { '200': { description: 'The time-in-stage report', ...json(dataEnvelope(stageDurationsReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/snapshot': {
    get: {
      operationId: 'getPipelineSnapshot',
      tags: ['Reports'],
      summary: 'The board as of a moment',
      description:
        'The pipeline as it stood at `as_of` (default now; a plain date means the end of that day, UTC): every deal in the stage ' +
        'its last history row at or before that moment put it in, with the value recorded on that row — not today’s. Deals ' +
        'created later are absent; deals deleted later are present (`deleted: true`). Per stage: `count`, `value` per currency, ' +
        'and the `limit` highest-value deals (`has_more` when there are more). Won and lost stages hold every deal that sat in ' +
        'them then. ' +
        CONVERTED +
        'The snapshot converts at the rates in force on its day (`converted_value` per listed deal). ' +
        'Pipeline, owner and date errors as in the other reports.',
      requestParams: { query: snapshotQuerySchema },
      responses: { '200': { description: 'The snapshot', ...json(dataEnvelope(snapshotReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/snapshot-changes': {
    get: {
      operationId: 'getSnapshotChanges',
      tags: ['Reports'],
      summary: 'What changed between two moments',
      description:
        'Compares the snapshots at `from` (default 30 days before `to`) and `to` (default now): deals that were won, lost, moved ' +
        'forward or back, reopened, created, moved in from or out to another pipeline, or deleted — and deals that SLIPPED: ' +
        'still open in an ordinary stage at `to` although their expected close falls in (from, to]. Expected close is not ' +
        'historised, so slipping uses TODAY’s expected close. Values are history snapshots (at `to`, or at `from` for deals ' +
        'that left). `summary` covers every deal; `deals` lists the first `limit`, won first, then by value.',
      requestParams: { query: snapshotChangesQuerySchema },
      responses: { '200': { description: 'The changes', ...json(dataEnvelope(snapshotChangesSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/forecast': {
    get: {
      operationId: 'getForecastReport',
      tags: ['Reports'],
      summary: 'Forecast by expected close month',
      description:
        'Open deals (status open, in an ordinary stage) by the UTC month of their expected close: count, raw value and value ' +
        'weighted by the current stage’s probability (rounded half up per month and currency), per currency — against the value ' +
        'of the deals won in the same months (closed_at; deleted deals included). Open deals without an expected close are in ' +
        '`no_expected_close`. Default period: the two previous months to three months ahead; at most 36 months. ' +
        CONVERTED +
        'The forecast converts open deals at today’s rates (UTC) and won deals at the rates of their close date; ' +
        '`converted_weighted` converts each deal, then weights it by its stage’s probability (rounded half up per group). ' +
        COMMON,
      requestParams: { query: forecastQuerySchema },
      responses: { '200': { description: 'The forecast', ...json(dataEnvelope(forecastReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
  '/reports/lost-reasons': {
    get: {
      operationId: 'getLostReasonsReport',
      tags: ['Reports'],
      summary: 'Lost deals by reason, stage lost from, owner and month',
      description:
        'The pipeline’s deals lost in the period (status lost, `closed_at` in [from, to)) — deleted deals included, a deal ' +
        'reopened since excluded — by loss reason (`reason` null: none given), by the stage each was lost from (the stage it ' +
        'stood in when it was lost: the from-stage of its move into the lost stage, or its stage when it was marked lost ' +
        'where it stood), by current owner and by month. Each figure: `count`, `share` (of all the deals lost in the period), ' +
        '`value` per currency (today’s deal values) and `converted`, as in the other reports, in `currency` (the home ' +
        'currency, or `currency=`): each deal converted at the rate in force on the day it was lost, rounded half up, then ' +
        'summed; deals without a rate that day are left out of its `value` and listed per currency in its `unconverted`, ' +
        'with the reason. `rates_used`: the stored rates those conversions used. At most 120 months. ' +
        COMMON,
      requestParams: { query: lostReasonsQuerySchema },
      responses: { '200': { description: 'The lost deals report', ...json(dataEnvelope(lostReasonsReportSchema)) }, ...errorResponses(400, 422) },
    },
  },
};
