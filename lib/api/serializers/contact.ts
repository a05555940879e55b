import type { Contact } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import { isoSeconds, publicIdOrNull } from '../format';

/** A contact row; with `company` loaded, a deleted company shows as no company. */
export type ContactRow = Contact & { company?: { deletedAt: Date | null } | null };

/** Contact row → API JSON (snake_case). */
export function serializeContact(contact: ContactRow) {
  const companyGone = contact.company !== undefined && (contact.company === null || contact.company.deletedAt !== null);
  return {
    id: toPublicId('contact', contact.id),
    number: contact.id,
    first_name: contact.firstName,
    last_name: contact.lastName,
    name: `${contact.firstName} ${contact.lastName}`.trim(),
    email: contact.email,
    phone: contact.phone,
    company_id: companyGone ? null : publicIdOrNull('company', contact.companyId),
    external_id: contact.externalId,
    created_at: isoSeconds(contact.createdAt),
    updated_at: isoSeconds(contact.updatedAt),
  };
}

export type ContactJson = ReturnType<typeof serializeContact>;
