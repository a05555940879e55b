import 'server-only';
import { db } from '../../db';
import { hashInvitationToken } from './invitation-token';

export type InvitationLookup =
  | { state: 'open'; email: string; name: string | null; role: string; invitedBy: string; expiresAt: Date }
  | { state: 'invalid' | 'expired' | 'used' };

/** What the invitation page shows for a link (signed out, so nothing beyond the invitation itself). */
export async function getInvitationByToken({ input }: { input: { token: string } }): Promise<InvitationLookup> {
  if (!input.token || input.token.length > 200) return { state: 'invalid' };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(input.token) },
    select: { email: true, name: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, invitedBy: { select: { name: true } } },
  });
  if (!invitation || invitation.revokedAt) return { state: 'invalid' };
  if (invitation.acceptedAt) return { state: 'used' };
  if (invitation.expiresAt <= new Date()) return { state: 'expired' };
  return {
    state: 'open',
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    invitedBy: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
  };
}
