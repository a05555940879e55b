import 'server-only';
import { setTimeout as delay } from 'node:timers/promises';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { db } from '../../db';
import { getEnv } from '../../env';

// Failed sign-ins, counted in the database (sign_in_throttles) so every server process sees them:
// per email (someone guessing one person's password) and per address (someone trying many emails).
// After a few failures each further failure is answered more slowly; past the limit, sign-in is
// refused for a while with 429 and Retry-After. A successful sign-in clears the email's count.

export const SIGN_IN_LIMITS = {
  email: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  address: { points: 50, duration: 60 * 60, blockDuration: 60 * 60 },
  /** failures of one email answered at full speed before each further failure is slowed */
  freeFailures: 3,
  // each further failure waits 250 ms, doubling, up to SIGN_IN_FAILURE_DELAY_MS_MAX (default 4 s)
} as const;

interface Limiters {
  email: RateLimiterPrisma;
  address: RateLimiterPrisma;
}

const LIMITERS_KEY = Symbol.for('dealboard.signInLimiters');
const globalForLimiters = globalThis as unknown as Record<symbol, Limiters | undefined>;

function limiters(): Limiters {
  globalForLimiters[LIMITERS_KEY] ??= {
    email: new RateLimiterPrisma({ storeClient: db, tableName: 'signInThrottle', keyPrefix: 'email', clearExpiredByTimeout: false, ...SIGN_IN_LIMITS.email }),
    address: new RateLimiterPrisma({ storeClient: db, tableName: 'signInThrottle', keyPrefix: 'ip', clearExpiredByTimeout: false, ...SIGN_IN_LIMITS.address }),
  };
  return globalForLimiters[LIMITERS_KEY];
}

export interface SignInRefusal {
  message: string;
  retryAfterSeconds: number;
}

function refusalOf(res: RateLimiterRes | null, points: number, who: string): SignInRefusal | null {
  if (!res || res.consumedPoints < points) return null;
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return {
    message: `Too many failed sign-ins ${who}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
    retryAfterSeconds,
  };
}

/** Null when this sign-in may be tried; otherwise why not and for how long. */
export async function checkSignInAllowed({ email, address }: { email: string; address: string }): Promise<SignInRefusal | null> {
  const { email: byEmail, address: byAddress } = limiters();
  const [emailRes, addressRes] = await Promise.all([email ? byEmail.get(email) : null, byAddress.get(address)]);
  return (
    refusalOf(emailRes, SIGN_IN_LIMITS.email.points, 'for this email') ?? refusalOf(addressRes, SIGN_IN_LIMITS.address.points, 'from your network address')
  );
}

async function consume(limiter: RateLimiterPrisma, key: string): Promise<number> {
  try {
    return (await limiter.consume(key)).consumedPoints;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection.consumedPoints;
    throw rejection;
  }
}

/** Counts a failed sign-in, then holds the answer back longer the more this email has failed. */
export async function recordFailedSignIn({ email, address }: { email: string; address: string }): Promise<void> {
  const { email: byEmail, address: byAddress } = limiters();
  const [emailFailures] = await Promise.all([email ? consume(byEmail, email) : 0, consume(byAddress, address)]);
  const over = emailFailures - SIGN_IN_LIMITS.freeFailures;
  if (over > 0) await delay(Math.min(getEnv().SIGN_IN_FAILURE_DELAY_MS_MAX, 250 * 2 ** (over - 1)));
}

/** A successful sign-in: this email starts again from zero failures. */
export async function clearFailedSignIns({ email }: { email: string }): Promise<void> {
  if (email) await limiters().email.delete(email);
}
