import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { UserRole } from '../generated/prisma/client';
import type { ServiceContext } from '../services/context';
import { readSecuritySettings } from '../services/settings/security-settings';
import { getAuth } from './auth';
import { REQUEST_PATH_HEADER, signInPathFor } from './sign-in-path';

export interface BrowserSession {
  ctx: ServiceContext;
  sessionId: number;
  /** the user signs in with an authenticator app too */
  twoFactorEnabled: boolean;
}

/** Where a user without a second factor is sent while the workspace requires one. */
export const TWO_FACTOR_SETUP_PATH = '/account?two-factor=required';

/**
 * The signed-in user of this request, or null: one read of the session (with its user) per
 * request, shared by the layout, the page and the server action through React's request cache.
 */
export const readBrowserSession = cache(async (): Promise<BrowserSession | null> => {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: await headers() });
  if (!found) return null;
  const { user, session } = found;
  return {
    ctx: { user: { id: Number(user.id), name: user.name, email: user.email, role: user.role as UserRole }, source: 'ui' },
    sessionId: Number(session.id),
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
});

/**
 * The acting user for pages and server actions. Without a valid session the visitor is sent to
 * the sign-in page and back to the page they were on; a server action is refused the same way,
 * before it reads or changes anything.
 */
export async function getBrowserContext(): Promise<ServiceContext> {
  const session = await readBrowserSession();
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  if (!session) redirect(signInPathFor(path));
  // while the workspace requires a second factor, a user without one may only set it up
  if (!session.twoFactorEnabled && !(path ?? '').startsWith('/account') && (await readSecuritySettings()).requireTwoFactor) {
    redirect(TWO_FACTOR_SETUP_PATH);
  }
  return session.ctx;
}
