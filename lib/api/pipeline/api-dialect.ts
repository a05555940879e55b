import type { InputProblem } from '../accepted-input';
import type { RateLimitState } from '../rate-limit';
import type { RequestBodyJson } from './request-body-json';
import type { ServiceContext } from '../../services/context';

/** What the pipeline knows of a request once it is let in, for a dialect to build its handler's arguments. */
export interface AdmittedRequest {
  request: Request;
  ctx: ServiceContext;
  apiKeyId: number;
  query: URLSearchParams;
  /** the body's JSON as read at the door (already checked for text Dealboard does not accept) */
  json: RequestBodyJson;
}

/**
 * The parts in which one API door differs from another; everything else (authenticating the key,
 * the per-key rate limit and its headers, the 1 MB body limit, the accepted-input checks, the order
 * of these steps) is the pipeline's, so a fix there lands on every door at once.
 */
export interface ApiDialect<Args extends object> {
  /** the API key as this door reads it from the request, or null when none was sent */
  readKey(request: Request): string | null;
  /** the 401 message when no key was sent */
  missingKeyMessage: string;
  /** a refusal of the key as this door words it (default: as the authentication gave it) */
  refusedKey?(error: unknown): unknown;
  /** the 429 message when the key is over its limit */
  rateLimitMessage(limit: RateLimitState): string;
  /** methods whose body is not read (it is taken as empty) */
  methodsWithoutBody: ReadonlySet<string>;
  /** what a body that is empty (or only whitespace) means: no JSON at all, or `{}` */
  emptyBody: 'absent' | 'empty-object';
  /** the error answering text Dealboard does not accept in the query string or the body (its JSON given) */
  notAccepted(problem: InputProblem, where: 'query' | 'body', body: unknown): Error;
  /** the handler's arguments, besides `params` (the body parsed with a schema in the door's error shape) */
  handlerArgs(admitted: AdmittedRequest): Args;
  /** any error as this door's answer, with the RateLimit-* headers given */
  renderError(error: unknown, request: Request, headers: Record<string, string>): Response;
  /** whether a POST with an Idempotency-Key is answered once and replayed after */
  idempotency: boolean;
}
