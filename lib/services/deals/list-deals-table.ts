import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

/** The deals table page: most recently updated first, one page. */
export async function listDealsTable({ ctx, input }: { ctx: ServiceContext; input: { take: number } }) {
  void ctx; // every role can read every deal
  return db.deal.findMany({
    where: { deletedAt: null },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: input.take,
    select: {
      id: true,
      name: true,
      value: true,
      currency: true,
      status: true,
      expectedClose: true,
      stage: { select: { name: true } },
      pipeline: { select: { name: true } },
      owner: { select: { name: true } },
      company: { select: { name: true } },
    },
  });
}
