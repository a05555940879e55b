import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeContact } from '@/lib/api/serializers/contact';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateContactBody } from '@/lib/schemas/contact';
import { deleteContact } from '@/lib/services/contacts/delete-contact';
import { getContactOrThrow } from '@/lib/services/contacts/get-contact-or-throw';
import { updateContact } from '@/lib/services/contacts/update-contact';

// GET /api/v1/contacts/:id – one contact
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const contactId = parsePathId('contact', params.id);
  const contact = await getContactOrThrow({ ctx, input: { contactId } });
  return dataResponse(serializeContact(contact));
});

// PATCH /api/v1/contacts/:id – change the fields sent
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const contactId = parsePathId('contact', params.id);
  const changes = body(updateContactBody);
  const contact = await updateContact({ ctx, input: { contactId, changes } });
  return dataResponse(serializeContact(contact));
});

// DELETE /api/v1/contacts/:id – soft-delete a contact
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const contactId = parsePathId('contact', params.id);
  await deleteContact({ ctx, input: { contactId } });
  return noContent();
});
