import { parsePathId } from '@/lib/api/parse-path-id';
import { withApiRoute } from '@/lib/api/with-api-route';
import { rejectedRowsCsv } from '@/lib/services/imports/rejected-rows-csv';

// GET /api/v1/imports/:id/rejected-rows – the rejected rows as CSV, with the reason of each
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const file = await rejectedRowsCsv({ ctx, input: { importId: parsePathId('import', params.id) } });
  return new Response(file.text, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"` },
  });
});
