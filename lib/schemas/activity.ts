import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { dateTimeSchema, optionalTextSchema, publicIdSchema, requiredTextSchema, userFilterSchema } from './common';

// The native API's activity shapes (rex-deals-api.md "List activities for a deal"), shared by route
// handlers, services and OpenAPI.

export const activityTypeSchema = z.enum(['call', 'meeting', 'email', 'note'], { error: 'type must be call, meeting, email or note' });
export const activityStatusSchema = z.enum(['planned', 'completed', 'cancelled'], { error: 'status must be planned, completed or cancelled' });

const activityFields = {
  deal_id: publicIdSchema('deal').nullable().meta({ description: 'The deal this activity belongs to (null: none)' }),
  type: activityTypeSchema,
  status: activityStatusSchema,
  subject: requiredTextSchema(300, 'subject').meta({ example: 'Demo call' }),
  body: optionalTextSchema(50_000, 'body'),
  occurred_at: dateTimeSchema.meta({ description: 'When it happened (or is planned)', example: '2026-03-15T14:30:00Z' }),
  owner_id: publicIdSchema('user').nullable().meta({ description: 'Team member who did it (null: nobody)' }),
};

export const createActivityBody = z
  .strictObject({
    type: activityFields.type,
    subject: activityFields.subject,
    deal_id: activityFields.deal_id.optional(),
    status: activityFields.status.optional().meta({ description: 'planned, completed (default) or cancelled' }),
    body: activityFields.body.optional(),
    occurred_at: activityFields.occurred_at.optional().meta({ description: 'When it happened (default: now)' }),
    owner_id: activityFields.owner_id.optional().meta({ description: 'Team member who did it (default: you)' }),
  })
  .meta({ id: 'CreateActivity' });
export type CreateActivityBody = z.output<typeof createActivityBody>;

export const updateActivityBody = z
  .strictObject({
    type: activityFields.type.optional(),
    subject: activityFields.subject.optional(),
    deal_id: activityFields.deal_id.optional(),
    status: activityFields.status.optional(),
    body: activityFields.body.optional(),
    occurred_at: activityFields.occurred_at.optional(),
    owner_id: activityFields.owner_id.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateActivity' });
export type UpdateActivityBody = z.output<typeof updateActivityBody>;

/** Filters of GET /deals/:id/activities (the deal comes from the path). */
export const listDealActivitiesQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
  type: activityTypeSchema.optional(),
  status: activityStatusSchema.optional(),
  owner_id: userFilterSchema().optional().meta({ description: 'Activities owned by this user ID, or by you with me' }),
  occurred_after: dateTimeSchema.optional().meta({ description: 'Activities that happened (or are planned) at or after this time' }),
  occurred_before: dateTimeSchema.optional().meta({ description: 'Activities that happened (or are planned) before this time' }),
});
export type ListDealActivitiesQuery = z.output<typeof listDealActivitiesQuery>;

/** Filters of GET /activities. */
export const listActivitiesQuery = listDealActivitiesQuery.extend({
  deal_id: publicIdSchema('deal').optional(),
});
export type ListActivitiesQuery = z.output<typeof listActivitiesQuery>;

// ——— response shape (OpenAPI) ———

export const activityResponseSchema = z
  .object({
    id: z.string().meta({ example: 'act_k5R8sPqW2z' }),
    number: z.number().int(),
    deal_id: z.string().nullable(),
    type: activityTypeSchema,
    status: activityStatusSchema,
    subject: z.string(),
    body: z.string().nullable(),
    occurred_at: z.string(),
    owner_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Activity' });
export type ActivityJson = z.output<typeof activityResponseSchema>;
