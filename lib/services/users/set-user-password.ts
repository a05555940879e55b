import 'server-only';
import { hashPassword } from 'better-auth/crypto';
import { db } from '../../db';
import { AppError } from '../../errors';
import { passwordSchema } from '../../schemas/user';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { generatePassword } from './generate-password';
import { findWorkspaceUserOrThrow, userNotFound, type WorkspaceUser } from './workspace-user';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';

export interface PasswordSet {
  user: WorkspaceUser;
  /** the password made up when none was given: shown this once, never stored */
  generatedPassword?: string;
}

/**
 * An admin sets a user's password (a forgotten password, a handover): the password sign-in is
 * written the way better-auth reads it, added if the user had none (single sign-on only), and every
 * session of the user is deleted in the same transaction, so whoever knew the old password is out.
 * Admins only; an admin may reset their own (the CLI's way back in).
 */
export async function setUserPassword({ ctx, input }: { ctx: ServiceContext; input: { userId: number; password?: string | undefined } }): Promise<PasswordSet> {
  assertAdmin(ctx, "set other users' passwords");
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const parsed = passwordSchema.safeParse(input.password ?? generatedPassword);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'The password is not valid.',
      parsed.error.issues.map((i) => ({ path: 'password', message: i.message })),
    );
  }
  // hashed before the transaction: the library's scrypt takes a while and needs no lock
  const passwordHash = await hashPassword(parsed.data);
  const user = await db.$transaction(async (tx) => {
    const [row] = await queryRows<{ id: number }>(tx, sqlBuilder.selectFrom('users').select('id').where('id', '=', input.userId).forUpdate());
    if (!row) throw userNotFound(input.userId);
    const { count } = await tx.account.updateMany({ where: { userId: row.id, providerId: 'credential' }, data: { password: passwordHash } });
    if (count === 0) await tx.account.create({ data: { userId: row.id, providerId: 'credential', accountId: String(row.id), password: passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.id } });
    return findWorkspaceUserOrThrow(row.id, tx);
  });
  return generatedPassword === undefined ? { user } : { user, generatedPassword };
}
