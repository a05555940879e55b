import { errorResponse } from '@/lib/api/error-response';
import { parsePathId } from '@/lib/api/parse-path-id';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { rejectedRowsCsv } from '@/lib/services/imports/rejected-rows-csv';

export const dynamic = 'force-dynamic';

// GET /settings/import/:id/rejected-rows – an import's rejected rows as a CSV download (signed in; managers and admins)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    const { id } = await params;
    const file = await rejectedRowsCsv({ ctx, input: { importId: parsePathId('import', id) } });
    return new Response(file.text, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
