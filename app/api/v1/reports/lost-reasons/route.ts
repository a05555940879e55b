import { dataResponse } from '@/lib/api/respond';
import { serializeLostDealsReport } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { AppError } from '@/lib/errors';
import { LOST_REASONS_MAX_MONTHS, lostReasonsQuerySchema } from '@/lib/schemas/report';
import { getLostDealsReport } from '@/lib/services/reports/get-lost-deals-report';
import { monthsSpanned, resolvePeriod } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/lost-reasons – deals lost in the period by reason, stage lost from, owner and month
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(lostReasonsQuerySchema);
  const period = resolvePeriod('lost-deals', q, new Date());
  if (monthsSpanned(period) > LOST_REASONS_MAX_MONTHS) {
    throw new AppError('validation_failed', 'The query string is not valid.', [
      { path: q.to ? 'from' : 'to', message: `The period may span at most ${LOST_REASONS_MAX_MONTHS} months` },
    ]);
  }
  const report = await getLostDealsReport({
    ctx,
    input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, period, ...(q.currency ? { currency: q.currency } : {}) },
  });
  return dataResponse(serializeLostDealsReport(report));
});
