import 'server-only';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../../errors';
import type { ServiceContext } from '../../services/context';
import { formatInputPath, type InputProblem } from '../../api/accepted-input';
import { readApiKey } from '../../api/authenticate-request';
import { toAppError } from '../../api/error-response';
import type { ApiDialect } from '../../api/pipeline/api-dialect';
import { createApiRoute, type RouteArgs } from '../../api/pipeline/create-api-route';
import type { RequestBodyJson } from '../../api/pipeline/request-body-json';
import { rateLimitExceededMessage } from '../../api/rate-limit';

// The Recotap-style sync dialect (/api/recotap/v1) on the one API pipeline: the same API keys, the
// same per-key rate limit with RateLimit-* headers and the same 1 MB body limit as /api/v1, answered
// in Recotap's envelope. Success: {"statusCode","message","data"} with the documented result as
// `data`. Errors, as Recotap answers them:
//   {"statusCode","timestamp","path","message":"<HTTP reason>","customMessage":"<why>","data":null}
// and for a body that is not the documented shape, `data` lists each bad property with its rule.

interface RecotapArgs {
  request: Request;
  ctx: ServiceContext;
  /** the JSON body parsed with this schema (400 in Recotap's validation shape otherwise) */
  body<S extends z.ZodType>(schema: S): z.output<S>;
}

export type RecotapRouteArgs = RouteArgs<RecotapArgs, Record<string, never>>;

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A 400 naming each property that breaks the documented shape, as class-validator would. */
class RecotapValidationError extends AppError {
  constructor(
    readonly constraints: { property: string; constraints: Record<string, string> }[],
    details: ErrorDetail[],
  ) {
    super('validation_failed', details.map((d) => d.message).join('; '), details);
  }
}

// class-validator-style rule names of the refusals
const RULE: Record<InputProblem['kind'], string> = {
  nul: 'noNulCharacters',
  ill_formed: 'isWellFormedUnicode',
  too_deep: 'maxNestingDepth',
  reserved_key: 'reservedKey',
};

/** 400 in Recotap's validation shape, naming the property. */
function notAccepted(found: InputProblem, root: string): RecotapValidationError {
  const property = formatInputPath(found.path) || root;
  const message = `${property}: ${found.message}`;
  return new RecotapValidationError([{ property, constraints: { [RULE[found.kind]]: message } }], [{ path: property, message }]);
}

function parseBody<S extends z.ZodType>(parsed: RequestBodyJson, schema: S): z.output<S> {
  if (parsed.kind === 'not-json') throw new AppError('invalid_json', 'The request body is not valid JSON.');
  if (parsed.kind === 'absent') throw new AppError('invalid_json', 'The request needs a JSON body.');
  const json = parsed.value;
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const entries = result.error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ property: base ? `${base}.${key}` : key, rule: 'whitelistValidation', message: `property ${key} should not exist` }));
    }
    return [{ property: base || '(body)', rule: issue.code, message: issue.message }];
  });
  throw new RecotapValidationError(
    entries.map((e) => ({ property: e.property, constraints: { [e.rule]: e.message } })),
    entries.map((e) => ({ path: e.property, message: e.message })),
  );
}

function recotapErrorResponse(request: Request, error: unknown, headers: Record<string, string>): Response {
  const appError = toAppError(error);
  // Recotap has no 422: a well-formed request it cannot apply is a 400 with a reason
  const status = appError.code === 'unprocessable' ? 400 : appError.status;
  const body = {
    statusCode: status,
    timestamp: new Date().toISOString(),
    path: new URL(request.url).pathname,
    message: REASON[status] ?? 'Error',
    customMessage: appError.message,
    data: appError instanceof RecotapValidationError ? appError.constraints : null,
  };
  return Response.json(body, { status, headers });
}

const recotapDialect: ApiDialect<RecotapArgs> = {
  readKey: readApiKey,
  missingKeyMessage: 'X-Api-Key header is required',
  // Recotap words every refused key alike
  refusedKey: (error) => (error instanceof AppError && error.code === 'unauthorized' ? new AppError('unauthorized', 'Invalid API key') : error),
  rateLimitMessage: rateLimitExceededMessage,
  methodsWithoutBody: new Set(),
  emptyBody: 'absent',
  notAccepted: (problem, where) => notAccepted(problem, where === 'query' ? '(query)' : '(body)'),
  handlerArgs: ({ request, ctx, json }) => ({ request, ctx, body: (schema) => parseBody(json, schema) }),
  renderError: (error, request, headers) => recotapErrorResponse(request, error, headers),
  idempotency: false,
};

/** The wrapper of every Recotap handler: the one API pipeline with Recotap's parts. */
export const withRecotapRoute = createApiRoute(recotapDialect);
