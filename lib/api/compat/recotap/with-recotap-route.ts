import 'server-only';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../../../errors';
import type { ServiceContext } from '../../../services/context';
import { findJsonProblem, findQueryProblem, formatInputPath, type InputProblem } from '../../accepted-input';
import { authenticateSecret, readApiKey } from '../../authenticate-request';
import { toAppError } from '../../error-response';
import { consumeRateLimit, rateLimitHeaders } from '../../rate-limit';
import { readBodyText } from '../../read-json-body';

// The Recotap-style sync dialect (/api/recotap/v1) on Dealboard's plumbing: the same API keys, the
// same per-key rate limit with RateLimit-* headers and the same 1 MB body limit as /api/v1, answered
// in Recotap's envelope. Success: {"statusCode","message","data"} with the documented result as
// `data`. Errors (docs.recotap.com/errors):
//   {"statusCode","timestamp","path","message":"<HTTP reason>","customMessage":"<why>","data":null}
// and for a body that is not the documented shape, `data` lists each bad property with its rule.

export interface RecotapRouteArgs {
  request: Request;
  ctx: ServiceContext;
  /** the JSON body parsed with this schema (400 in Recotap's validation shape otherwise) */
  body<S extends z.ZodType>(schema: S): z.output<S>;
}

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
  constructor(readonly constraints: { property: string; constraints: Record<string, string> }[], details: ErrorDetail[]) {
    super('validation_failed', details.map((d) => d.message).join('; '), details);
  }
}

export function withRecotapRoute(handler: (args: RecotapRouteArgs) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    try {
      const secret = readApiKey(request);
      if (!secret) throw new AppError('unauthorized', 'X-Api-Key header is required');
      const identity = await authenticateSecret(secret, request.method).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'unauthorized') throw new AppError('unauthorized', 'Invalid API key');
        throw error;
      });
      const limit = await consumeRateLimit(`key:${identity.apiKeyId}`);
      limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) {
        throw new AppError('rate_limited', `Rate limit of ${limit.limit} requests per minute exceeded; retry in ${limit.resetSeconds} s.`);
      }
      const text = await readBodyText(request);
      // text Dealboard does not accept (docs/decisions/010-accepted-input.md) is refused before any handler runs
      const queryProblem = findQueryProblem(new URL(request.url).searchParams);
      if (queryProblem) throw notAccepted(queryProblem, '(query)');
      const json = text.trim() === '' ? undefined : tryParse(text);
      const bodyProblem = json ? findJsonProblem(json.value) : null;
      if (bodyProblem) throw notAccepted(bodyProblem, '(body)');
      const response = await handler({ request, ctx: identity.ctx, body: (schema) => parseBody(json, schema) });
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return recotapErrorResponse(request, error, limitHeaders);
    }
  };
}

/** Recotap's success envelope around the documented result. */
export function recotapResponse(data: unknown, status = 200): Response {
  return Response.json({ statusCode: status, message: 'Success', data }, { status });
}

/** The body's JSON; null when it is not JSON (refused when the handler reads the body). */
function tryParse(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
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

function parseBody<S extends z.ZodType>(parsed: { value: unknown } | null | undefined, schema: S): z.output<S> {
  if (parsed === null) throw new AppError('invalid_json', 'The request body is not valid JSON.');
  if (parsed === undefined) throw new AppError('invalid_json', 'The request needs a JSON body.');
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
