import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

/** Invitations still waiting to be accepted (not expired, not revoked), newest first. */
export async function listOpenInvitations({ ctx }: { ctx: ServiceContext }) {
  assertAdmin(ctx, 'see invitations');
  return db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
  });
}
