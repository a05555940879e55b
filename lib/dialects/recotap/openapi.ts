import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import {
  recotapDealItem,
  recotapDealsResult,
  recotapDealStagesBody,
  recotapDealStagesResult,
  recotapEnvelope,
  recotapErrorSchema,
  RECOTAP_MAX_DEALS,
} from './schemas';

// The Recotap-style sync dialect, served under /api/recotap/v1.
// why the server is /api/recotap and the paths start with /v1: the document's paths are one map,
// and Recotap's POST /deals would otherwise take the native API's '/deals' key.

const servers = [{ url: '/api/recotap' }];
const tags = ['Recotap sync (compatibility)'];

const ERRORS = {
  400: 'The body is not the documented shape (data names each bad property)',
  401: 'X-Api-Key header missing, or an unknown or revoked key',
  403: 'Your role may not do this (pipelines and stages: managers and admins)',
  409: 'A pipelineId already exists (customMessage names every one)',
  413: 'Body over 1 MB',
  429: 'Rate limit exceeded; see Retry-After',
} as const;

function errors(...statuses: (keyof typeof ERRORS)[]): ZodOpenApiResponsesObject {
  const all = [...new Set([...statuses, 401, 413, 429] as const)].sort();
  return Object.fromEntries(all.map((s) => [String(s), { description: ERRORS[s], content: { 'application/json': { schema: recotapErrorSchema } } }]));
}

const dealsBody = z
  .object({ deals: z.array(recotapDealItem).min(1).max(RECOTAP_MAX_DEALS) })
  .meta({ description: `1–${RECOTAP_MAX_DEALS} deals; each is validated and applied on its own` });

export const recotapPaths: ZodOpenApiPathsObject = {
  '/v1/deal-stages': {
    servers,
    post: {
      operationId: 'recotapPushDealStages',
      tags,
      summary: 'Push pipelines and stages (create-only)',
      description:
        'Creates 1–20 pipelines with their stages in one transaction; the given pipelineId/stageId become their external IDs. ' +
        'If any pipelineId already exists the whole request is rejected with 409 (`Pipeline(s) already exist: a, b`) and nothing is created. ' +
        'Managers and admins only. Authenticate with `X-Api-Key`.',
      requestBody: { required: true, content: { 'application/json': { schema: recotapDealStagesBody } } },
      responses: {
        '201': { description: 'Every pipeline was created', content: { 'application/json': { schema: recotapEnvelope(recotapDealStagesResult) } } },
        ...errors(400, 403, 409),
      },
    },
  },
  '/v1/deals': {
    servers,
    post: {
      operationId: 'recotapUpsertDeals',
      tags,
      summary: 'Upsert deals by externalDealId',
      description:
        'Creates a deal when its externalDealId is new and updates it otherwise; HTTP 200 whatever each deal’s outcome. ' +
        'amount is in major units of dealCurrencyCode (stored exactly). pipelineId/stageId are external IDs; an unknown one is created from ' +
        'pipelineLabel/stageLabel (managers and admins), else that deal fails. The owner is the user with ownerEmail; otherwise the deal is ' +
        'unassigned and keeps the owner fields. associatedAccounts link companies by external ID, then domain, creating one when a name is given. ' +
        'A stage change writes a history row marked as an import. Each deal is applied in one transaction of its own: a deal that fails ' +
        'writes nothing, not even the pipeline, stage or company its labels and accounts would have created, and never blocks the others.',
      requestBody: { required: true, content: { 'application/json': { schema: dealsBody } } },
      responses: {
        '200': { description: 'One result per deal, in request order', content: { 'application/json': { schema: recotapEnvelope(recotapDealsResult) } } },
        ...errors(400),
      },
    },
  },
};
