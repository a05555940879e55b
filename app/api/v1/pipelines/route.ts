import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializePipeline } from '@/lib/api/serializers/pipeline';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createPipelineBody, listPipelinesQuery } from '@/lib/schemas/pipeline';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { listPipelinesPage } from '@/lib/services/pipelines/list-pipelines-page';

// GET /api/v1/pipelines – the pipelines, ordered by position, each with its stages
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listPipelinesQuery);
  const page = await listPipelinesPage({ ctx, input });
  return listResponse({ items: page.rows.map(serializePipeline), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/pipelines – create a pipeline with its stages
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createPipelineBody);
  const pipeline = await createPipeline({ ctx, input });
  return dataResponse(serializePipeline(pipeline), { status: 201 });
});
