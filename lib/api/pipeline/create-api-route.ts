import 'server-only';
import { AppError } from '../../errors';
import { findJsonProblem, findQueryProblem } from '../accepted-input';
import { authenticateSecret } from '../authenticate-request';
import { consumeRateLimit, rateLimitHeaders } from '../rate-limit';
import { readBodyText } from '../read-json-body';
import type { ApiDialect } from './api-dialect';
import { readRequestBodyJson } from './request-body-json';
import { runIdempotently } from './run-idempotently';

type RouteContext<P> = { params: Promise<P> };

/** A handler's arguments: the dialect's, and the route's path parameters. */
export type RouteArgs<Args, P> = Args & { params: P };

/**
 * The one pipeline of every API door (the native REST API and each compatibility dialect), given
 * the door's parts: authenticate the API key, count the request against its rate limit, read the
 * body (≤ 1 MB), refuse text Dealboard does not accept (docs/decisions/010-accepted-input.md)
 * before any handler runs or an Idempotency-Key stores an answer, honour Idempotency-Key on POST
 * where the door has it, run the handler, and turn any error into the door's error answer.
 * RateLimit-* headers go on every answer once the key is known.
 */
export function createApiRoute<Args extends object>(dialect: ApiDialect<Args>) {
  return function withRoute<P extends Record<string, string> = Record<string, never>>(handler: (args: RouteArgs<Args, P>) => Promise<Response>) {
    return async (request: Request, context: RouteContext<P>): Promise<Response> => {
      let limitHeaders: Record<string, string> = {};
      try {
        const secret = dialect.readKey(request);
        if (!secret) throw new AppError('unauthorized', dialect.missingKeyMessage);
        const identity = await authenticateSecret(secret, request.method).catch((error: unknown) => {
          throw dialect.refusedKey ? dialect.refusedKey(error) : error;
        });
        const limit = await consumeRateLimit(`key:${identity.apiKeyId}`);
        limitHeaders = rateLimitHeaders(limit);
        if (!limit.allowed) throw new AppError('rate_limited', dialect.rateLimitMessage(limit));
        const text = dialect.methodsWithoutBody.has(request.method) ? '' : await readBodyText(request);
        const query = new URL(request.url).searchParams;
        const queryProblem = findQueryProblem(query);
        if (queryProblem) throw dialect.notAccepted(queryProblem, 'query', undefined);
        const json = readRequestBodyJson(text, dialect.emptyBody);
        const bodyProblem = json.kind === 'json' ? findJsonProblem(json.value) : null;
        if (bodyProblem) throw dialect.notAccepted(bodyProblem, 'body', json.kind === 'json' ? json.value : undefined);
        const params = context?.params ? await context.params : ({} as P);
        const args: RouteArgs<Args, P> = { ...dialect.handlerArgs({ request, ctx: identity.ctx, apiKeyId: identity.apiKeyId, query, json }), params };
        const idempotencyKey = dialect.idempotency && request.method === 'POST' ? request.headers.get('idempotency-key') : null;
        const response =
          idempotencyKey === null
            ? await handler(args)
            : // the handler's error answer is stored too, so it is rendered here, before the headers are added
              await runIdempotently(request, identity.apiKeyId, idempotencyKey, text, () =>
                handler(args).catch((error: unknown) => dialect.renderError(error, request, {})),
              );
        for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
        return response;
      } catch (error) {
        return dialect.renderError(error, request, limitHeaders);
      }
    };
  };
}
