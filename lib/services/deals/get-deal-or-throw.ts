import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** The (not deleted) deal row, or 404. Every role may read every deal. */
export async function getDealOrThrow({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx;
  const deal = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null } });
  if (!deal) throw new AppError('not_found', 'No deal with this ID exists.');
  return deal;
}
