import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { readBoardPreferences, type BoardPreferences } from './board-preferences';

/** The acting user's board preferences (collapsed columns). */
export async function getBoardPreferences({ ctx }: { ctx: ServiceContext }): Promise<BoardPreferences> {
  const user = await db.user.findUnique({ where: { id: ctx.user.id }, select: { preferences: true } });
  return readBoardPreferences(user?.preferences);
}
