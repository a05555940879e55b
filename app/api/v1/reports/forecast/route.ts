import { dataResponse } from '@/lib/api/respond';
import { serializeForecastReport } from '@/lib/api/serializers/report';
import { withApiRoute } from '@/lib/api/with-api-route';
import { AppError } from '@/lib/errors';
import { FORECAST_MAX_MONTHS, forecastQuerySchema } from '@/lib/schemas/report';
import { getForecastReport } from '@/lib/services/reports/get-forecast-report';
import { monthsSpanned, resolvePeriod } from '@/lib/services/reports/report-period';

// GET /api/v1/reports/forecast – open pipeline by expected close month, raw and weighted, against won value
export const GET = withApiRoute(async ({ ctx, query }) => {
  const q = query(forecastQuerySchema);
  const period = resolvePeriod('forecast', q, new Date());
  if (monthsSpanned(period) > FORECAST_MAX_MONTHS) {
    throw new AppError('validation_failed', 'The query string is not valid.', [
      { path: q.to ? 'from' : 'to', message: `The period may span at most ${FORECAST_MAX_MONTHS} months` },
    ]);
  }
  const report = await getForecastReport({ ctx, input: { pipelineId: q.pipeline_id, ownerId: q.owner_id, period, currency: q.currency } });
  return dataResponse(serializeForecastReport(report));
});
