import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { exchangeRateSchema, listExchangeRatesQuery, putExchangeRatesBody } from '../../schemas/exchange-rate';
import { pipelineSummaryQuery, pipelineSummarySchema } from '../../schemas/pipeline-summary';
import { updateWorkspaceSettingsBody, workspaceSettingsSchema } from '../../schemas/workspace-settings';
import { dataEnvelope, errorResponses, idPathParam } from '../common';

// The home currency, exchange rates, and a pipeline's figures converted into one currency
// (docs/decisions/022-home-currency.md).

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

const CONVERSION_RULE =
  'Each deal is converted at the rate in force today (UTC) and rounded half up to a minor unit of the answer’s currency, once per deal; ' +
  'a total is the sum of its deals’ converted values.';

export const currencyPaths: ZodOpenApiPathsObject = {
  '/exchange-rates': {
    get: {
      operationId: 'listExchangeRates',
      tags: ['Currencies'],
      summary: 'List exchange rates',
      description:
        'The rates into the home currency (`base`), by currency then date. `rate` units of `base` buy one unit of `currency`, ' +
        'from `valid_from` until the currency’s next rate. With `on`, only each currency’s rate in force that day. Everyone may read.',
      requestParams: { query: listExchangeRatesQuery },
      responses: { '200': { description: 'The rates', ...json(dataEnvelope(z.array(exchangeRateSchema))) }, ...errorResponses(400) },
    },
    put: {
      operationId: 'putExchangeRates',
      tags: ['Currencies'],
      summary: 'Save exchange rates',
      description:
        'Saves rates into the home currency; a rate for a currency and day that already has one replaces it. All or nothing: ' +
        'on any refusal nothing is saved. Rates are decimal strings or numbers, positive, with at most 12 decimals. Managers and admins only.',
      requestBody: json(putExchangeRatesBody),
      responses: { '200': { description: 'The saved rates', ...json(dataEnvelope(z.array(exchangeRateSchema))) }, ...errorResponses(400, 403, 422) },
    },
  },
  '/exchange-rates/{currency}/{valid_from}': {
    delete: {
      operationId: 'deleteExchangeRate',
      tags: ['Currencies'],
      summary: 'Delete an exchange rate',
      description: 'Removes one (mistyped) rate; the currency’s earlier rate is in force again. Managers and admins only.',
      requestParams: { path: z.object({ currency: z.string().meta({ example: 'EUR' }), valid_from: z.string().meta({ example: '2026-01-01' }) }) },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(400, 403, 404) },
    },
  },
  '/settings/workspace': {
    get: {
      operationId: 'getWorkspaceSettings',
      tags: ['Currencies'],
      summary: 'Get the workspace settings',
      description: 'The home currency: converted figures are in it, and new deals default to it. Everyone may read.',
      responses: { '200': { description: 'The settings', ...json(dataEnvelope(workspaceSettingsSchema)) }, ...errorResponses() },
    },
    put: {
      operationId: 'updateWorkspaceSettings',
      tags: ['Currencies'],
      summary: 'Change the home currency',
      description:
        'Figures then convert with the rates entered for the new home currency; rates entered for the old one are kept for when it ' +
        'is chosen again. Admins only.',
      requestBody: json(updateWorkspaceSettingsBody),
      responses: { '200': { description: 'The settings', ...json(dataEnvelope(workspaceSettingsSchema)) }, ...errorResponses(400, 403) },
    },
  },
  '/pipelines/{id}/summary': {
    get: {
      operationId: 'getPipelineSummary',
      tags: ['Pipelines'],
      summary: 'A pipeline’s figures in one currency',
      description:
        `The board’s header and column figures converted into \`currency\` (default: the home currency). ${CONVERSION_RULE} ` +
        'A stage’s weighted figure is its converted total × the stage’s probability / 100, rounded half up once; the pipeline’s figures ' +
        'are the sums of its stages’. Deals whose currency has no rate today are counted in `unconverted` (in their own currency, ' +
        'with the reason), never in a total. The board’s filters apply; by default open deals. Everyone may read.',
      requestParams: { path: idPathParam('pipe_k5R8sPqW2z'), query: pipelineSummaryQuery },
      responses: { '200': { description: 'The converted figures', ...json(dataEnvelope(pipelineSummarySchema)) }, ...errorResponses(400, 404) },
    },
  },
};
