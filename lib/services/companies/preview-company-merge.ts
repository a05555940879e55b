import 'server-only';
import { db, type Prisma } from '../../db';
import type { MergeMoves } from '../../schemas/merge';
import type { ServiceContext } from '../context';
import { assertMayMergeRecords } from '../permissions';
import { getCompanyOrThrow } from './get-company-or-throw';

/** What merging the company away would move: its (not deleted) deals, their activities and tasks, and its contacts. */
export async function countCompanyMoves(client: Prisma.TransactionClient, companyId: number): Promise<MergeMoves> {
  const onDeal = { deal: { deletedAt: null, OR: [{ companyId }, { companies: { some: { companyId } } }] } };
  // one after the other: the client may be a transaction (one connection)
  const deals = await client.deal.count({ where: onDeal.deal });
  const activities = await client.activity.count({ where: onDeal });
  const tasks = await client.task.count({ where: onDeal });
  const contacts = await client.contact.count({ where: { companyId, deletedAt: null } });
  return { deals, activities, tasks, contacts };
}

/** The merge dialog's confirmation: what would move from the company. Managers and admins (403 otherwise). */
export async function previewCompanyMerge({ ctx, input }: { ctx: ServiceContext; input: { companyId: number } }): Promise<MergeMoves> {
  assertMayMergeRecords(ctx, 'companies');
  await getCompanyOrThrow({ ctx, input });
  return countCompanyMoves(db, input.companyId);
}
