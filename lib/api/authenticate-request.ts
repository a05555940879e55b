import 'server-only';
import { credentialGeneration, mayCacheCredentials, subscribeToCredentialChanges } from '../auth/credential-changes';
import { AppError } from '../errors';
import { authenticateApiKey, type ApiKeyIdentity } from '../services/api-keys/authenticate-api-key';

// A short in-process cache: the hot path must not pay a key lookup per request. A revoked key, or
// one whose owner was deactivated or changed role, is forgotten at once in every process
// (lib/auth/credential-changes.ts); the time limit only bounds how long an idle entry is kept.
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 1_000;
// Kept on globalThis: Next bundles this module once for the route handlers and again for the
// server actions, and revoking a key from the settings page must clear the copy the API reads.
const CACHE_KEY = Symbol.for('dealboard.apiKeyCache');
type CachedIdentity = { identity: ApiKeyIdentity; expires: number };
const globalCaches = globalThis as Record<symbol, Map<string, CachedIdentity> | undefined>;
globalCaches[CACHE_KEY] ??= new Map();
const cache = globalCaches[CACHE_KEY];
subscribeToCredentialChanges(() => cache.clear());
// One lookup per key at a time: otherwise, when an entry expires (or before the listener is up),
// every request in flight looks the key up and bumps its lastUsedAt — under load dozens of UPDATEs
// of one row queued behind each other's lock. A request joins a lookup only if no credential
// change was heard since that lookup started, so a revocation is never answered from before it.
const inFlight = new Map<string, { generation: number; lookup: Promise<ApiKeyIdentity | null> }>();

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API key sent as `X-Api-Key: <key>` or `Authorization: Bearer <key>`, or null. */
export function readApiKey(request: Request): string | null {
  const header = request.headers.get('x-api-key');
  if (header) return header.trim();
  const authorization = request.headers.get('authorization');
  const match = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim() ?? null;
}

/** The 401 message of the native API when no key was sent. */
export const MISSING_KEY_MESSAGE = 'Send your API key in the X-Api-Key header (or Authorization: Bearer <key>).';

/** The acting user behind the request's API key; 401 when there is none or it is unknown or revoked. */
export async function authenticateRequest(request: Request): Promise<ApiKeyIdentity> {
  const secret = readApiKey(request);
  if (!secret) throw new AppError('unauthorized', MISSING_KEY_MESSAGE);
  return authenticateSecret(secret, request.method);
}

/**
 * The acting user behind an API key however it was sent (compatibility dialects: `?hapikey=`):
 * 401 when unknown, revoked or its owner is deactivated; 403 when a read-only key is used to write
 * (every door of the API calls this, so a read-only key writes nowhere).
 */
export async function authenticateSecret(secret: string, method: string): Promise<ApiKeyIdentity> {
  const identity = await identityOf(secret);
  if (identity.scope === 'read' && !READ_METHODS.has(method.toUpperCase())) {
    throw new AppError('forbidden', 'This API key is read-only: it can read but not change anything. Use a key with write access.');
  }
  return identity;
}

async function identityOf(secret: string): Promise<ApiKeyIdentity> {
  const now = Date.now();
  const cacheable = mayCacheCredentials();
  const hit = cacheable ? cache.get(secret) : undefined;
  if (hit && hit.expires > now) return hit.identity;
  const generation = credentialGeneration();
  let pending = inFlight.get(secret);
  if (!pending || pending.generation !== generation) {
    const entry = { generation, lookup: authenticateApiKey(secret) };
    pending = entry;
    inFlight.set(secret, entry);
    void entry.lookup
      .finally(() => {
        if (inFlight.get(secret) === entry) inFlight.delete(secret);
      })
      .catch(() => {});
  }
  const identity = await pending.lookup;
  if (!identity) {
    cache.delete(secret);
    throw new AppError('unauthorized', 'The API key is not valid, was revoked, or belongs to a deactivated user.');
  }
  if (cacheable && credentialGeneration() === generation) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(secret, { identity, expires: now + CACHE_TTL_MS });
  }
  return identity;
}

/** Forget cached keys (a key was revoked in this process, or tests). */
export function clearApiKeyCache(): void {
  cache.clear();
}
