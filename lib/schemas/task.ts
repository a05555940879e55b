import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { dateTimeSchema, publicIdSchema, requiredTextSchema, queryFlagSchema, userFilterSchema } from './common';

// The native API's task shapes (rex-deals-api.md "List tasks for a deal"), shared by route handlers,
// services and OpenAPI.

export const taskPrioritySchema = z.enum(['low', 'medium', 'high'], { error: 'priority must be low, medium or high' });
export const taskStatusSchema = z.enum(['pending', 'completed'], { error: 'status must be pending or completed' });

const taskFields = {
  deal_id: publicIdSchema('deal').nullable().meta({ description: 'The deal this task belongs to (null: none)' }),
  title: requiredTextSchema(300, 'title').meta({ example: 'Send revised proposal' }),
  priority: taskPrioritySchema,
  status: taskStatusSchema.meta({ description: 'Completing a task stamps completed_at; reopening clears it' }),
  due_at: dateTimeSchema.nullable().meta({ example: '2026-03-20T17:00:00Z' }),
  assignee_id: publicIdSchema('user').nullable().meta({ description: 'Team member who should do it (null: nobody)' }),
};

export const createTaskBody = z
  .strictObject({
    title: taskFields.title,
    deal_id: taskFields.deal_id.optional(),
    priority: taskFields.priority.optional().meta({ description: 'low, medium (default) or high' }),
    status: taskFields.status.optional().meta({ description: 'pending (default) or completed' }),
    due_at: taskFields.due_at.optional(),
    assignee_id: taskFields.assignee_id.optional().meta({ description: 'Team member who should do it (default: you)' }),
  })
  .meta({ id: 'CreateTask' });
export type CreateTaskBody = z.output<typeof createTaskBody>;

export const updateTaskBody = z
  .strictObject({
    title: taskFields.title.optional(),
    deal_id: taskFields.deal_id.optional(),
    priority: taskFields.priority.optional(),
    status: taskFields.status.optional(),
    due_at: taskFields.due_at.optional(),
    assignee_id: taskFields.assignee_id.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateTask' });
export type UpdateTaskBody = z.output<typeof updateTaskBody>;

/** Filters of GET /deals/:id/tasks (the deal comes from the path). */
export const listDealTasksQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
  status: taskStatusSchema.optional(),
  priority: taskPrioritySchema.optional(),
  assignee_id: userFilterSchema().optional().meta({ description: 'Tasks assigned to this user ID, or to you with me' }),
  due_after: dateTimeSchema.optional().meta({ description: 'Tasks due at or after this time' }),
  due_before: dateTimeSchema.optional().meta({ description: 'Tasks due before this time' }),
  overdue: queryFlagSchema('overdue').optional().meta({ description: 'true: pending tasks whose due_at has passed; false: every other task' }),
});
export type ListDealTasksQuery = z.output<typeof listDealTasksQuery>;

/** Filters of GET /tasks. */
export const listTasksQuery = listDealTasksQuery.extend({
  deal_id: publicIdSchema('deal').optional(),
});
export type ListTasksQuery = z.output<typeof listTasksQuery>;

// ——— response shape (OpenAPI) ———

export const taskResponseSchema = z
  .object({
    id: z.string().meta({ example: 'task_k5R8sPqW2z' }),
    number: z.number().int(),
    deal_id: z.string().nullable(),
    title: z.string(),
    priority: taskPrioritySchema,
    status: taskStatusSchema,
    due_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    assignee_id: z.string().nullable(),
    created_by_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Task' });
export type TaskJson = z.output<typeof taskResponseSchema>;
