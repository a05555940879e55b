import 'server-only';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getDbConnection } from '../db';
import { getEnv } from '../env';

// Per API key, a fixed window of one minute (rate-limiter-flexible). On PostgreSQL the counters live
// in the rate_limits table so every server process shares them (written through a pool that commits
// without waiting for the disk: lib/database/connect.ts); the embedded database serves one
// process, so memory is the shared store there.

const WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** seconds until the window resets */
  resetSeconds: number;
  allowed: boolean;
}

const globalForLimiter = globalThis as unknown as { __dealboardRateLimiter?: { limiter: RateLimiterAbstract; limit: number; pool: unknown } };

function getLimiter(): { limiter: RateLimiterAbstract; limit: number } {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  const connection = getDbConnection();
  const pool = connection.rateLimitPool ?? null;
  const current = globalForLimiter.__dealboardRateLimiter;
  if (current && current.limit === limit && current.pool === pool) return current;
  const options = { points: limit, duration: WINDOW_SECONDS, keyPrefix: 'api' };
  const limiter = pool
    ? new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true })
    : new RateLimiterMemory(options);
  globalForLimiter.__dealboardRateLimiter = { limiter, limit, pool };
  return { limiter, limit };
}

/** Counts one request for this key and says whether it may proceed. */
export async function consumeRateLimit(key: string): Promise<RateLimitState> {
  const { limiter, limit } = getLimiter();
  try {
    const res = await limiter.consume(key, 1);
    return toState(res, limit, true);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return toState(rejection, limit, false);
    throw rejection;
  }
}

function toState(res: RateLimiterRes, limit: number, allowed: boolean): RateLimitState {
  return {
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    allowed,
  };
}

/** The RateLimit-* headers announced on every answer (IETF draft names, as the issue asks). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
  if (!state.allowed) headers['Retry-After'] = String(state.resetSeconds);
  return headers;
}
