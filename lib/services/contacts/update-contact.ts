import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateContactInput } from '../../schemas/contact';
import type { ServiceContext } from '../context';
import { assertCompanyReferenceExists, contactWriteError, prismaErrorCode } from './create-contact';
import { contactInclude, getContactOrThrow } from './get-contact-or-throw';
import { writeAs } from '../../change-record/change-actor';

const RECORD_NOT_FOUND = 'P2025';

/** Changes the fields given (null clears an optional one); 404 for a deleted contact. Everyone may. */
export async function updateContact({ ctx, input }: { ctx: ServiceContext; input: { contactId: number; changes: UpdateContactInput } }) {
  const current = await getContactOrThrow({ ctx, input: { contactId: input.contactId } });
  const { changes } = input;
  if (changes.company_id != null) await assertCompanyReferenceExists(changes.company_id);
  const data: Prisma.ContactUncheckedUpdateInput = {};
  if (changes.first_name !== undefined) data.firstName = changes.first_name;
  if (changes.last_name !== undefined) data.lastName = changes.last_name ?? '';
  if (changes.email !== undefined) data.email = changes.email;
  if (changes.phone !== undefined) data.phone = changes.phone;
  if (changes.company_id !== undefined) data.companyId = changes.company_id;
  if (changes.external_id !== undefined) data.externalId = changes.external_id;
  if (Object.keys(data).length === 0) return current;
  try {
    return await writeAs(ctx, (tx) => tx.contact.update({ where: { id: input.contactId, deletedAt: null }, data, include: contactInclude }));
  } catch (error) {
    // deleted between our read and the write
    if (prismaErrorCode(error) === RECORD_NOT_FOUND) throw new AppError('not_found', 'No contact with this ID exists.');
    throw await contactWriteError(error, changes);
  }
}
