import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { getContactOrThrow } from '../contacts/get-contact-or-throw';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/**
 * Removes the link between a deal and a contact; a pair that is not linked is fine (idempotent).
 * The deal's primary contact is not touched. 404 when the deal or the contact does not exist or is
 * deleted. Everyone may.
 */
export async function unlinkContactFromDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; contactId: number } }): Promise<void> {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  await getContactOrThrow({ ctx, input: { contactId: input.contactId } });
  await db.dealContact.deleteMany({ where: { dealId: input.dealId, contactId: input.contactId } });
}
