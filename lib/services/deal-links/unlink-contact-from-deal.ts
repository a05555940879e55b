import 'server-only';
import { db, type Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { getContactOrThrow } from '../contacts/get-contact-or-throw';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/**
 * Removes the link between a deal and a contact; a pair that is not linked is fine (idempotent).
 * The deal's primary contact is not touched. 404 when the deal or the contact does not exist or is
 * deleted. Everyone may.
 */
export async function unlinkContactFromDeal({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; contactId: number };
  /** the caller's transaction, to unlink together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<void> {
  const client = tx ?? db;
  await getDealOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  await getContactOrThrow({ ctx, input: { contactId: input.contactId }, tx });
  await client.dealContact.deleteMany({ where: { dealId: input.dealId, contactId: input.contactId } });
}
