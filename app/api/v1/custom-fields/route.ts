import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeCustomField } from '@/lib/api/serializers/custom-field';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createCustomFieldBody, listCustomFieldsQuery } from '@/lib/schemas/custom-field';
import { createCustomField } from '@/lib/services/custom-fields/create-custom-field';
import { listCustomFields } from '@/lib/services/custom-fields/list-custom-fields';

// GET /api/v1/custom-fields – the deal custom field definitions, by position
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listCustomFieldsQuery);
  const page = await listCustomFields({ ctx, input });
  return listResponse({ items: page.rows.map(serializeCustomField), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/custom-fields – define a deal custom field (managers and admins)
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createCustomFieldBody);
  const definition = await createCustomField({ ctx, input });
  return dataResponse(serializeCustomField(definition), { status: 201 });
});
