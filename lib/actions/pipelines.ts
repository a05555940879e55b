'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { toPublicId } from '../ids';
import { createPipelineBody, updatePipelineBody } from '../schemas/pipeline';
import { createStageBody, updateStageBody } from '../schemas/stage';
import { createPipeline } from '../services/pipelines/create-pipeline';
import { deletePipeline } from '../services/pipelines/delete-pipeline';
import { updatePipeline } from '../services/pipelines/update-pipeline';
import { createStage } from '../services/stages/create-stage';
import { deleteStage } from '../services/stages/delete-stage';
import { updateStage } from '../services/stages/update-stage';
import { idOf, numberFromText, outcomeFromText, rottingDaysFromText } from './action-input';

// The pipelines & stages settings' writes. Each action is thin: turn the form's text into the
// API's body, parse it with the API's schema, act as the browser's user, call one service, and
// refresh the page in the same response. Refusals come back as { ok: false, message, fieldErrors }
// with the schema's field names (name, probability, rotting_days, outcome, stages.0.name).

/** A stage's fields as the form holds them: text, "" for no rotting, "none" for an ordinary stage. */
export type StageFormValues = { name: string; probability: string; rotting_days: string; outcome: string };

function stageBody(values: Partial<StageFormValues>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.name !== undefined) body.name = values.name;
  if (values.probability !== undefined) body.probability = numberFromText(values.probability);
  if (values.rotting_days !== undefined) body.rotting_days = rottingDaysFromText(values.rotting_days);
  if (values.outcome !== undefined) body.outcome = outcomeFromText(values.outcome);
  return body;
}

/** New pipeline: a name and the names of its first stages, in board order. */
export async function createPipelineAction(input: { name: string; stages: string[] }): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const body = createPipelineBody.parse({ name: input?.name, stages: (input?.stages ?? []).map((name) => ({ name })) });
    const ctx = await getBrowserContext();
    const pipeline = await createPipeline({ ctx, input: body });
    refresh();
    return { id: toPublicId('pipeline', pipeline.id) };
  });
}

/** Rename a pipeline, or make it the default. */
export async function updatePipelineAction(pipelineId: string, changes: { name?: string; is_default?: true }): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('pipeline', pipelineId, 'pipeline');
    const body = updatePipelineBody.parse(changes ?? {});
    const ctx = await getBrowserContext();
    await updatePipeline({ ctx, input: { pipelineId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Delete a pipeline (refused while it holds deals, and for the last one). */
export async function deletePipelineAction(pipelineId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('pipeline', pipelineId, 'pipeline');
    const ctx = await getBrowserContext();
    await deletePipeline({ ctx, input: { pipelineId: id } });
    refresh();
    return null;
  });
}

/** Add a stage at the end of a pipeline. */
export async function createStageAction(pipelineId: string, values: Partial<StageFormValues>): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const id = idOf('pipeline', pipelineId, 'pipeline');
    const body = createStageBody.parse(stageBody(values ?? {}));
    const ctx = await getBrowserContext();
    const stage = await createStage({ ctx, input: { pipelineId: id, stage: body } });
    refresh();
    return { id: toPublicId('stage', stage.id) };
  });
}

/** Save a stage's name, probability, rotting days and outcome. */
export async function updateStageAction(stageId: string, values: Partial<StageFormValues>): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('stage', stageId, 'stage');
    const body = updateStageBody.parse(stageBody(values ?? {}));
    const ctx = await getBrowserContext();
    await updateStage({ ctx, input: { stageId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Drag and drop, the arrow keys and the up/down buttons: the stage's new zero-based place. */
export async function moveStageAction(stageId: string, position: number): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('stage', stageId, 'stage');
    const body = updateStageBody.parse({ position });
    const ctx = await getBrowserContext();
    await updateStage({ ctx, input: { stageId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Delete a stage; its deals (if any) move to `moveDealsTo`, each with a stage-history row. */
export async function deleteStageAction(stageId: string, moveDealsTo: string | null): Promise<ActionResult<{ movedDeals: number }>> {
  return runAction(async () => {
    const id = idOf('stage', stageId, 'stage');
    const target = moveDealsTo === null ? null : idOf('stage', moveDealsTo, 'stage to move the deals to');
    const ctx = await getBrowserContext();
    const result = await deleteStage({ ctx, input: { stageId: id, moveDealsTo: target } });
    refresh();
    return result;
  });
}
