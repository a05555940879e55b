import 'server-only';
import type { z } from 'zod';
import type { ServiceContext } from '../../services/context';
import { formatInputPath, MAX_JSON_DEPTH, type InputProblem } from '../../api/accepted-input';
import type { ApiDialect } from '../../api/pipeline/api-dialect';
import { createApiRoute, type RouteArgs } from '../../api/pipeline/create-api-route';
import type { RequestBodyJson } from '../../api/pipeline/request-body-json';
import { attributeName, concordErrorResponse, ConcordHttpError, validationError, zodIssuesToErrors } from './errors';

interface ConcordArgs {
  request: Request;
  ctx: ServiceContext;
  query: URLSearchParams;
  /** the JSON body (an object; none or empty means {}) parsed with this schema: 422 naming each bad field */
  body<S extends z.ZodType>(schema: S): { data: z.output<S>; raw: Record<string, unknown> };
}

export type ConcordRouteArgs<P> = RouteArgs<ConcordArgs, P>;

/** Concord authenticates with `Authorization: Bearer {token}` (a Dealboard API key). */
function bearerToken(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  const match = authorization ? /^Bearer\s+(\S.*)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim() ?? null;
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

function parseBody<S extends z.ZodType>(parsed: RequestBodyJson, schema: S): { data: z.output<S>; raw: Record<string, unknown> } {
  // an empty body is read as {} (ApiDialect.emptyBody), so it is never absent here
  if (parsed.kind !== 'json') throw new ConcordHttpError(400, 'The request body is not valid JSON.');
  const json = parsed.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConcordHttpError(422, 'The request body must be a JSON object.');
  const result = schema.safeParse(json);
  if (!result.success) throw validationError(zodIssuesToErrors(result.error.issues, json));
  return { data: result.data, raw: json as Record<string, unknown> };
}

const concordDialect: ApiDialect<ConcordArgs> = {
  readKey: bearerToken,
  missingKeyMessage: 'Unauthenticated.',
  rateLimitMessage: () => 'Too Many Attempts.',
  // DELETE carries a body here (detaching associations)
  methodsWithoutBody: new Set(['GET', 'HEAD']),
  emptyBody: 'empty-object',
  notAccepted: (problem, where) => notAccepted(problem, where),
  handlerArgs: ({ request, ctx, query, json }) => ({ request, ctx, query, body: (schema) => parseBody(json, schema) }),
  renderError: (error, _request, headers) => concordErrorResponse(error, headers),
  idempotency: false,
};

/**
 * The wrapper of every Concord handler: the one API pipeline with Concord's parts: the Dealboard API
 * key as `Authorization: Bearer <key>` (401 otherwise), and any error as Concord's (Laravel's) error body.
 */
export const withConcordRoute = createApiRoute(concordDialect);
