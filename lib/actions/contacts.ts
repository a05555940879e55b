'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { fromPublicId, toPublicId } from '../ids';
import { createContactBody, updateContactBody } from '../schemas/contact';
import { createContact } from '../services/contacts/create-contact';
import { deleteContact } from '../services/contacts/delete-contact';
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
