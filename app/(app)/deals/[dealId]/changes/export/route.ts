import { unstable_rethrow } from 'next/navigation';
import { errorResponse } from '@/lib/api/error-response';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { csvDownloadResponse, csvFilename } from '@/lib/csv/csv-download-stream';
import { AppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { exportDealChangesCsv } from '@/lib/services/change-events/export-deal-changes-csv';

export const dynamic = 'force-dynamic';

// GET /deals/<deal_…>/changes/export – the deal's Changes tab as a CSV download (signed in)
export async function GET(_request: Request, { params }: { params: Promise<{ dealId: string }> }): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    const { dealId: publicId } = await params;
    const dealId = fromPublicId('deal', publicId);
    if (dealId === null) throw new AppError('not_found', 'There is no such deal.');
    return csvDownloadResponse(await exportDealChangesCsv({ ctx, input: { dealId } }), csvFilename(`${publicId}-changes`));
  } catch (error) {
    unstable_rethrow(error); // the redirect to sign in of a visitor without a session
    return errorResponse(error);
  }
}
