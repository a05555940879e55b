import 'server-only';
import { cache } from 'react';
import { db } from '../db';
import { getEnv } from '../env';
import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';

/**
 * The acting user for requests from the browser. Until sign-in exists, the browser acts as the
 * configured user (the seeded manager by default), so every write still names its actor.
 */
export const getBrowserContext = cache(async (): Promise<ServiceContext> => {
  const email = getEnv().DEALBOARD_BROWSER_USER_EMAIL;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, role: true } });
  if (!user) {
    throw new AppError('unavailable', `No user ${email} exists yet: run npm run db:seed, or set DEALBOARD_BROWSER_USER_EMAIL.`);
  }
  return { user, source: 'ui' };
});
