import 'server-only';
import { z } from 'zod';
import { db } from '../../db';
import { AppError } from '../../errors';
import { emailDomainListSchema, emailDomainSchema } from '../../schemas/email-domain';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { writeAs } from '../../change-record/change-actor';

/** The Setting row holding the email domains whose people may join by single sign-on (JSON array). */
export const SSO_ALLOWED_DOMAINS_KEY = 'sso.allowedEmailDomains';

export interface SsoSettings {
  /** a new person signing in by SSO gets an account (as a rep) only at one of these domains */
  allowedEmailDomains: string[];
}

// Read on every SSO sign-up; a change made here clears this process at once, others within CACHE_MS.
const CACHE_MS = 5_000;
const CACHE_KEY = Symbol.for('dealboard.ssoSettings');
const globalForCache = globalThis as unknown as Record<symbol, { value: SsoSettings; expires: number } | undefined>;

// what the row holds was validated on write; a hand-edited row keeps only its valid domains
const storedDomains = z.array(z.unknown()).catch([]);

/** The SSO settings as the sign-up rule needs them (no actor: it runs before anyone is signed in). */
export async function readSsoSettings(): Promise<SsoSettings> {
  const hit = globalForCache[CACHE_KEY];
  if (hit && hit.expires > Date.now()) return hit.value;
  const row = await db.setting.findUnique({ where: { key: SSO_ALLOWED_DOMAINS_KEY }, select: { value: true } });
  const allowedEmailDomains = storedDomains.parse(row?.value ?? []).flatMap((item) => {
    const parsed = emailDomainSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  const value = { allowedEmailDomains };
  globalForCache[CACHE_KEY] = { value, expires: Date.now() + CACHE_MS };
  return value;
}

/** Admins: the email domains allowed to join by single sign-on, as typed (comma- or line-separated). */
export async function updateSsoSettings({ ctx, input }: { ctx: ServiceContext; input: { allowedEmailDomains: string } }): Promise<SsoSettings> {
  assertAdmin(ctx, 'change the single sign-on settings');
  const parsed = emailDomainListSchema.safeParse(input.allowedEmailDomains);
  if (!parsed.success) {
    // every problem belongs to the one text field the admin typed into
    const details = parsed.error.issues.map((issue) => ({ path: 'allowedEmailDomains', message: issue.message }));
    throw new AppError('validation_failed', details[0]?.message ?? 'Enter domain names like example.com', details);
  }
  const allowedEmailDomains = parsed.data;
  await writeAs(ctx, (tx) =>
    tx.setting.upsert({
      where: { key: SSO_ALLOWED_DOMAINS_KEY },
      create: { key: SSO_ALLOWED_DOMAINS_KEY, value: allowedEmailDomains },
      update: { value: allowedEmailDomains },
    }),
  );
  globalForCache[CACHE_KEY] = undefined;
  return { allowedEmailDomains };
}
