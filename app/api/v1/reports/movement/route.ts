import { dataResponse } from '@/lib/api/respond';
import { serializeMovementReport } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { movementQuerySchema } from '@/lib/schemas/report';
import { getMovementReport } from '@/lib/services/reports/get-movement-report';
import { resolvePeriod } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/movement – deals moved between a pipeline's stages in a period (from × to)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(movementQuerySchema);
  const report = await getMovementReport({
    ctx,
    input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, period: resolvePeriod('movement', q, new Date()), currency: q.currency },
  });
  return dataResponse(serializeMovementReport(report));
});
