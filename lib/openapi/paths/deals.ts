import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  createDealBody,
  dealHistoryEntrySchema,
  dealResponseSchema,
  historyQuery,
  listDealsQuery,
  moveDealBody,
  updateDealBody,
  upsertDealsBody,
} from '../../schemas/deal';
import { errorResponses, idPathParam, listEnvelope } from '../common';

const dealPath = idPathParam('deal_k5R8sPqW2z');
const relationship = z.object({ type: z.string(), id: z.string(), name: z.string() });
const dealDocument = z.object({ data: dealResponseSchema, included: z.array(relationship) }).meta({ id: 'DealDocument' });
const etagHeader = { ETag: { description: "The deal's version; send it back in If-Match to update only that version", schema: { type: 'string' as const } } };
const ifMatch = z.object({ 'if-match': z.string().optional().meta({ description: 'Apply only if the deal is still at this ETag (else 412)' }) });
const idempotencyKey = z.object({
  'idempotency-key': z.string().optional().meta({ description: 'A retry with the same key and body returns the first answer' }),
});

const upsertOutcome = z
  .object({
    index: z.number().int(),
    external_id: z.string().nullable(),
    status: z.enum(['created', 'updated', 'failed']),
    deal: dealResponseSchema.optional(),
    error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })) }).optional(),
  })
  .meta({ id: 'UpsertOutcome' });

export const dealsPaths: ZodOpenApiPathsObject = {
  '/deals': {
    post: {
      operationId: 'createDeal',
      tags: ['Deals'],
      summary: 'Create a deal',
      description: 'Creates the deal at the end of its stage and writes its first stage-history row (from nothing).',
      requestParams: { header: idempotencyKey },
      requestBody: { required: true, content: { 'application/json': { schema: createDealBody } } },
      responses: {
        '201': { description: 'The created deal', headers: etagHeader, content: { 'application/json': { schema: dealDocument } } },
        ...errorResponses(400, 409, 413, 422),
      },
    },
    get: {
      operationId: 'listDeals',
      tags: ['Deals'],
      summary: 'List deals',
      description: 'Filters combine with AND. Cursor pagination: pass `next_cursor` as `cursor` with the same filters and sort.',
      requestParams: { query: listDealsQuery },
      responses: {
        '200': { description: 'A page of deals', content: { 'application/json': { schema: listEnvelope(dealResponseSchema) } } },
        ...errorResponses(400),
      },
    },
  },
  '/deals/export': {
    get: {
      operationId: 'exportDeals',
      tags: ['Deals'],
      summary: 'Export deals as CSV',
      description:
        'Every deal matching the filters of `GET /deals`, in its sort, as one CSV file streamed as it is read (`limit` is ignored; `cursor` starts after that deal). ' +
        'UTF-8 with a byte-order mark, comma separated, CRLF, RFC 4180 quoting. Columns: ID, Name, Pipeline, Stage, Status, Value (major units, e.g. 1234.50), Currency, ' +
        'Expected close date, Owner, Owner email, Contact, Contact email, Company, Company domain, Lost reason, Closed at, Created at, Source, External ID, then one column per deal custom field headed by its label. ' +
        "A text cell starting with = + - @ (or a tab or carriage return) is prefixed with ' so spreadsheets do not run it; a plain signed number stays a number.",
      requestParams: { query: listDealsQuery },
      responses: {
        '200': {
          description: 'The deals as CSV (Content-Disposition: attachment; filename="deals-YYYY-MM-DD.csv")',
          content: {
            'text/csv': {
              schema: z.string().meta({
                example: '\uFEFFID,Name,Pipeline,Stage,Status,Value,Currency,…\r\ndeal_k5R8sPqW2z,Acme Enterprise Plan,Sales,Qualified,open,5000.00,USD,…\r\n',
              }),
            },
          },
        },
        ...errorResponses(400),
      },
    },
  },
  '/deals/upsert': {
    post: {
      operationId: 'upsertDeals',
      tags: ['Deals'],
      summary: 'Create or update up to 100 deals by external_id',
      description: 'Each item is applied on its own: one bad item never blocks the others. Answers per item in request order.',
      requestBody: { required: true, content: { 'application/json': { schema: upsertDealsBody } } },
      responses: {
        '200': {
          description: 'One outcome per item',
          content: {
            'application/json': {
              schema: z.object({ data: z.array(upsertOutcome), meta: z.object({ created: z.number(), updated: z.number(), failed: z.number() }) }),
            },
          },
        },
        ...errorResponses(400, 413),
      },
    },
  },
  '/deals/{id}': {
    get: {
      operationId: 'getDeal',
      tags: ['Deals'],
      summary: 'Get a deal',
      requestParams: { path: dealPath },
      responses: {
        '200': {
          description: 'The deal with relationships and included records',
          headers: etagHeader,
          content: { 'application/json': { schema: dealDocument } },
        },
        ...errorResponses(404),
      },
    },
    patch: {
      operationId: 'updateDeal',
      tags: ['Deals'],
      summary: 'Update a deal',
      description: 'Only the fields sent change. A new stage_id moves the deal (with a history row). loss_reason goes with status lost.',
      requestParams: { path: dealPath, header: ifMatch },
      requestBody: { required: true, content: { 'application/json': { schema: updateDealBody } } },
      responses: {
        '200': { description: 'The updated deal', headers: etagHeader, content: { 'application/json': { schema: dealDocument } } },
        ...errorResponses(400, 404, 409, 412, 413, 422),
      },
    },
    delete: {
      operationId: 'deleteDeal',
      tags: ['Deals'],
      summary: 'Delete a deal',
      description: 'The deal disappears from every read; its stage history is kept for reports.',
      requestParams: { path: dealPath, header: ifMatch },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(404, 412) },
    },
  },
  '/deals/{id}/stage': {
    post: {
      operationId: 'moveDealToStage',
      tags: ['Deals'],
      summary: 'Move a deal to a stage',
      description:
        'Writes one stage-history row (with the deal value and stage probability at that moment) atomically. A won/lost stage sets the status; a stage of another pipeline moves the deal there; the same stage only reorders.',
      requestParams: { path: dealPath, header: ifMatch.extend(idempotencyKey.shape) },
      requestBody: { required: true, content: { 'application/json': { schema: moveDealBody } } },
      responses: {
        '200': { description: 'The moved deal', headers: etagHeader, content: { 'application/json': { schema: dealDocument } } },
        ...errorResponses(400, 404, 409, 412, 422),
      },
    },
  },
  '/deals/{id}/history': {
    get: {
      operationId: 'getDealHistory',
      tags: ['Deals'],
      summary: 'Get stage change history',
      description: 'Chronological; each row’s from_stage_id is the previous row’s to_stage_id.',
      requestParams: { path: dealPath, query: historyQuery },
      responses: {
        '200': { description: 'Stage transitions, oldest first', content: { 'application/json': { schema: listEnvelope(dealHistoryEntrySchema) } } },
        ...errorResponses(400, 404),
      },
    },
  },
};
