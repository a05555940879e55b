import { toPublicId } from '../../ids';
import type { UserJson } from '../../schemas/user';
import type { WorkspaceUser } from '../../services/users/workspace-user';
import { isoSeconds } from '../format';

/** A user → API JSON (snake_case); never a password, session or key. */
export function serializeUser(user: WorkspaceUser): UserJson {
  return {
    id: toPublicId('user', user.id),
    number: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    active: user.active,
    last_sign_in_at: isoSeconds(user.lastSignInAt),
    created_at: isoSeconds(user.createdAt),
  };
}
