import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { createUserInput, type CreateUserInput } from '../../schemas/user';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { generatePassword } from './generate-password';
import { insertUserWithPassword } from './insert-user-with-password';
import { findWorkspaceUserOrThrow, type WorkspaceUser } from './workspace-user';
import { setChangeActor } from '../../change-record/change-actor';

export interface CreatedUser {
  user: WorkspaceUser;
  /** the password made up for the user when none was given: shown this once, never stored */
  generatedPassword?: string;
}

/**
 * Adds a user who can sign in with a password at once (their email counts as verified: an admin
 * vouches for it). Admins only. An email already in use, in any letter case, is a 409.
 */
export async function createUser({ ctx, input }: { ctx: ServiceContext; input: CreateUserInput }): Promise<CreatedUser> {
  assertAdmin(ctx, 'add users');
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'The user is not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const data = parsed.data;
  const generatedPassword = data.password === undefined ? generatePassword() : undefined;
  try {
    const user = await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      // older rows may hold mixed-case emails, which the unique index tells apart
      const taken = await tx.user.findFirst({ where: { email: { equals: data.email, mode: 'insensitive' } }, select: { id: true } });
      if (taken) throw emailTaken(data.email);
      const created = await insertUserWithPassword(tx, { name: data.name, email: data.email, role: data.role, password: data.password ?? generatedPassword! });
      return findWorkspaceUserOrThrow(created.id, tx);
    });
    return generatedPassword === undefined ? { user } : { user, generatedPassword };
  } catch (error) {
    // two requests adding the same email at once: the unique index refuses the second
    if ((error as { code?: unknown }).code === 'P2002') throw emailTaken(data.email);
    throw error;
  }
}

function emailTaken(email: string): AppError {
  return new AppError('conflict', `A user with the email ${email} already exists.`, [{ path: 'email', message: 'Already in use' }]);
}
