import 'server-only';
import { db, type Prisma } from '../../db';
import type { MergeMoves } from '../../schemas/merge';
import type { ServiceContext } from '../context';
import { assertMayMergeRecords } from '../permissions';
import { getContactOrThrow } from './get-contact-or-throw';

/** What merging the contact away would move: its (not deleted) deals and their activities and tasks. */
export async function countContactMoves(client: Prisma.TransactionClient, contactId: number): Promise<MergeMoves> {
  const onDeal = { deal: { deletedAt: null, OR: [{ contactId }, { contacts: { some: { contactId } } }] } };
  // one after the other: the client may be a transaction (one connection)
  const deals = await client.deal.count({ where: onDeal.deal });
  const activities = await client.activity.count({ where: onDeal });
  const tasks = await client.task.count({ where: onDeal });
  return { deals, activities, tasks, contacts: 0 };
}

/** The merge dialog's confirmation: what would move from the contact. Managers and admins (403 otherwise). */
export async function previewContactMerge({ ctx, input }: { ctx: ServiceContext; input: { contactId: number } }): Promise<MergeMoves> {
  assertMayMergeRecords(ctx, 'contacts');
  await getContactOrThrow({ ctx, input });
  return countContactMoves(db, input.contactId);
}
