import { z } from 'zod';
import type { ZodOpenApiResponsesObject } from 'zod-openapi';
import { limitSchema } from '../api/pagination';

// Pieces every path file of the OpenAPI document reuses.

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const ERROR_DESCRIPTIONS = {
  400: 'Bad JSON or a field that is missing, malformed or unknown',
  401: 'No API key, or an unknown or revoked one',
  403: 'Your role may not do this',
  404: 'No such record (or an ID of another kind)',
  409: 'Conflict with the current state (or a reused Idempotency-Key)',
  412: 'If-Match does not match the current version',
  413: 'Body over 1 MB',
  422: 'Valid shape, impossible request',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'The server cannot do this now; the message says why',
} as const;

/** Error responses for the given statuses (401 and 429 are added to every operation). */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]): ZodOpenApiResponsesObject {
  const all = new Set([...statuses, 401, 429] as const);
  return Object.fromEntries(
    [...all]
      .sort()
      .map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: errorBodySchema } } }]),
  );
}

/** `{"data": schema}` */
export function dataEnvelope<S extends z.ZodType>(schema: S) {
  return z.object({ data: schema });
}

/** `{"data": [schema], "has_more", "next_cursor"}` */
export function listEnvelope<S extends z.ZodType>(schema: S) {
  return z.object({ data: z.array(schema), has_more: z.boolean(), next_cursor: z.string().nullable() });
}

export const paginationQuery = {
  limit: limitSchema.optional().meta({ description: 'Results per page (default 50, max 200)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
};

/** A path parameter `id` holding a public ID. */
export function idPathParam(example: string) {
  return z.object({ id: z.string().meta({ example }) });
}
