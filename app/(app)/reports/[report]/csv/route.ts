import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { errorResponse } from '@/lib/api/error-response';
import { AppError } from '@/lib/errors';
import { loadReport } from '../../_lib/load-report';
import { reportCsvRows, toCsv } from '../../_lib/report-csv';
import { lastDay, parseReportSearch } from '@/lib/reports/report-search';
import { utcDay } from '@/lib/time/utc-day';
import { findReport } from '@/lib/reports/report-catalog';

export const dynamic = 'force-dynamic';

// GET /reports/:report/csv – the report's table as a CSV download, for the browser (acts as the
// browser's user, like the pages; the same URL filters as the page)
export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }): Promise<Response> {
  try {
    const definition = findReport((await params).report);
    if (!definition) throw new AppError('not_found', 'No such report.');
    const ctx = await getBrowserContext();
    const now = new Date();
    const search = await parseReportSearch(ctx, definition.slug, Object.fromEntries(new URL(request.url).searchParams.entries()), now);
    if (search.pipelines.length === 0) throw new AppError('unprocessable', 'There is no pipeline yet.');
    const loaded = await loadReport(ctx, definition.slug, search, now, { dealsPerStage: 0, changedDeals: 200 });
    const dates =
      definition.slug === 'snapshot' ? `${lastDay(search.compareTo)}-to-${search.form.asOf}` : `${utcDay(search.period.from)}-to-${lastDay(search.period.to)}`;
    const pipeline =
      search.pipelineName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'pipeline';
    const filename = `dealboard-${definition.slug}-${pipeline}-${dates}.csv`;
    // a byte-order mark so spreadsheet apps read the file as UTF-8 (deal names, currency symbols)
    const days = { asOf: search.form.asOf, compare: lastDay(search.compareTo) };
    return new Response(`\uFEFF${toCsv(reportCsvRows(loaded, days))}`, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
