import { checkHealth } from '@/lib/services/system/check-health';

export const dynamic = 'force-dynamic';

// GET /api/health – is the server up and its database answering
export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
