import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { createFirstAdminInput, type CreateFirstAdminInput } from '../../schemas/user';
import { insertUserWithPassword } from './insert-user-with-password';
import { executeStatement } from '../../database/run-sql';
import { sql, tableName } from '../../database/typed-sql';

/**
 * The first account of an empty workspace, as its admin. Refused once any user exists: the users
 * table is locked for the check and the insert, so two first runs at once make one admin.
 */
export async function createFirstAdmin({ input }: { input: CreateFirstAdminInput }) {
  const data = createFirstAdminInput.parse(input);
  return db.$transaction(async (tx) => {
    await executeStatement(tx, sql`LOCK TABLE ${tableName('users')} IN SHARE ROW EXCLUSIVE MODE`);
    if ((await tx.user.count()) > 0) {
      throw new AppError('forbidden', 'This workspace already has users: sign in, or ask an admin to invite you.');
    }
    return insertUserWithPassword(tx, { ...data, role: 'admin' });
  });
}

/** Whether nobody can sign in yet (the sign-in page then offers to create the first admin). */
export async function isWorkspaceEmpty(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
