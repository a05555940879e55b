import 'server-only';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getDbConnection } from '../db';
import { getEnv } from '../env';
import { BatchedRateLimiter, type LimitDecision } from './batched-rate-limiter';

// Per API key, a fixed window of one minute (rate-limiter-flexible). On PostgreSQL the counters live
// in the rate_limits table so every server process shares them (written through a pool that commits
// without waiting for the disk: lib/database/connect.ts), counted in batches while a key is far from
// its limit (batched-rate-limiter.ts); the embedded database serves one process, so memory is the
// shared store there.

const WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** seconds until the window resets */
  resetSeconds: number;
  allowed: boolean;
}

interface Limiter {
  consume(key: string): Promise<LimitDecision>;
}

const globalForLimiter = globalThis as unknown as { __dealboardRateLimiter?: { limiter: Limiter; limit: number; pool: unknown } };

/** Decides each request in process memory (the embedded database: one process). */
function memoryLimiter(options: { points: number; duration: number; keyPrefix: string }): Limiter {
  const store = new RateLimiterMemory(options);
  return {
    async consume(key) {
      try {
        const res = await store.consume(key, 1);
        return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext, allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { consumed: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext, allowed: false };
        throw rejection;
      }
    },
  };
}

function getLimiter(): { limiter: Limiter; limit: number } {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  const connection = getDbConnection();
  const pool = connection.rateLimitPool ?? null;
  const current = globalForLimiter.__dealboardRateLimiter;
  if (current && current.limit === limit && current.pool === pool) return current;
  const options = { points: limit, duration: WINDOW_SECONDS, keyPrefix: 'api' };
  const limiter = pool
    ? new BatchedRateLimiter(
        new RateLimiterPostgres({
          ...options,
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          tableCreated: true,
          clearExpiredByTimeout: true,
        }),
        limit,
      )
    : memoryLimiter(options);
  globalForLimiter.__dealboardRateLimiter = { limiter, limit, pool };
  return { limiter, limit };
}

/** Counts one request for this key and says whether it may proceed. */
export async function consumeRateLimit(key: string): Promise<RateLimitState> {
  const { limiter, limit } = getLimiter();
  const decision = await limiter.consume(key);
  return {
    limit,
    remaining: Math.max(0, limit - decision.consumed),
    resetSeconds: Math.max(1, Math.ceil(decision.msBeforeNext / 1000)),
    allowed: decision.allowed,
  };
}

/** The 429 message of a key over its limit (the native API's words, which most dialects keep). */
export function rateLimitExceededMessage(state: RateLimitState): string {
  return `Rate limit of ${state.limit} requests per minute exceeded; retry in ${state.resetSeconds} s.`;
}

/** The RateLimit-* headers announced on every answer (the IETF draft's names, which clients already read). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
  if (!state.allowed) headers['Retry-After'] = String(state.resetSeconds);
  return headers;
}
