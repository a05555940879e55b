import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import { MERGED_INTO_PATH } from '../../schemas/merge';

/**
 * The 404 for a contact ID that names no live contact. A contact merged into another says where it
 * went: the survivor's ID in the detail `merged_into` (decision 020), so a caller can follow it.
 */
export async function contactNotFound(contactId: number, client: Prisma.TransactionClient = db): Promise<AppError> {
  const merged = await client.contact.findUnique({ where: { id: contactId }, select: { mergedIntoContactId: true } });
  if (merged?.mergedIntoContactId != null) {
    const survivor = toPublicId('contact', merged.mergedIntoContactId);
    return new AppError('not_found', `This contact was merged into ${survivor}.`, [{ path: MERGED_INTO_PATH, message: survivor }]);
  }
  return new AppError('not_found', 'No contact with this ID exists.');
}
