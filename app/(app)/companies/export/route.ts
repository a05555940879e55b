import { unstable_rethrow } from 'next/navigation';
import { errorResponse } from '@/lib/api/error-response';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { csvDownloadResponse, csvFilename } from '@/lib/csv/csv-download-stream';
import { peopleTableQuery } from '@/lib/schemas/people-table';
import { exportCompaniesCsv } from '@/lib/services/companies/export-companies-csv';

export const dynamic = 'force-dynamic';

// GET /companies/export – the companies the /companies table finds for its search, as a CSV download
export async function GET(request: Request): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    const { q } = peopleTableQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return csvDownloadResponse(exportCompaniesCsv({ ctx, input: { q } }), csvFilename('companies'));
  } catch (error) {
    unstable_rethrow(error); // the redirect to sign in of a visitor without a session
    return errorResponse(error);
  }
}
