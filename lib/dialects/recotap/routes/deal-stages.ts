import { recotapResponse } from '../recotap-response';
import { withRecotapRoute } from '../with-recotap-route';
import { recotapDealStagesBody } from '../schemas';
import { createSyncedPipelines } from '../services/create-synced-pipelines';

// POST /api/recotap/v1/deal-stages – push 1–20 pipelines with their stages (create-only, all or nothing; 409 names every existing pipelineId)
export const POST = withRecotapRoute(async ({ ctx, body }) => {
  const { pipelines } = body(recotapDealStagesBody);
  await createSyncedPipelines({
    ctx,
    input: {
      pipelines: pipelines.map((p) => ({
        externalId: p.pipelineId,
        name: p.pipelineLabel,
        stages: p.stages.map((s) => ({ externalId: s.stageId, name: s.stageLabel })),
      })),
    },
  });
  // why 201: the document gives no status; this endpoint only creates, and Recotap's framework
  // (NestJS) answers a POST with 201 unless told otherwise, as /api/v1 does for creates
  return recotapResponse(
    {
      results: pipelines.map((p) => ({ pipelineId: p.pipelineId, status: 'created' as const })),
      summary: { total: pipelines.length, created: pipelines.length },
    },
    201,
  );
});
