import { dataResponse } from '@/lib/api/respond';
import { serializeSnapshotChanges } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { AppError } from '@/lib/errors';
import { snapshotChangesQuerySchema } from '@/lib/schemas/report';
import { getSnapshotChanges } from '@/lib/services/reports/get-snapshot-changes';
import { addDays } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/snapshot-changes – what changed on the board between two moments
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(snapshotChangesQuerySchema);
  const to = q.to ?? new Date();
  const from = q.from ?? addDays(to, -30);
  if (from.getTime() >= to.getTime()) {
    throw new AppError('validation_failed', 'The query string is not valid.', [{ path: 'from', message: 'from must be before to' }]);
  }
  const changes = await getSnapshotChanges({ ctx, input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, from, to, limit: q.limit } });
  return dataResponse(serializeSnapshotChanges(changes));
});
