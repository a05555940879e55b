import 'server-only';
import { AppError } from '../errors';
import { authenticateApiKey, type ApiKeyIdentity } from '../services/api-keys/authenticate-api-key';

// A short in-process cache: the hot path must not pay a key lookup per request, and a revoked key
// stops working within this many milliseconds.
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 1_000;
// Kept on globalThis: Next bundles this module once for the route handlers and again for the
// server actions, and revoking a key from the settings page must clear the copy the API reads.
const CACHE_KEY = Symbol.for('dealboard.apiKeyCache');
const cache: Map<string, { identity: ApiKeyIdentity; expires: number }> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] ??= new Map()) as Map<
  string,
  { identity: ApiKeyIdentity; expires: number }
>;

/** The API key sent as `X-Api-Key: <key>` or `Authorization: Bearer <key>`, or null. */
export function readApiKey(request: Request): string | null {
  const header = request.headers.get('x-api-key');
  if (header) return header.trim();
  const authorization = request.headers.get('authorization');
  const match = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim() ?? null;
}

/** The acting user behind the request's API key; 401 when there is none or it is unknown or revoked. */
export async function authenticateRequest(request: Request): Promise<ApiKeyIdentity> {
  const secret = readApiKey(request);
  if (!secret) {
    throw new AppError('unauthorized', 'Send your API key in the X-Api-Key header (or Authorization: Bearer <key>).');
  }
  return authenticateSecret(secret);
}

/** The acting user behind an API key however it was sent (compatibility dialects: `?hapikey=`); 401 when unknown. */
export async function authenticateSecret(secret: string): Promise<ApiKeyIdentity> {
  const now = Date.now();
  const hit = cache.get(secret);
  if (hit && hit.expires > now) return hit.identity;
  const identity = await authenticateApiKey(secret);
  if (!identity) {
    cache.delete(secret);
    throw new AppError('unauthorized', 'The API key is not valid or was revoked.');
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(secret, { identity, expires: now + CACHE_TTL_MS });
  return identity;
}

/** Forget cached keys (a key was revoked in this process, or tests). */
export function clearApiKeyCache(): void {
  cache.clear();
}
