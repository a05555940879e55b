import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeImport } from '@/lib/api/serializers/import';
import { withApiRoute } from '@/lib/api/with-api-route';
import { undoImport } from '@/lib/services/imports/undo-import';

// POST /api/v1/imports/:id/undo – undo a finished import within 7 days, as a whole
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const view = await undoImport({ ctx, input: { importId: parsePathId('import', params.id) } });
  return dataResponse(serializeImport(view));
});
