import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';

/** The companies table page, by name. */
export async function listCompaniesTable({ ctx, input }: { ctx: ServiceContext; input: { take: number } }) {
  void ctx; // every role can read every company
  return db.company.findMany({
    where: { deletedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: input.take,
    select: { id: true, name: true, domain: true, _count: { select: { contacts: true, deals: true } } },
  });
}
