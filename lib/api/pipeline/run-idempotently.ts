import 'server-only';
import { createHash } from 'node:crypto';
import { claimIdempotencyKey } from '../../services/idempotency/claim-idempotency-key';
import { finishIdempotencyKey } from '../../services/idempotency/finish-idempotency-key';

/**
 * Runs a POST once per Idempotency-Key: the first answer (an error answer too) is stored with a hash
 * of the request, and a repeat of the same request gets it again, marked Idempotent-Replayed.
 */
export async function runIdempotently(request: Request, apiKeyId: number, key: string, bodyText: string, run: () => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const requestHash = createHash('sha256').update(`${request.method} ${url.pathname}${url.search}\n${bodyText}`).digest('hex');
  const claim = await claimIdempotencyKey({ input: { apiKeyId, key: key.trim(), requestHash } });
  if (claim.kind === 'replay') {
    return Response.json(claim.body, { status: claim.statusCode, headers: { 'Idempotent-Replayed': 'true' } });
  }
  const response = await run();
  const text = await response.clone().text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  await finishIdempotencyKey({ input: { recordId: claim.recordId, statusCode: response.status, body } });
  return response;
}
