import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { getContactOrThrow } from '../contacts/get-contact-or-throw';
import { getDealToChangeOrThrow } from '../deals/assert-may-change-deal';
import { writeAs } from '../../change-record/change-actor';

/**
 * Removes the link between a deal and a contact; a pair that is not linked is fine (idempotent).
 * The deal's primary contact (its `contact_id`) stays linked while it is primary: unlinking it is a
 * 409 that changes nothing, as the deal page does not offer it — the deal would otherwise name a
 * primary contact its own contacts list no longer shows. 404 when the deal or the contact does not exist
 * or is deleted. Everyone may, on a deal they may change.
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
  await getDealToChangeOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  await getContactOrThrow({ ctx, input: { contactId: input.contactId }, tx });
  // the primary is checked in the delete itself, so one made primary meanwhile keeps its link too
  const removed = await writeAs(
    ctx,
    (client) =>
      client.dealContact.deleteMany({
        where: { dealId: input.dealId, contactId: input.contactId, deal: { OR: [{ contactId: null }, { contactId: { not: input.contactId } }] } },
      }),
    tx,
  );
  if (removed.count === 0) {
    // nothing to remove (fine) — or the primary, which stays
    const now = await (tx ?? db).deal.findUnique({ where: { id: input.dealId }, select: { contactId: true } });
    if (now?.contactId === input.contactId) throw primaryConflict();
  }
}

function primaryConflict(): AppError {
  return new AppError(
    'conflict',
    "This contact is the deal's primary contact and stays linked while it is: set the deal's contact_id to another contact (or null) first.",
    [{ path: 'contact_id', message: "is the deal's primary contact" }],
  );
}
