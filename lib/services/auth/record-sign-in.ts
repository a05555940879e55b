import 'server-only';
import { db } from '../../db';

/** Remembers when a user last signed in (Settings → Users lists it). */
export async function recordSignIn({ userId, at }: { userId: number; at: Date }): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: at } });
}
