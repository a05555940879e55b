import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { acceptInvitationInput, type AcceptInvitationInput } from '../../schemas/user';
import { insertUserWithPassword } from '../users/insert-user-with-password';
import { hashInvitationToken } from './invitation-token';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Turns an open invitation into an account with the invited email and role and the chosen
 * password. The invitation is claimed by one conditional update, so a link accepted twice at once
 * makes one account; if the account cannot be made, the claim is rolled back with it.
 */
export async function acceptInvitation({ input }: { input: AcceptInvitationInput }) {
  const data = acceptInvitationInput.parse(input);
  const tokenHash = hashInvitationToken(data.token);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.invitation.updateMany({
      where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) {
      const invitation = await tx.invitation.findUnique({ where: { tokenHash }, select: { acceptedAt: true, revokedAt: true } });
      if (!invitation || invitation.revokedAt) throw new AppError('not_found', 'This invitation link is not valid. Ask your admin for a new one.');
      if (invitation.acceptedAt) throw new AppError('conflict', 'This invitation was already used: sign in instead.');
      throw new AppError('unprocessable', 'This invitation has expired. Ask your admin for a new one.');
    }
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash }, select: { email: true, role: true } });
    const taken = await tx.user.findFirst({ where: { email: { equals: invitation.email, mode: 'insensitive' } }, select: { id: true } });
    if (taken) throw new AppError('conflict', `${invitation.email} already has an account: sign in instead.`);
    const user = await insertUserWithPassword(tx, { name: data.name, email: invitation.email, role: invitation.role, password: data.password });
    // the person accepting acts, in the browser; they exist only now, and the change record's
    // triggers read who acts at commit, so saying it after the insert still covers it
    await setChangeActor(tx, { user, source: 'ui' });
    return user;
  });
}
