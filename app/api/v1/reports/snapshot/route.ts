import { dataResponse } from '@/lib/api/respond';
import { serializePipelineSnapshot } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { snapshotQuerySchema } from '@/lib/schemas/report';
import { getPipelineSnapshot } from '@/lib/services/reports/get-pipeline-snapshot';

// GET /api/v1/reports/snapshot – the pipeline's board as it stood at a moment
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(snapshotQuerySchema);
  const snapshot = await getPipelineSnapshot({
    ctx,
    input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, asOf: q.as_of ?? new Date(), dealsPerStage: q.limit, currency: q.currency },
  });
  return dataResponse(serializePipelineSnapshot(snapshot));
});
