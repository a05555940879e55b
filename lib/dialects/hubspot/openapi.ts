import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { hubspotDealBody, hubspotDealResponse, hubspotErrorSchema } from './schemas';

// The HubSpot legacy v1 deal dialect, served under /api/hubspot.
// Every path is answered with and without a trailing slash (never redirected).

const servers = [{ url: '/api/hubspot' }];
const tags = ['HubSpot legacy v1 (compatibility)'];

const ERRORS = {
  400: 'Bad JSON, or an unknown or invalid property (validationResults names each)',
  401: 'No API key (Authorization: Bearer, or ?hapikey=), or an unknown or revoked one',
  404: 'No deal with this dealId',
  413: 'Body over 1 MB',
  429: 'Rate limit exceeded; see Retry-After',
} as const;

function errors(...statuses: (keyof typeof ERRORS)[]): ZodOpenApiResponsesObject {
  const all = [...new Set([...statuses, 401, 429] as const)].sort();
  return Object.fromEntries(all.map((s) => [String(s), { description: ERRORS[s], content: { 'application/json': { schema: hubspotErrorSchema } } }]));
}

const hapikey = z.object({ hapikey: z.string().optional().meta({ description: 'The API key, for clients that cannot send Authorization: Bearer' }) });
const dealIdPath = z.object({ dealId: z.string().meta({ description: 'The deal’s integer ID', example: '151088' }) });
const deal = { content: { 'application/json': { schema: hubspotDealResponse } } };

const PROPERTIES =
  'Properties: dealname, dealstage, pipeline, amount (major units), closedate (ms since the epoch), hubspot_owner_id (a user’s integer ID), ' +
  'dealtype, and the key of any deal custom field; any other name is a 400 naming it. pipeline and dealstage resolve by external ID, then ' +
  'by integer ID ("default" is the default pipeline).';

export const hubspotPaths: ZodOpenApiPathsObject = {
  '/deals/v1/deal/': {
    servers,
    post: {
      operationId: 'hubspotCreateDeal',
      tags,
      summary: 'Create a deal',
      description:
        `dealstage is required; without pipeline the default pipeline is assumed. ${PROPERTIES} ` +
        'Associations by integer contact (associatedVids) and company (associatedCompanyIds) IDs; invalid ones do not block the create: ' +
        'the answer is still 200, with associationCreateFailures.',
      requestParams: { query: hapikey },
      requestBody: { required: true, content: { 'application/json': { schema: hubspotDealBody } } },
      responses: { '200': { description: 'The created deal', ...deal }, ...errors(400, 413) },
    },
  },
  '/deals/v1/deal/{dealId}': {
    servers,
    get: {
      operationId: 'hubspotGetDeal',
      tags,
      summary: 'Get a deal',
      requestParams: { path: dealIdPath, query: hapikey },
      responses: { '200': { description: 'The deal, in the shape of the create answer', ...deal }, ...errors(404) },
    },
    put: {
      operationId: 'hubspotUpdateDeal',
      tags,
      summary: 'Update a deal',
      description: `Only the properties sent change; a new dealstage moves the deal (with a stage-history row). ${PROPERTIES}`,
      requestParams: { path: dealIdPath, query: hapikey },
      requestBody: { required: true, content: { 'application/json': { schema: hubspotDealBody } } },
      responses: { '200': { description: 'The updated deal', ...deal }, ...errors(400, 404, 413) },
    },
    delete: {
      operationId: 'hubspotDeleteDeal',
      tags,
      summary: 'Delete a deal',
      requestParams: { path: dealIdPath, query: hapikey },
      responses: { '204': { description: 'Deleted (its history is kept for reports)' }, ...errors(404) },
    },
  },
};
