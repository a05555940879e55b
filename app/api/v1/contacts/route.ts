import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeContact } from '@/lib/api/serializers/contact';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createContactBody, listContactsQuery } from '@/lib/schemas/contact';
import { createContact } from '@/lib/services/contacts/create-contact';
import { listContacts } from '@/lib/services/contacts/list-contacts';

// GET /api/v1/contacts – contacts, oldest first, filtered by q, company_id, email, external_id
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listContactsQuery);
  const page = await listContacts({ ctx, input });
  return listResponse({ items: page.rows.map(serializeContact), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/contacts – create a contact
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createContactBody);
  const contact = await createContact({ ctx, input });
  return dataResponse(serializeContact(contact), { status: 201 });
});
