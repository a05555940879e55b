import 'server-only';
import type { ServiceContext } from '../services/context';
import { AppError } from '../errors';
import { authenticateRequest } from './authenticate-request';
import { errorResponse } from './error-response';
import { consumeRateLimit, rateLimitExceededMessage, rateLimitHeaders } from './rate-limit';

// The native API's wrapper for the one kind of request the JSON pipeline (withApiRoute) cannot
// take: a multipart file upload, whose bytes must reach the handler untouched (a Windows-1252 CSV
// is not UTF-8 text) and may exceed the JSON body's 1 MB. The same key authentication, rate limit
// and error shape; the handler reads the form itself.

type RouteContext<P> = { params: Promise<P> };

export interface UploadArgs<P> {
  request: Request;
  ctx: ServiceContext;
  params: P;
}

/** Multipart form data, or a 400 when the body is not one. */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('validation_failed', 'Send the file as multipart/form-data (a "file" part).', [
      { path: 'file', message: 'Expected multipart/form-data' },
    ]);
  }
  try {
    return await request.formData();
  } catch {
    throw new AppError('validation_failed', 'The multipart body could not be read.', [{ path: 'file', message: 'Malformed multipart body' }]);
  }
}

export function withUploadRoute<P extends Record<string, string> = Record<string, never>>(handler: (args: UploadArgs<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let headers: Record<string, string> = {};
    try {
      const identity = await authenticateRequest(request);
      const limit = await consumeRateLimit(`key:${identity.apiKeyId}`);
      headers = rateLimitHeaders(limit);
      if (!limit.allowed) throw new AppError('rate_limited', rateLimitExceededMessage(limit));
      const params = context?.params ? await context.params : ({} as P);
      const response = await handler({ request, ctx: identity.ctx, params });
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error, headers);
    }
  };
}
