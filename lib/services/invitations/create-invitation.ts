import 'server-only';
import { db } from '../../db';
import { getEnv } from '../../env';
import { AppError } from '../../errors';
import { createInvitationInput, type CreateInvitationInput } from '../../schemas/user';
import type { ServiceContext } from '../context';
import { sendMail } from '../mail/send-mail';
import { assertAdmin } from '../permissions';
import { hashInvitationToken, INVITATION_DAYS, newInvitationToken } from './invitation-token';

/**
 * Invites someone by email with a role: a link valid for 7 days, emailed when SMTP is configured
 * and always returned (shown once) so the admin can copy it. A person who already has an account
 * cannot be invited again; an earlier open invitation to the same email is replaced.
 */
export async function createInvitation({ ctx, input }: { ctx: ServiceContext; input: CreateInvitationInput }) {
  assertAdmin(ctx, 'invite people');
  const data = createInvitationInput.parse(input);
  const token = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await db.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { email: { equals: data.email, mode: 'insensitive' } }, select: { id: true } });
    if (existing) throw new AppError('conflict', `${data.email} already has an account.`, [{ path: 'email', message: 'This person already has an account' }]);
    await tx.invitation.updateMany({
      where: { email: data.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return tx.invitation.create({
      data: { email: data.email, name: data.name ?? null, role: data.role, tokenHash: hashInvitationToken(token), invitedById: ctx.user.id, expiresAt },
      select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true },
    });
  });
  const link = `${getEnv().appUrl}/invite/${token}`;
  const emailed = await sendMail({
    to: invitation.email,
    subject: `${ctx.user.name} invited you to Dealboard`,
    text: `Hello${invitation.name ? ` ${invitation.name}` : ''},\n\n${ctx.user.name} invited you to join their team on Dealboard as ${invitation.role}. Open this link within ${INVITATION_DAYS} days to choose your password:\n\n${link}\n`,
  });
  return { invitation, link, emailed };
}
