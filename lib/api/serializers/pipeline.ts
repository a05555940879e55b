import type { z } from 'zod';
import type { Pipeline, Stage } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { pipelineSchema } from '../../schemas/pipeline';
import type { stageSchema } from '../../schemas/stage';
import { isoSeconds } from '../format';

// Pipeline and stage rows → API JSON.

export type StageJson = z.output<typeof stageSchema>;
export type PipelineJson = z.output<typeof pipelineSchema>;

type StageRow = Pick<Stage, 'id' | 'pipelineId' | 'name' | 'position' | 'probability' | 'rottingDays' | 'outcome'>;

export function serializeStage(stage: StageRow): StageJson {
  return {
    id: toPublicId('stage', stage.id),
    number: stage.id,
    pipeline_id: toPublicId('pipeline', stage.pipelineId),
    name: stage.name,
    position: stage.position,
    probability: stage.probability,
    rotting_days: stage.rottingDays,
    outcome: stage.outcome,
  };
}

/** A pipeline with its (not deleted) stages, already in board order. */
export function serializePipeline(pipeline: Pipeline & { stages: StageRow[] }): PipelineJson {
  return {
    id: toPublicId('pipeline', pipeline.id),
    number: pipeline.id,
    name: pipeline.name,
    is_default: pipeline.isDefault,
    position: pipeline.position,
    stages: pipeline.stages.map(serializeStage),
    created_at: isoSeconds(pipeline.createdAt),
    updated_at: isoSeconds(pipeline.updatedAt),
  };
}
