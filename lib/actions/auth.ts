'use server';

import { headers } from 'next/headers';
import { getAuth } from '../auth/auth';
import { createFirstAdminInput } from '../schemas/user';
import { createFirstAdmin } from '../services/users/create-first-admin';
import { runAction, type ActionResult } from './run-action';

/**
 * First run: creates the workspace's first account as admin and signs it in (the session cookie
 * is set on this response). Refused once any user exists.
 */
export async function createFirstAdminAction(input: { name: string; email: string; password: string }): Promise<ActionResult<null>> {
  return runAction(async () => {
    const data = createFirstAdminInput.parse(input);
    await createFirstAdmin({ input: data });
    const auth = await getAuth();
    await auth.api.signInEmail({ body: { email: data.email, password: data.password }, headers: await headers() });
    return null;
  });
}
