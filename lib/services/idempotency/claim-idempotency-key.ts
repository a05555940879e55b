import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';

export type IdempotencyClaim = { kind: 'new'; recordId: number } | { kind: 'replay'; statusCode: number; body: unknown };

// Prisma's unique-constraint violation
const UNIQUE_VIOLATION = 'P2002';

/**
 * Claims an Idempotency-Key for one request of this API key. The first request wins the claim and
 * runs; a retry with the same request gets the first answer back; the same key with another
 * request, or while the first is still running, is a conflict.
 */
export async function claimIdempotencyKey({ input }: { input: { apiKeyId: number; key: string; requestHash: string } }): Promise<IdempotencyClaim> {
  if (input.key.length === 0 || input.key.length > 255) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters.', [
      { path: 'Idempotency-Key', message: 'Must be 1 to 255 characters' },
    ]);
  }
  try {
    const created = await db.idempotencyKey.create({
      data: { apiKeyId: input.apiKeyId, key: input.key, requestHash: input.requestHash },
      select: { id: true },
    });
    return { kind: 'new', recordId: created.id };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
  }
  const existing = await db.idempotencyKey.findUnique({
    where: { apiKeyId_key: { apiKeyId: input.apiKeyId, key: input.key } },
    select: { requestHash: true, statusCode: true, responseBody: true },
  });
  if (!existing) return claimIdempotencyKey({ input }); // released between our two reads: try again
  if (existing.requestHash !== input.requestHash) {
    throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.');
  }
  if (existing.statusCode === null) {
    throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  return { kind: 'replay', statusCode: existing.statusCode, body: existing.responseBody };
}
