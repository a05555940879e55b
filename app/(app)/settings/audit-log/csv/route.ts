import { errorResponse } from '@/lib/api/error-response';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { auditLogCsvStream } from '@/lib/change-record/audit-log-csv';
import { parseAuditLogSearch } from '@/lib/schemas/audit-log';
import { readAuditLog } from '@/lib/services/change-events/read-audit-log';
import { isAdmin } from '@/lib/services/permissions';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// GET /settings/audit-log/csv – the audit log's filtered events as a CSV download, streamed a page at
// a time (admins, signed in; the same URL filters as the page)
export async function GET(request: Request): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    if (!isAdmin(ctx)) throw new AppError('forbidden', 'Only admins can export the audit log.');
    const search = parseAuditLogSearch(Object.fromEntries(new URL(request.url).searchParams.entries()));
    const stream = auditLogCsvStream((before) => readAuditLog({ ctx, input: { filter: search.filter, before, limit: 1_000 } }));
    const filename = `dealboard-audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(stream, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
