import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { textSchema } from './common';
import { newStageItem, positionSchema, stageSchema } from './stage';

// Pipelines: request bodies and query strings of /api/v1/pipelines, and the Pipeline response shape.

export const MAX_STAGES_PER_PIPELINE = 100;

/** POST /api/v1/pipelines */
export const createPipelineBody = z
  .strictObject({
    name: textSchema(200, 'name'),
    is_default: z
      .boolean({ error: 'is_default must be true or false' })
      .optional()
      .meta({ description: 'Make this the default pipeline (default: true when no pipeline is the default yet)' }),
    stages: z
      .array(newStageItem, { error: 'stages must be a list of stages' })
      .min(1, 'A pipeline needs at least one stage')
      .max(MAX_STAGES_PER_PIPELINE, `A pipeline has at most ${MAX_STAGES_PER_PIPELINE} stages`)
      .meta({ description: 'The stages, in board order' }),
  })
  .meta({ id: 'CreatePipelineBody' });
export type CreatePipelineBody = z.output<typeof createPipelineBody>;

/** PATCH /api/v1/pipelines/:id */
export const updatePipelineBody = z
  .strictObject({
    name: textSchema(200, 'name').optional(),
    is_default: z
      .boolean({ error: 'is_default must be true or false' })
      .optional()
      .meta({ description: 'true makes this the default pipeline and unsets the previous one; to change the default, set another pipeline to true' }),
    position: positionSchema.optional(),
  })
  .meta({ id: 'UpdatePipelineBody' });
export type UpdatePipelineBody = z.output<typeof updatePipelineBody>;

/** GET /api/v1/pipelines */
export const listPipelinesQuery = z.object({ limit: limitSchema, cursor: z.string().optional() });
export type ListPipelinesQuery = z.output<typeof listPipelinesQuery>;

/** A pipeline as the API shows it, with its stages in order. */
export const pipelineSchema = z
  .object({
    id: z.string().meta({ example: 'pipe_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 1 }),
    name: z.string().meta({ example: 'Sales' }),
    is_default: z.boolean(),
    position: z.number().int().meta({ description: 'Zero-based order among pipelines', example: 0 }),
    stages: z.array(stageSchema),
    created_at: z.string().meta({ example: '2026-03-16T12:00:00Z' }),
    updated_at: z.string().meta({ example: '2026-03-16T12:00:00Z' }),
  })
  .meta({ id: 'Pipeline' });
