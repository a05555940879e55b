import { parsePathId } from '@/lib/api/parse-path-id';
import { parseJsonBody, readBodyText } from '@/lib/api/read-json-body';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeStage } from '@/lib/api/serializers/pipeline';
import { withApiRoute } from '@/lib/api/with-api-route';
import { AppError } from '@/lib/errors';
import { deleteStageBody, deleteStageQuery, updateStageBody } from '@/lib/schemas/stage';
import { deleteStage } from '@/lib/services/stages/delete-stage';
import { getStageOrThrow } from '@/lib/services/stages/get-stage-or-throw';
import { updateStage } from '@/lib/services/stages/update-stage';

// GET /api/v1/stages/:id – one stage
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const stageId = parsePathId('stage', params.id);
  const stage = await getStageOrThrow({ ctx, input: { stageId } });
  return dataResponse(serializeStage(stage));
});

// PATCH /api/v1/stages/:id – rename, re-weigh, set rotting days / outcome, or reorder a stage
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const stageId = parsePathId('stage', params.id);
  const changes = body(updateStageBody);
  const stage = await updateStage({ ctx, input: { stageId, changes } });
  return dataResponse(serializeStage(stage));
});

// DELETE /api/v1/stages/:id – delete a stage; its deals move to `move_deals_to` (query or JSON body)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params, query, request }) => {
  const stageId = parsePathId('stage', params.id);
  const fromQuery = query(deleteStageQuery).move_deals_to;
  // withApiRoute reads no body on DELETE; an optional JSON body is read here, with the same 1 MB limit
  const text = await readBodyText(request);
  const fromBody = text.trim() === '' ? undefined : (parseJsonBody(text, deleteStageBody).move_deals_to ?? undefined);
  if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
    throw new AppError('validation_failed', 'move_deals_to is given twice, in the query string and the body, with different stages.', [
      { path: 'move_deals_to', message: 'Give it once' },
    ]);
  }
  await deleteStage({ ctx, input: { stageId, moveDealsTo: fromQuery ?? fromBody ?? null } });
  return noContent();
});
