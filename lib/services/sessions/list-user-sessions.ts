import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

export interface UserSessionSummary {
  id: number;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  current: boolean;
}

/** The acting user's signed-in browsers (never their tokens), the current one marked, newest first. */
export async function listUserSessions({ ctx, input }: { ctx: ServiceContext; input: { currentSessionId: number | null } }): Promise<UserSessionSummary[]> {
  const sessions = await db.session.findMany({
    where: { userId: ctx.user.id, expiresAt: { gt: new Date() } },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, updatedAt: true },
  });
  return sessions.map((s) => ({
    id: s.id,
    userAgent: s.userAgent,
    ipAddress: s.ipAddress,
    createdAt: s.createdAt,
    lastActiveAt: s.updatedAt,
    current: s.id === input.currentSessionId,
  }));
}
