'use server';

import { headers } from 'next/headers';
import { refresh } from 'next/cache';
import { getAuth } from '../auth/auth';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { acceptInvitation } from '../services/invitations/accept-invitation';
import { createInvitation } from '../services/invitations/create-invitation';
import { revokeInvitation } from '../services/invitations/revoke-invitation';
import { createInvitationInput } from '../schemas/user';
import { runAction, type ActionResult } from './run-action';

/** Settings → Users: invites someone; the link is answered once, to copy. */
export async function createInvitationAction(input: {
  email: string;
  role: string;
  name?: string;
}): Promise<ActionResult<{ link: string; emailed: boolean; email: string }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const { invitation, link, emailed } = await createInvitation({ ctx, input: createInvitationInput.parse(input) });
    refresh();
    return { link, emailed, email: invitation.email };
  });
}

export async function revokeInvitationAction(invitationId: number): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    if (!Number.isSafeInteger(invitationId) || invitationId <= 0) throw new AppError('not_found', 'That invitation is no longer open.');
    await revokeInvitation({ ctx, input: { invitationId } });
    refresh();
    return null;
  });
}

/** The invitation page (signed out): creates the account and signs it in on this response. */
export async function acceptInvitationAction(input: { token: string; name: string; password: string }): Promise<ActionResult<null>> {
  return runAction(async () => {
    const user = await acceptInvitation({ input });
    const auth = await getAuth();
    await auth.api.signInEmail({ body: { email: user.email, password: input.password }, headers: await headers() });
    return null;
  });
}
