import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import {
  concordAssociationsBody,
  concordBillableInput,
  concordBillableSchema,
  concordCreateDealBody,
  concordDealSchema,
  concordErrorSchema,
  concordListDealsQuery,
  concordPaginatedDealsSchema,
  concordSearchDealsQuery,
  concordStatusBody,
  concordUpdateDealBody,
} from './schemas';

// The Concord CRM dialect (its deals API), served under /api/concord.
// The document's server is /api/v1 and its native paths already hold "/deals" and "/deals/{id}", so
// these path items carry their own server, /api, and keys beginning with /concord: the same URLs
// (/api/concord/deals…) without colliding with the native keys.

const servers = [{ url: '/api', description: 'Concord CRM compatibility endpoints' }];
const tags = ['Concord'];
const security = [{ bearer: [] }];

const ERRORS = {
  400: 'A field that order, select or search_fields does not know (named in errors), or a body that is not JSON',
  401: 'No Bearer token, or an unknown or revoked API key: {"message":"Unauthenticated."}',
  403: 'Your role may not do this (e.g. a rep adding a product to the catalog)',
  404: 'No deal with this ID',
  413: 'Body over 1 MB',
  422: 'Validation failed: {"message", "errors": {"field": ["…"]}}',
  429: 'Rate limit exceeded; see Retry-After',
} as const;

function errors(...statuses: (keyof typeof ERRORS)[]): ZodOpenApiResponsesObject {
  const all = [...new Set([...statuses, 401, 429] as const)].sort();
  return Object.fromEntries(
    all.map((status) => [String(status), { description: ERRORS[status], content: { 'application/json': { schema: concordErrorSchema } } }]),
  );
}

const dealPath = z.object({ id: z.string().meta({ description: 'The integer ID of the deal', example: '12' }) });
const oneDeal = (description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: concordDealSchema }) } } });

export const concordPaths: ZodOpenApiPathsObject = {
  '/concord/deals': {
    servers,
    get: {
      operationId: 'concordListDeals',
      tags,
      security,
      summary: 'List deals (Concord)',
      description: 'Page-based: `links` and `meta` as Laravel paginates (default 15 per page). Default order: by id.',
      requestParams: { query: concordListDealsQuery },
      responses: { '200': { description: 'A page of deals', content: { 'application/json': { schema: concordPaginatedDealsSchema } } }, ...errors(400, 422) },
    },
    post: {
      operationId: 'concordCreateDeal',
      tags,
      security,
      summary: 'Create a deal (Concord)',
      description:
        'Money in major units. With `billable.products` the amount is their total. A product without `product_id` links to the catalog product of that name, or adds it to the catalog (managers and admins). The first contact and company become the primary ones.',
      requestBody: { required: true, content: { 'application/json': { schema: concordCreateDealBody } } },
      responses: { '201': oneDeal('The created deal'), ...errors(400, 403, 413, 422) },
    },
  },
  '/concord/deals/search': {
    servers,
    get: {
      operationId: 'concordSearchDeals',
      tags,
      security,
      summary: 'Search deals (Concord)',
      description: 'Without pagination; `take` limits the results.',
      requestParams: { query: concordSearchDealsQuery },
      responses: {
        '200': { description: 'The matching deals', content: { 'application/json': { schema: z.object({ data: z.array(concordDealSchema) }) } } },
        ...errors(400, 422),
      },
    },
  },
  '/concord/deals/{id}': {
    servers,
    get: {
      operationId: 'concordGetDeal',
      tags,
      security,
      summary: 'Retrieve a deal (Concord)',
      requestParams: { path: dealPath },
      responses: { '200': oneDeal('The deal'), ...errors(404) },
    },
    put: {
      operationId: 'concordUpdateDeal',
      tags,
      security,
      summary: 'Update a deal (Concord)',
      description:
        'Only the fields sent change. `billable.products` with an `id` update that product, without one add a product; `removed_products` removes. `amount` is ignored while the deal has products. `contacts` / `companies` replace the associated records.',
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: concordUpdateDealBody } } },
      responses: { '200': oneDeal('The updated deal'), ...errors(400, 403, 404, 413, 422) },
    },
    delete: {
      operationId: 'concordDeleteDeal',
      tags,
      security,
      summary: 'Delete a deal (Concord)',
      requestParams: { path: dealPath },
      responses: { '204': { description: 'Deleted' }, ...errors(404) },
    },
  },
  '/concord/deals/{id}/status/{status}': {
    servers,
    put: {
      operationId: 'concordChangeDealStatus',
      tags,
      security,
      summary: 'Change deal status (Concord)',
      requestParams: {
        path: z.object({
          id: z.string().meta({ description: 'The integer ID of the deal', example: '12' }),
          status: z.enum(['open', 'won', 'lost']),
        }),
      },
      requestBody: { content: { 'application/json': { schema: concordStatusBody } } },
      responses: { '200': oneDeal('The deal with its new status'), ...errors(400, 404, 413, 422) },
    },
  },
  '/concord/deals/{id}/billable': {
    servers,
    post: {
      operationId: 'concordSaveDealProducts',
      tags,
      security,
      summary: 'Add, update and remove deal products (Concord)',
      description: "Products not sent stay. The deal's amount follows the products' total.",
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: concordBillableInput } } },
      responses: {
        '200': {
          description: 'The billable: tax type, totals and products',
          content: { 'application/json': { schema: z.object({ data: concordBillableSchema }) } },
        },
        ...errors(400, 403, 404, 413, 422),
      },
    },
  },
  '/concord/associations/deals/{id}': {
    servers,
    put: {
      operationId: 'concordAttachDealAssociations',
      tags,
      security,
      summary: 'Attach associations to a deal (Concord)',
      description: 'Provide at least one resource. An activity belongs to one deal: attaching moves it here.',
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: concordAssociationsBody } } },
      responses: { '200': oneDeal('The deal with its associations'), ...errors(400, 404, 413, 422) },
    },
    delete: {
      operationId: 'concordDetachDealAssociations',
      tags,
      security,
      summary: 'Detach associations from a deal (Concord)',
      description: 'Provide at least one resource.',
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: concordAssociationsBody } } },
      responses: { '200': oneDeal('The deal with its associations'), ...errors(400, 404, 413, 422) },
    },
    post: {
      operationId: 'concordSyncDealAssociations',
      tags,
      security,
      summary: 'Sync associations to a deal (Concord)',
      description:
        'Each kind sent becomes exactly the given IDs (an empty array removes all of that kind); kinds not sent stay. Provide at least one resource.',
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: concordAssociationsBody } } },
      responses: { '200': oneDeal('The deal with its associations'), ...errors(400, 404, 413, 422) },
    },
  },
};
