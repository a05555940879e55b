import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeCustomField } from '@/lib/api/serializers/custom-field';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateCustomFieldBody } from '@/lib/schemas/custom-field';
import { deleteCustomField } from '@/lib/services/custom-fields/delete-custom-field';
import { getCustomField } from '@/lib/services/custom-fields/get-custom-field';
import { updateCustomField } from '@/lib/services/custom-fields/update-custom-field';

// GET /api/v1/custom-fields/:id – one custom field definition
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const customFieldId = parsePathId('customField', params.id, 'custom field');
  const definition = await getCustomField({ ctx, input: { customFieldId } });
  return dataResponse(serializeCustomField(definition));
});

// PATCH /api/v1/custom-fields/:id – change label, options, required or position (managers and admins; key and type are fixed)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const customFieldId = parsePathId('customField', params.id, 'custom field');
  const changes = body(updateCustomFieldBody);
  const definition = await updateCustomField({ ctx, input: { customFieldId, changes } });
  return dataResponse(serializeCustomField(definition));
});

// DELETE /api/v1/custom-fields/:id – delete a definition and its values on every deal (managers and admins)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const customFieldId = parsePathId('customField', params.id, 'custom field');
  await deleteCustomField({ ctx, input: { customFieldId } });
  return noContent();
});
