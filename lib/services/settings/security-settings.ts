import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { writeAs } from '../../change-record/change-actor';

/** The Setting row holding whether everyone must sign in with a second factor (JSON boolean). */
export const REQUIRE_TWO_FACTOR_KEY = 'security.requireTwoFactor';

export interface SecuritySettings {
  /** every user must turn on an authenticator app before working (default false) */
  requireTwoFactor: boolean;
}

// Read on every signed-in request of a user without a second factor, so kept per process for a
// few seconds; a change made here clears this process at once, others within CACHE_MS.
const CACHE_MS = 5_000;
const CACHE_KEY = Symbol.for('dealboard.securitySettings');
const globalForCache = globalThis as unknown as Record<symbol, { value: SecuritySettings; expires: number } | undefined>;

/** The security settings as the request gate needs them (no actor: the gate runs before any). */
export async function readSecuritySettings(): Promise<SecuritySettings> {
  const hit = globalForCache[CACHE_KEY];
  if (hit && hit.expires > Date.now()) return hit.value;
  const row = await db.setting.findUnique({ where: { key: REQUIRE_TWO_FACTOR_KEY }, select: { value: true } });
  const value = { requireTwoFactor: row?.value === true };
  globalForCache[CACHE_KEY] = { value, expires: Date.now() + CACHE_MS };
  return value;
}

/** Admins: require (or stop requiring) a second factor for everyone. */
export async function updateSecuritySettings({ ctx, input }: { ctx: ServiceContext; input: SecuritySettings }): Promise<SecuritySettings> {
  assertAdmin(ctx, 'change the security settings');
  await writeAs(ctx, (tx) =>
    tx.setting.upsert({
      where: { key: REQUIRE_TWO_FACTOR_KEY },
      create: { key: REQUIRE_TWO_FACTOR_KEY, value: input.requireTwoFactor },
      update: { value: input.requireTwoFactor },
    }),
  );
  globalForCache[CACHE_KEY] = undefined;
  return { requireTwoFactor: input.requireTwoFactor };
}
