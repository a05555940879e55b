import 'server-only';
import type { Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { getContactOrThrow } from '../contacts/get-contact-or-throw';
import { getDealToChangeOrThrow } from '../deals/assert-may-change-deal';
import { writeAs } from '../../change-record/change-actor';

/**
 * Links a contact to a deal; linking it again changes nothing. The deal's primary contact is not
 * touched. 404 when the deal or the contact does not exist or is deleted. Everyone may, on a deal they may change.
 * Answers the linked contact.
 */
export async function linkContactToDeal({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; contactId: number };
  /** the caller's transaction, to link together with other writes */
  tx?: Prisma.TransactionClient;
}) {
  await getDealToChangeOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  const contact = await getContactOrThrow({ ctx, input: { contactId: input.contactId }, tx });
  // INSERT … ON CONFLICT DO NOTHING: concurrent links of the same pair never collide
  await writeAs(ctx, (client) => client.dealContact.createMany({ data: [{ dealId: input.dealId, contactId: input.contactId }], skipDuplicates: true }), tx);
  return contact;
}
