import 'server-only';
import { db, type Prisma } from '../../db';

/**
 * Records the answer to a claimed Idempotency-Key so retries replay it, or releases the claim when
 * the request failed on our side (a retry should then run again).
 */
export async function finishIdempotencyKey({ input }: { input: { recordId: number; statusCode: number; body: unknown } }): Promise<void> {
  if (input.statusCode >= 500) {
    await db.idempotencyKey.delete({ where: { id: input.recordId } });
    return;
  }
  await db.idempotencyKey.update({
    where: { id: input.recordId },
    data: { statusCode: input.statusCode, responseBody: (input.body ?? null) as Prisma.InputJsonValue },
  });
}
