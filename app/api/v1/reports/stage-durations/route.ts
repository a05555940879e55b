import { dataResponse } from '@/lib/api/respond';
import { serializeStageDurationsReport } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { stageDurationsQuerySchema } from '@/lib/schemas/report';
import { getStageDurationsReport } from '@/lib/services/reports/get-stage-durations-report';
import { resolvePeriod } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/stage-durations – time deals spend in each stage, and deals stuck in one now
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(stageDurationsQuerySchema);
  const now = new Date();
  const report = await getStageDurationsReport({
    ctx,
    input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, period: resolvePeriod('stage-durations', q, now), now },
  });
  return dataResponse(serializeStageDurationsReport(report));
});
