import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { textSchema, queryFlagSchema } from './common';
import { positionSchema } from './stage';

// Lost reasons (the list a rep picks from when a deal is lost) and the lost-reason setting.

const labelSchema = textSchema(200, 'label').meta({ example: 'Price too high' });

/** POST /api/v1/lost-reasons */
export const createLostReasonBody = z.strictObject({ label: labelSchema }).meta({ id: 'CreateLostReasonBody' });
export type CreateLostReasonBody = z.output<typeof createLostReasonBody>;

/** PATCH /api/v1/lost-reasons/:id */
export const updateLostReasonBody = z
  .strictObject({
    label: labelSchema.optional(),
    active: z
      .boolean({ error: 'active must be true or false' })
      .optional()
      .meta({ description: 'Inactive reasons stay on deals that have them but are no longer offered' }),
    position: positionSchema.optional(),
  })
  .meta({ id: 'UpdateLostReasonBody' });
export type UpdateLostReasonBody = z.output<typeof updateLostReasonBody>;

/** GET /api/v1/lost-reasons */
export const listLostReasonsQuery = z.object({
  limit: limitSchema,
  cursor: z.string().optional(),
  active: queryFlagSchema('active').optional().meta({ description: 'Only active (true) or only inactive (false) reasons' }),
});
export type ListLostReasonsQuery = z.output<typeof listLostReasonsQuery>;

/** PATCH /api/v1/settings/lost-reasons */
export const updateLostReasonSettingsBody = z
  .strictObject({
    allow_free_text: z
      .boolean({ error: 'allow_free_text must be true or false' })
      .meta({ description: 'false: a lost deal’s loss_reason must be one of the active lost reasons' }),
  })
  .meta({ id: 'UpdateLostReasonSettingsBody' });
export type UpdateLostReasonSettingsBody = z.output<typeof updateLostReasonSettingsBody>;

/** A lost reason as the API shows it. */
export const lostReasonSchema = z
  .object({
    id: z.string().meta({ example: 'lr_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 3 }),
    label: z.string().meta({ example: 'Price too high' }),
    active: z.boolean(),
    position: z.number().int().meta({ description: 'Zero-based order in the list', example: 0 }),
    created_at: z.string().meta({ example: '2026-03-16T12:00:00Z' }),
  })
  .meta({ id: 'LostReason' });

/** The lost-reason setting as the API shows it. */
export const lostReasonSettingsSchema = z
  .object({
    allow_free_text: z.boolean().meta({ description: 'true (the default): any text is a valid loss_reason; false: only an active lost reason' }),
  })
  .meta({ id: 'LostReasonSettings' });
