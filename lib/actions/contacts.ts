'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { fromPublicId, toPublicId } from '../ids';
import { createContactBody, findDuplicateContactsInput, updateContactBody } from '../schemas/contact';
import { mergeContactBody, type MergeMoves } from '../schemas/merge';
import type { DuplicateHits, SearchHit } from './search-hit';
import { createContact } from '../services/contacts/create-contact';
import { deleteContact } from '../services/contacts/delete-contact';
import { findDuplicateContacts } from '../services/contacts/find-duplicate-contacts';
import { mergeContacts } from '../services/contacts/merge-contacts';
import { previewContactMerge } from '../services/contacts/preview-contact-merge';
import { updateContact } from '../services/contacts/update-contact';

// The contact pages' writes: parse with the API's own schemas, act as the browser's user, call one
// service. runAction answers refusals as { ok: false, message, fieldErrors } for the fields.

function contactIdOf(publicId: unknown): number {
  const id = typeof publicId === 'string' ? fromPublicId('contact', publicId) : null;
  if (id === null) throw new AppError('not_found', 'No such contact.');
  return id;
}

/** "New contact": answers the new contact's public id, to open its page. */
export async function createContactAction(body: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const input = createContactBody.parse(body);
    const ctx = await getBrowserContext();
    const contact = await createContact({ ctx, input });
    return { id: toPublicId('contact', contact.id) };
  });
}

/** One inline field of the contact page (first_name, last_name, email, phone, company_id). */
export async function updateContactAction(contactId: string, changes: Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = contactIdOf(contactId);
    const input = updateContactBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateContact({ ctx, input: { contactId: id, changes: input } });
    refresh();
    return null;
  });
}

/** Deletes the contact (its deals keep working); the page then opens the contacts list. */
export async function deleteContactAction(contactId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = contactIdOf(contactId);
    const ctx = await getBrowserContext();
    await deleteContact({ ctx, input: { contactId: id } });
    return null;
  });
}

const contactHit = (c: { id: number; firstName: string; lastName: string; email: string | null }): SearchHit => ({
  id: toPublicId('contact', c.id),
  name: `${c.firstName} ${c.lastName}`.trim(),
  detail: c.email,
});

/** The new-contact and edit forms' duplicate check, as the user types (a warning, never a block). */
export async function findDuplicateContactsAction(fields: Record<string, unknown>): Promise<ActionResult<DuplicateHits>> {
  return runAction(async () => {
    const input = findDuplicateContactsInput.parse(fields);
    const ctx = await getBrowserContext();
    const found = await findDuplicateContacts({ ctx, input });
    return { exact: found.sameEmail.map(contactHit), similar: found.sameName.map(contactHit) };
  });
}

/** The merge dialog's confirmation: what would move from this contact. */
export async function previewContactMergeAction(contactId: string): Promise<ActionResult<MergeMoves>> {
  return runAction(async () => {
    const id = contactIdOf(contactId);
    const ctx = await getBrowserContext();
    return previewContactMerge({ ctx, input: { contactId: id } });
  });
}

/** "Merge into…": merges this contact into `into`; answers the survivor's id, whose page opens. */
export async function mergeContactAction(contactId: string, into: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const id = contactIdOf(contactId);
    const body = mergeContactBody.parse({ into });
    const ctx = await getBrowserContext();
    const { contact } = await mergeContacts({ ctx, input: { contactId: id, intoId: body.into } });
    return { id: toPublicId('contact', contact.id) };
  });
}
