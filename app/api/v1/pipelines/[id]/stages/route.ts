import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeStage } from '@/lib/api/serializers/pipeline';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createStageBody, listStagesQuery } from '@/lib/schemas/stage';
import { createStage } from '@/lib/services/stages/create-stage';
import { listStages } from '@/lib/services/stages/list-stages';

// GET /api/v1/pipelines/:id/stages – a pipeline's stages, in board order
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  const { limit, cursor } = query(listStagesQuery);
  const page = await listStages({ ctx, input: { pipelineId, limit, cursor } });
  return listResponse({ items: page.rows.map(serializeStage), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/pipelines/:id/stages – add a stage (at `position`, default at the end)
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  const stage = body(createStageBody);
  const created = await createStage({ ctx, input: { pipelineId, stage } });
  return dataResponse(serializeStage(created), { status: 201 });
});
