import 'server-only';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { writeAs } from '../../change-record/change-actor';

/**
 * Soft-deletes a contact: it is 404 and absent from lists from now on. Nothing else changes — deals
 * naming it as primary contact or linking it keep working. Everyone may; a second delete is 404.
 */
export async function deleteContact({ ctx, input }: { ctx: ServiceContext; input: { contactId: number } }): Promise<void> {
  // every role works contacts
  const { count } = await writeAs(ctx, (tx) => tx.contact.updateMany({ where: { id: input.contactId, deletedAt: null }, data: { deletedAt: new Date() } }));
  if (count === 0) throw new AppError('not_found', 'No contact with this ID exists.');
}
