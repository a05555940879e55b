import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializePipeline } from '@/lib/api/serializers/pipeline';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updatePipelineBody } from '@/lib/schemas/pipeline';
import { deletePipeline } from '@/lib/services/pipelines/delete-pipeline';
import { getPipelineOrThrow } from '@/lib/services/pipelines/get-pipeline-or-throw';
import { updatePipeline } from '@/lib/services/pipelines/update-pipeline';

// GET /api/v1/pipelines/:id – one pipeline with its stages
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  const pipeline = await getPipelineOrThrow({ ctx, input: { pipelineId } });
  return dataResponse(serializePipeline(pipeline));
});

// PATCH /api/v1/pipelines/:id – rename, make default, or move a pipeline
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  const changes = body(updatePipelineBody);
  const pipeline = await updatePipeline({ ctx, input: { pipelineId, changes } });
  return dataResponse(serializePipeline(pipeline));
});

// DELETE /api/v1/pipelines/:id – delete a pipeline that holds no deals
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const pipelineId = parsePathId('pipeline', params.id);
  await deletePipeline({ ctx, input: { pipelineId } });
  return noContent();
});
