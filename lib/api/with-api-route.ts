import 'server-only';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { claimIdempotencyKey } from '../services/idempotency/claim-idempotency-key';
import { finishIdempotencyKey } from '../services/idempotency/finish-idempotency-key';
import { authenticateRequest } from './authenticate-request';
import { errorResponse, toAppError } from './error-response';
import { consumeRateLimit, rateLimitHeaders } from './rate-limit';
import { assertAcceptedQuery } from './accepted-input';
import { parseInput, parseJsonText, queryObject, readBodyText } from './read-json-body';

export interface ApiRouteArgs<P> {
  request: Request;
  ctx: ServiceContext;
  apiKeyId: number;
  params: P;
  /** the JSON body parsed with this schema (400 naming each bad or unknown field) */
  body<S extends z.ZodType>(schema: S): z.output<S>;
  /** the query string parsed with this schema */
  query<S extends z.ZodType>(schema: S): z.output<S>;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper of every native REST handler: authenticate the API key, count the request against
 * its rate limit, read the body (≤ 1 MB), honour Idempotency-Key on POST, run the handler, and turn
 * any error into the JSON error body. RateLimit-* headers go on every answer.
 */
export function withApiRoute<P extends Record<string, string> = Record<string, never>>(
  handler: (args: ApiRouteArgs<P>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    try {
      const identity = await authenticateRequest(request);
      const limit = await consumeRateLimit(`key:${identity.apiKeyId}`);
      limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) {
        throw new AppError('rate_limited', `Rate limit of ${limit.limit} requests per minute exceeded; retry in ${limit.resetSeconds} s.`);
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE';
      const text = hasBody ? await readBodyText(request) : '';
      // refused at the door, before any handler runs or an Idempotency-Key stores an answer
      assertAcceptedQuery(new URL(request.url).searchParams);
      const json = parsedOnce(text);
      if (text.trim() !== '') json.refuseUnaccepted();
      const params = context?.params ? await context.params : ({} as P);
      const args: ApiRouteArgs<P> = {
        request,
        ctx: identity.ctx,
        apiKeyId: identity.apiKeyId,
        params,
        body: (schema) => parseInput(schema, json.value(), 'The request body is not valid.'),
        query: (schema) => parseInput(schema, queryObject(request), 'The query string is not valid.'),
      };
      const idempotencyKey = request.method === 'POST' ? request.headers.get('idempotency-key') : null;
      const response = idempotencyKey === null
        ? await runHandler(handler, args)
        : await runIdempotently(handler, args, identity.apiKeyId, idempotencyKey, text);
      return withHeaders(response, limitHeaders);
    } catch (error) {
      return errorResponse(error, limitHeaders);
    }
  };
}

/**
 * The body's JSON, parsed once. Text that is not JSON is refused only when a handler asks for the
 * body (some ignore it); text Dealboard does not accept is refused at once by refuseUnaccepted.
 */
function parsedOnce(text: string) {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | null = null;
  const value = (): unknown => {
    if (outcome === null) {
      try {
        outcome = { ok: true, value: parseJsonText(text) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  const refuseUnaccepted = (): void => {
    try {
      value();
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_json') return;
      throw error;
    }
  };
  return { value, refuseUnaccepted };
}

async function runHandler<P>(handler: (args: ApiRouteArgs<P>) => Promise<Response>, args: ApiRouteArgs<P>): Promise<Response> {
  try {
    return await handler(args);
  } catch (error) {
    return errorResponse(error);
  }
}

async function runIdempotently<P>(
  handler: (args: ApiRouteArgs<P>) => Promise<Response>,
  args: ApiRouteArgs<P>,
  apiKeyId: number,
  key: string,
  bodyText: string,
): Promise<Response> {
  const url = new URL(args.request.url);
  const requestHash = createHash('sha256').update(`${args.request.method} ${url.pathname}${url.search}\n${bodyText}`).digest('hex');
  const claim = await claimIdempotencyKey({ input: { apiKeyId, key: key.trim(), requestHash } });
  if (claim.kind === 'replay') {
    return Response.json(claim.body, { status: claim.statusCode, headers: { 'Idempotent-Replayed': 'true' } });
  }
  const response = await runHandler(handler, args);
  const text = await response.clone().text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  await finishIdempotencyKey({ input: { recordId: claim.recordId, statusCode: response.status, body } });
  return response;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export { toAppError };
