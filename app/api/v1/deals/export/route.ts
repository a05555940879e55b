import { csvDownloadResponse, csvFilename } from '@/lib/csv/csv-download-stream';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listDealsQuery } from '@/lib/schemas/deal';
import { exportDealsCsv } from '@/lib/services/deals/export-deals-csv';

// GET /api/v1/deals/export – every deal matching GET /api/v1/deals's filters, in its sort, as a
// streamed CSV download (limit is ignored: the file has them all)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const stream = await exportDealsCsv({ ctx, input: { filter: { kind: 'list', query: query(listDealsQuery) } } });
  return csvDownloadResponse(stream, csvFilename('deals'));
});
