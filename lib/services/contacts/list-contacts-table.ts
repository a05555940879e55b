import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

/** The contacts table page, by name. */
export async function listContactsTable({ ctx, input }: { ctx: ServiceContext; input: { take: number } }) {
  void ctx; // every role can read every contact
  return db.contact.findMany({
    where: { deletedAt: null },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: input.take,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      company: { select: { name: true } },
      _count: { select: { deals: true } },
    },
  });
}
