import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeImport } from '@/lib/api/serializers/import';
import { withApiRoute } from '@/lib/api/with-api-route';
import { getImport } from '@/lib/services/imports/get-import';

// GET /api/v1/imports/:id – an import's progress (rows done of total), counts and row outcomes
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const view = await getImport({ ctx, input: { importId: parsePathId('import', params.id) } });
  return dataResponse(serializeImport(view));
});
