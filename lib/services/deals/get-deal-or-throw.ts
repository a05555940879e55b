import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/**
 * The (not deleted) deal row, or 404. Every role may read every deal. Inside a transaction pass
 * `tx`: on the embedded database a read outside an open transaction waits for it to end.
 */
export async function getDealOrThrow({ ctx, input, tx }: { ctx: ServiceContext; input: { dealId: number }; tx?: Prisma.TransactionClient }) {
  void ctx;
  const deal = await (tx ?? db).deal.findFirst({ where: { id: input.dealId, deletedAt: null } });
  if (!deal) throw new AppError('not_found', 'No deal with this ID exists.');
  return deal;
}
