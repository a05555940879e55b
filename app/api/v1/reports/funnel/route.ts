import { dataResponse } from '@/lib/api/respond';
import { serializeFunnelReport } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { funnelQuerySchema } from '@/lib/schemas/report';
import { getFunnelReport } from '@/lib/services/reports/get-funnel-report';
import { resolvePeriod } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/funnel – stage-to-stage conversion of the deals that entered each stage in a period
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(funnelQuerySchema);
  const report = await getFunnelReport({ ctx, input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, period: resolvePeriod('funnel', q, new Date()) } });
  return dataResponse(serializeFunnelReport(report));
});
