import 'server-only';
import { hashPassword } from 'better-auth/crypto';
import type { Prisma, UserRole } from '../../generated/prisma/client';

/**
 * Writes a user and their password sign-in the way better-auth reads them (a "credential"
 * account holding the library's password hash), inside the caller's transaction.
 */
export async function insertUserWithPassword(
  tx: Prisma.TransactionClient,
  input: { name: string; email: string; role: UserRole; password: string },
): Promise<{ id: number; name: string; email: string; role: UserRole }> {
  const passwordHash = await hashPassword(input.password);
  const user = await tx.user.create({
    data: { name: input.name, email: input.email, role: input.role, emailVerified: true },
    select: { id: true, name: true, email: true, role: true },
  });
  await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: String(user.id), password: passwordHash } });
  return user;
}
