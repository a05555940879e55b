import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeContact } from '@/lib/api/serializers/contact';
import { withApiRoute } from '@/lib/api/with-api-route';
import { mergeContactBody } from '@/lib/schemas/merge';
import { mergeContacts } from '@/lib/services/contacts/merge-contacts';

// POST /api/v1/contacts/:id/merge – merge this contact into `into`; answers the survivor
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const contactId = parsePathId('contact', params.id);
  const { into } = body(mergeContactBody);
  const { contact } = await mergeContacts({ ctx, input: { contactId, intoId: into } });
  return dataResponse(serializeContact(contact));
});
