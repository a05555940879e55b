import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../errors';
import type { ServiceContext } from '../../services/context';
import { HubSpotPropertyError } from './services/hubspot-property-error';
import { formatInputPath, textProblemKind, type InputProblem } from '../../api/accepted-input';
import { readApiKey } from '../../api/authenticate-request';
import { toAppError } from '../../api/error-response';
import type { ApiDialect } from '../../api/pipeline/api-dialect';
import { createApiRoute, type RouteArgs } from '../../api/pipeline/create-api-route';
import type { RequestBodyJson } from '../../api/pipeline/request-body-json';
import { rateLimitExceededMessage } from '../../api/rate-limit';

// The HubSpot legacy v1 dialect (/api/hubspot) on the one API pipeline: the same API keys (sent as
// Authorization: Bearer <key>, the legacy ?hapikey=<key>, or X-Api-Key), the same per-key rate limit
// with RateLimit-* headers, and the same 1 MB body limit as /api/v1. Errors answer in legacy
// HubSpot's shape: {"status":"error","message","correlationId","category"} plus, for a 400 about
// properties, "validationResults":[{"isValid":false,"message","error","name"}].

interface HubSpotArgs {
  request: Request;
  ctx: ServiceContext;
  /** the JSON body parsed with this schema (400 in HubSpot's shape otherwise) */
  body<S extends z.ZodType>(schema: S): z.output<S>;
}

export type HubSpotRouteArgs<P> = RouteArgs<HubSpotArgs, P>;

const CATEGORY: Record<ErrorCode, string> = {
  validation_failed: 'VALIDATION_ERROR',
  invalid_json: 'VALIDATION_ERROR',
  unprocessable: 'VALIDATION_ERROR',
  unauthorized: 'INVALID_AUTHENTICATION',
  forbidden: 'MISSING_SCOPES',
  not_found: 'OBJECT_NOT_FOUND',
  conflict: 'CONFLICT',
  precondition_failed: 'CONFLICT',
  payload_too_large: 'VALIDATION_ERROR',
  rate_limited: 'RATE_LIMITS',
  internal: 'INTERNAL_ERROR',
  unavailable: 'INTERNAL_ERROR',
};

/** The API key from the Authorization/X-Api-Key header, else from ?hapikey=. */
function readHubSpotKey(request: Request): string | null {
  const header = readApiKey(request);
  if (header) return header;
  const hapikey = new URL(request.url).searchParams.get('hapikey');
  return hapikey && hapikey.trim() !== '' ? hapikey.trim() : null;
}

/**
 * 400 VALIDATION_ERROR with the field in validationResults, as for any bad property value; a
 * property's value is named by the property's name (as HubSpot names it), not by its index.
 */
function notAccepted(found: InputProblem, intro: string, root: string, body?: unknown): AppError {
  const path = propertyNameAt(body, found.path) ?? (formatInputPath(found.path) || root);
  return new AppError('validation_failed', `${intro}: ${path}: ${found.message}`, [{ path, message: found.message }]);
}

/** "dealname" for the path properties.3.value when property 3 is named dealname; else null. */
function propertyNameAt(body: unknown, path: readonly string[]): string | null {
  if (path.length !== 3 || path[0] !== 'properties' || path[2] !== 'value') return null;
  const properties = (body as { properties?: unknown } | null)?.properties;
  const property = Array.isArray(properties) ? (properties[Number(path[1])] as { name?: unknown } | undefined) : undefined;
  return typeof property?.name === 'string' && textProblemKind(property.name) === null ? property.name : null;
}

function parseBody<S extends z.ZodType>(json: RequestBodyJson, schema: S): z.output<S> {
  if (json.kind === 'not-json') throw new AppError('invalid_json', 'Invalid input JSON: the request body is not valid JSON.');
  if (json.kind === 'absent') throw new AppError('invalid_json', 'Invalid input JSON: the request needs a JSON body.');
  const result = schema.safeParse(json.value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    return { path: propertyNameAt(json.value, path) ?? (path.join('.') || '(body)'), message: issue.message };
  });
  throw new AppError('validation_failed', `Invalid input JSON: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}

function hubspotErrorResponse(error: unknown, headers: Record<string, string>): Response {
  const appError = toAppError(error);
  // legacy HubSpot answered every invalid request with 400 (it had no 422)
  const status = appError.code === 'unprocessable' ? 400 : appError.status;
  const body: Record<string, unknown> = { status: 'error', message: appError.message, correlationId: randomUUID(), category: CATEGORY[appError.code] };
  if (appError instanceof HubSpotPropertyError && appError.problems.length > 0) {
    body.validationResults = appError.problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name }));
  } else if (status === 400 && appError.details.length > 0) {
    body.validationResults = appError.details.map((d) => ({ isValid: false, message: d.message, error: 'INVALID_PROPERTY_VALUE', name: d.path }));
  }
  return Response.json(body, { status, headers });
}

const hubspotDialect: ApiDialect<HubSpotArgs> = {
  readKey: readHubSpotKey,
  missingKeyMessage: 'Authentication credentials not found: send Authorization: Bearer <key> or the hapikey=<key> query parameter.',
  rateLimitMessage: rateLimitExceededMessage,
  methodsWithoutBody: new Set(['GET', 'HEAD', 'DELETE']),
  emptyBody: 'absent',
  notAccepted: (problem, where, body) =>
    where === 'query' ? notAccepted(problem, 'Invalid query string', '(query)') : notAccepted(problem, 'Invalid input JSON', '(body)', body),
  handlerArgs: ({ request, ctx, json }) => ({ request, ctx, body: (schema) => parseBody(json, schema) }),
  renderError: (error, _request, headers) => hubspotErrorResponse(error, headers),
  idempotency: false,
};

/** The wrapper of every HubSpot handler: the one API pipeline with HubSpot's parts. */
export const withHubSpotRoute = createApiRoute(hubspotDialect);
