import 'server-only';
import type { z } from 'zod';
import { AppError } from '../../../errors';
import type { ServiceContext } from '../../../services/context';
import { MAX_RECORD_ID } from '../../../schemas/concord';
import { findJsonProblem, findQueryProblem, formatInputPath, MAX_JSON_DEPTH, type InputProblem } from '../../accepted-input';
import { authenticateSecret } from '../../authenticate-request';
import { consumeRateLimit, rateLimitHeaders } from '../../rate-limit';
import { readBodyText } from '../../read-json-body';
import { attributeName, concordErrorResponse, ConcordHttpError, validationError, zodIssuesToErrors } from './errors';

export interface ConcordRouteArgs<P> {
  request: Request;
  ctx: ServiceContext;
  params: P;
  query: URLSearchParams;
  /** the JSON body (an object; none or empty means {}) parsed with this schema: 422 naming each bad field */
  body<S extends z.ZodType>(schema: S): { data: z.output<S>; raw: Record<string, unknown> };
}

type RouteContext<P> = { params: Promise<P> };

/**
 * The wrapper of every Concord handler: the Dealboard API key as `Authorization: Bearer <key>` (401
 * otherwise), the same per-key rate limit as the native API (429 + RateLimit-* headers on every
 * answer), the body read up to 1 MB (413), and any error as Concord's (Laravel's) error body.
 */
export function withConcordRoute<P extends Record<string, string> = Record<string, never>>(handler: (args: ConcordRouteArgs<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    try {
      const secret = bearerToken(request);
      if (!secret) throw new AppError('unauthorized', 'Unauthenticated.');
      const identity = await authenticateSecret(secret, request.method);
      const limit = await consumeRateLimit(`key:${identity.apiKeyId}`);
      limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) throw new AppError('rate_limited', 'Too Many Attempts.');
      // DELETE carries a body here (detaching associations)
      const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await readBodyText(request);
      const query = new URL(request.url).searchParams;
      // text Dealboard does not accept (docs/decisions/010-accepted-input.md) is refused before any handler runs
      const queryProblem = findQueryProblem(query);
      if (queryProblem) throw notAccepted(queryProblem, 'query');
      const json = parseJson(text);
      const bodyProblem = json ? findJsonProblem(json.value) : null;
      if (bodyProblem) throw notAccepted(bodyProblem, 'body');
      const params = context?.params ? await context.params : ({} as P);
      const response = await handler({ request, ctx: identity.ctx, params, query, body: (schema) => parseBody(json, schema) });
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return concordErrorResponse(error, limitHeaders);
    }
  };
}

/** Concord authenticates with `Authorization: Bearer {token}` (a Dealboard API key). */
function bearerToken(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  const match = authorization ? /^Bearer\s+(\S.*)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim() ?? null;
}

/** The body's JSON (none or empty means {}); null when it is not JSON (refused when the handler reads the body). */
function parseJson(text: string): { value: unknown } | null {
  if (text.trim() === '') return { value: {} };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

// Laravel-worded, per kind; 422 as every Concord validation error
const NOT_ACCEPTED: Record<InputProblem['kind'], string> = {
  nul: 'The :attribute field must not contain NUL characters.',
  ill_formed: 'The :attribute field must be well-formed Unicode text (no lone UTF-16 surrogates such as \\ud800).',
  too_deep: `The :attribute field is nested too deeply (more than ${MAX_JSON_DEPTH} levels of objects and arrays).`,
  reserved_key: 'The :attribute field is not accepted: __proto__, constructor and prototype are reserved keys.',
};

function notAccepted(found: InputProblem, root: string): ConcordHttpError {
  const path = formatInputPath(found.path) || root;
  return validationError({ [path]: [NOT_ACCEPTED[found.kind].replace(/:attribute/g, attributeName(path))] });
}

function parseBody<S extends z.ZodType>(parsed: { value: unknown } | null, schema: S): { data: z.output<S>; raw: Record<string, unknown> } {
  if (parsed === null) throw new ConcordHttpError(400, 'The request body is not valid JSON.');
  const json = parsed.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConcordHttpError(422, 'The request body must be a JSON object.');
  const result = schema.safeParse(json);
  if (!result.success) throw validationError(zodIssuesToErrors(result.error.issues, json));
  return { data: result.data, raw: json as Record<string, unknown> };
}

/** A path's record ID: 404 for anything that is not an integer a record can have. */
export function pathRecordId(value: string | undefined, label: string): number {
  const id = value && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_RECORD_ID) throw new ConcordHttpError(404, `No ${label} with ID ${value ?? ''} exists.`);
  return id;
}

/** `{"data": …}` */
export function concordData(data: unknown, status = 200): Response {
  return Response.json({ data }, { status });
}
