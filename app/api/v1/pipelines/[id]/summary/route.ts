import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializePipelineSummary } from '@/lib/api/serializers/currency';
import { withApiRoute } from '@/lib/api/with-api-route';
import { parseBoardFilters } from '@/lib/board/board-filters';
import { pipelineSummaryQuery } from '@/lib/schemas/pipeline-summary';
import { getPipelineSummary } from '@/lib/services/pipelines/get-pipeline-summary';

// GET /api/v1/pipelines/:id/summary – the board's figures converted into one currency (default: home)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  const { currency, ...filters } = query(pipelineSummaryQuery);
  const summary = await getPipelineSummary({ ctx, input: { pipelineId, currency, filters: parseBoardFilters(filters) } });
  return dataResponse(serializePipelineSummary(summary));
});
