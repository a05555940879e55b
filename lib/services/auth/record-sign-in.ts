import 'server-only';
import { db } from '../../db';

/**
 * Remembers when a user last signed in (Settings → Users lists it). A password alone does not sign
 * in someone with a second factor: the session made at that step is replaced by the one the code's
 * check makes, which is the sign-in remembered.
 */
export async function recordSignIn({ userId, at, afterPasswordOnly = false }: { userId: number; at: Date; afterPasswordOnly?: boolean }): Promise<void> {
  await db.user.updateMany({ where: { id: userId, ...(afterPasswordOnly ? { twoFactorEnabled: false } : {}) }, data: { lastSignInAt: at } });
}
