import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { inputProblemError } from './accepted-input';
import { MISSING_KEY_MESSAGE, readApiKey } from './authenticate-request';
import { errorResponse } from './error-response';
import type { ApiDialect } from './pipeline/api-dialect';
import { createApiRoute, type RouteArgs } from './pipeline/create-api-route';
import type { RequestBodyJson } from './pipeline/request-body-json';
import { rateLimitExceededMessage } from './rate-limit';
import { parseInput, queryObject } from './read-json-body';

// The native REST API's parts of the one API pipeline (lib/api/pipeline/create-api-route.ts):
// the key from X-Api-Key or Authorization: Bearer, errors as {"error":{"code","message","details"}},
// and Idempotency-Key honoured on POST.

interface NativeArgs {
  request: Request;
  ctx: ServiceContext;
  apiKeyId: number;
  /** the JSON body parsed with this schema (400 naming each bad or unknown field) */
  body<S extends z.ZodType>(schema: S): z.output<S>;
  /** the query string parsed with this schema */
  query<S extends z.ZodType>(schema: S): z.output<S>;
}

export type ApiRouteArgs<P> = RouteArgs<NativeArgs, P>;

/** The body's JSON for a handler that reads it: 400 invalid_json when there is none or it is not JSON. */
function bodyValue(json: RequestBodyJson): unknown {
  if (json.kind === 'not-json') throw new AppError('invalid_json', 'The request body is not valid JSON.');
  if (json.kind === 'absent') throw new AppError('invalid_json', 'The request needs a JSON body.');
  return json.value;
}

const nativeDialect: ApiDialect<NativeArgs> = {
  readKey: readApiKey,
  missingKeyMessage: MISSING_KEY_MESSAGE,
  rateLimitMessage: rateLimitExceededMessage,
  methodsWithoutBody: new Set(['GET', 'HEAD', 'DELETE']),
  emptyBody: 'absent',
  notAccepted: (problem, where) => inputProblemError(problem, where),
  handlerArgs: ({ request, ctx, apiKeyId, json }) => ({
    request,
    ctx,
    apiKeyId,
    body: (schema) => parseInput(schema, bodyValue(json), 'The request body is not valid.'),
    query: (schema) => parseInput(schema, queryObject(request), 'The query string is not valid.'),
  }),
  renderError: (error, _request, headers) => errorResponse(error, headers),
  idempotency: true,
};

/** The wrapper of every native REST handler: the one API pipeline with the native parts. */
export const withApiRoute = createApiRoute(nativeDialect);
