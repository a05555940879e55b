import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { publicIdSchema, textSchema } from './common';

// Stages of a pipeline: request bodies and query strings of /api/v1/pipelines/:id/stages and
// /api/v1/stages/:id, and the Stage response shape.

export const stageNameSchema = textSchema(200, 'name');

export const probabilitySchema = z
  .number({ error: 'probability must be a whole number from 0 to 100' })
  .int('probability must be a whole number from 0 to 100')
  .min(0, 'probability must be a whole number from 0 to 100')
  .max(100, 'probability must be a whole number from 0 to 100')
  .meta({ description: 'Chance (percent) that a deal in this stage closes as won', example: 40 });

export const rottingDaysSchema = z
  .number({ error: 'rotting_days must be null or a whole number of days from 1 to 3650' })
  .int('rotting_days must be null or a whole number of days from 1 to 3650')
  .min(1, 'rotting_days must be null or a whole number of days from 1 to 3650')
  .max(3650, 'rotting_days must be null or a whole number of days from 1 to 3650')
  .nullable()
  .meta({ description: 'A deal idle in this stage for longer than this many days is rotting; null = never', example: 14 });

export const stageOutcomeSchema = z
  .enum(['won', 'lost'], { error: 'outcome must be "won", "lost" or null' })
  .nullable()
  .meta({ description: 'A deal entering this stage becomes won or lost; null for an ordinary stage' });

export const positionSchema = z
  .number({ error: 'position must be a whole number from 0' })
  .int('position must be a whole number from 0')
  .min(0, 'position must be a whole number from 0')
  .meta({ description: 'Zero-based place in the list; a number past the end means "at the end"', example: 0 });

/** One stage inside POST /pipelines: stages are placed in the order given. */
export const newStageItem = z.strictObject({
  name: stageNameSchema,
  probability: probabilitySchema.optional(),
  rotting_days: rottingDaysSchema.optional(),
  outcome: stageOutcomeSchema.optional(),
});
export type NewStageItem = z.output<typeof newStageItem>;

/** POST /api/v1/pipelines/:id/stages */
export const createStageBody = newStageItem.extend({ position: positionSchema.optional() }).meta({ id: 'CreateStageBody' });
export type CreateStageBody = z.output<typeof createStageBody>;

/** PATCH /api/v1/stages/:id */
export const updateStageBody = z
  .strictObject({
    name: stageNameSchema.optional(),
    probability: probabilitySchema.optional(),
    rotting_days: rottingDaysSchema.optional(),
    outcome: stageOutcomeSchema.optional(),
    position: positionSchema.optional(),
  })
  .meta({ id: 'UpdateStageBody' });
export type UpdateStageBody = z.output<typeof updateStageBody>;

const moveDealsToSchema = publicIdSchema('stage').meta({
  description: 'Stage (of this or another pipeline) that receives the deleted stage’s deals',
  example: 'stg_k5R8sPqW2z',
});

/** DELETE /api/v1/stages/:id?move_deals_to=stg_… */
export const deleteStageQuery = z.object({ move_deals_to: moveDealsToSchema.optional() });

/** DELETE /api/v1/stages/:id with a JSON body (the query parameter does the same). */
export const deleteStageBody = z.strictObject({ move_deals_to: moveDealsToSchema.nullable().optional() }).meta({ id: 'DeleteStageBody' });

/** GET /api/v1/pipelines/:id/stages */
export const listStagesQuery = z.object({ limit: limitSchema, cursor: z.string().optional() });
export type ListStagesQuery = z.output<typeof listStagesQuery>;

/** A stage as the API shows it. */
export const stageSchema = z
  .object({
    id: z.string().meta({ example: 'stg_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 12 }),
    pipeline_id: z.string().meta({ example: 'pipe_k5R8sPqW2z' }),
    name: z.string().meta({ example: 'Proposal Sent' }),
    position: z.number().int().meta({ description: 'Zero-based order within the pipeline', example: 2 }),
    probability: z.number().int().meta({ example: 60 }),
    rotting_days: z.number().int().nullable().meta({ example: 14 }),
    outcome: z.enum(['won', 'lost']).nullable(),
  })
  .meta({ id: 'Stage' });
