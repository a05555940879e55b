import { z } from 'zod';
import { requiredTextSchema } from './common';
import { limitSchema } from '../api/pagination';

// The native API's custom field definition shapes, shared by route handlers, services and OpenAPI.
// Definitions describe the values deals carry in `custom_fields.<key>`.

export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

export const customFieldTypeSchema = z.enum(['text', 'number', 'date', 'boolean', 'select'], {
  error: 'type must be text, number, date, boolean or select',
});

const keySchema = z
  .string({ error: 'key must be a string' })
  .regex(CUSTOM_FIELD_KEY_PATTERN, 'key must be snake_case: a lowercase letter, then up to 49 lowercase letters, digits or underscores')
  .meta({ description: 'Machine name used in deals’ custom_fields; cannot change later', example: 'contract_length' });

const optionsSchema = z
  .array(requiredTextSchema(100, 'Each option'), { error: 'options must be an array of strings' })
  .min(1, 'options must not be empty')
  .max(500, 'At most 500 options')
  .refine((options) => new Set(options).size === options.length, 'options must not repeat a value')
  .meta({ description: 'Allowed values of a select field (required for select, not allowed otherwise)', example: ['Monthly', 'Yearly'] });

const positionSchema = z
  .number({ error: 'position must be a whole number' })
  .int('position must be a whole number')
  .min(0, 'position must not be negative')
  .max(1_000_000, 'position must be at most 1000000')
  .meta({ description: 'Order in lists and forms (ascending)' });

const labelSchema = requiredTextSchema(100, 'label').meta({ example: 'Contract length' });

export const createCustomFieldBody = z
  .strictObject({
    key: keySchema,
    label: labelSchema,
    type: customFieldTypeSchema,
    options: optionsSchema.optional(),
    required: z.boolean().optional().meta({ description: 'Deals must carry a value (default false)' }),
    position: positionSchema.optional().meta({ description: 'Order in lists and forms (default: last)' }),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'select' && body.options === undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs options: a non-empty array of strings' });
    }
    if (body.type !== 'select' && body.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `Only select fields have options; a ${body.type} field has none` });
    }
  })
  .meta({ id: 'CreateCustomField' });
export type CreateCustomFieldBody = z.output<typeof createCustomFieldBody>;

/** A field that can be set on creation only: sending it in a PATCH is a 400 naming it. */
function immutable(name: 'key' | 'type') {
  return z
    .unknown()
    .optional()
    .refine((value) => value === undefined, { message: `${name} cannot change after creation; create a new field instead` })
    .meta({ description: `Cannot change after creation (sending it is a 400)` });
}

export const updateCustomFieldBody = z
  .strictObject({
    label: labelSchema.optional(),
    options: optionsSchema.optional().meta({ description: 'New allowed values (select fields only)' }),
    required: z.boolean().optional(),
    position: positionSchema.optional(),
    key: immutable('key'),
    type: immutable('type'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateCustomField' });
export type UpdateCustomFieldBody = z.output<typeof updateCustomFieldBody>;

export const listCustomFieldsQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
});
export type ListCustomFieldsQuery = z.output<typeof listCustomFieldsQuery>;

// ——— response shape (OpenAPI) ———

export const customFieldResponseSchema = z
  .object({
    id: z.string().meta({ example: 'cf_k5R8sPqW2z' }),
    number: z.number().int(),
    key: z.string(),
    label: z.string(),
    type: customFieldTypeSchema,
    options: z.array(z.string()),
    required: z.boolean(),
    position: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'CustomField' });
export type CustomFieldJson = z.output<typeof customFieldResponseSchema>;
