import { unstable_rethrow } from 'next/navigation';
import { errorResponse } from '@/lib/api/error-response';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { csvDownloadResponse, csvFilename } from '@/lib/csv/csv-download-stream';
import { parseDealsTableParams } from '@/lib/schemas/deals-table';
import { exportDealsCsv } from '@/lib/services/deals/export-deals-csv';

export const dynamic = 'force-dynamic';

// GET /deals/export – the deals table's (or a board's) filtered deals as a CSV download, every page
// of them (signed in; the same URL filters as /deals and the board)
export async function GET(request: Request): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    const params = parseDealsTableParams(new URL(request.url).searchParams);
    return csvDownloadResponse(await exportDealsCsv({ ctx, input: { filter: { kind: 'table', params } } }), csvFilename('deals'));
  } catch (error) {
    unstable_rethrow(error); // the redirect to sign in of a visitor without a session
    return errorResponse(error);
  }
}
