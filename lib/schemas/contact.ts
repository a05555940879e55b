import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { optionalTextSchema, publicIdSchema, requiredTextSchema } from './common';

// Request bodies, query strings and the response shape of contacts (native API v1).

export const CONTACT_NAME_MAX = 100;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 50;
export const EXTERNAL_ID_MAX = 255;
export const SEARCH_MAX = 200;

const EMAIL_MESSAGE = 'Must be an email address such as ada@example.com';

/** An email address (trimmed); an empty string (or null) clears it. */
export const emailSchema = z
  .string({ error: `${EMAIL_MESSAGE}, or null` })
  .trim()
  .max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters`)
  .refine((value) => value === '' || z.email().safeParse(value).success, { message: EMAIL_MESSAGE })
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .meta({ format: 'email', example: 'ada@example.com' });

const lastNameSchema = z
  .string({ error: 'Last name must be text or null' })
  .trim()
  .max(CONTACT_NAME_MAX, `Last name must be at most ${CONTACT_NAME_MAX} characters`)
  .nullable();

export const createContactBody = z
  .strictObject({
    first_name: requiredTextSchema(CONTACT_NAME_MAX, 'First name').meta({ example: 'Ada' }),
    last_name: lastNameSchema.optional().meta({ example: 'Lovelace' }),
    email: emailSchema.optional(),
    phone: optionalTextSchema(PHONE_MAX, 'Phone').optional().meta({ example: '+44 20 7946 0958' }),
    company_id: publicIdSchema('company').nullable().optional().meta({ description: 'The company the contact works for' }),
    external_id: optionalTextSchema(EXTERNAL_ID_MAX, 'External ID')
      .optional()
      .meta({ description: 'Your own ID of this contact (unique among contacts)', example: 'crm-4711' }),
  })
  .meta({ id: 'CreateContactBody' });
export type CreateContactInput = z.output<typeof createContactBody>;

/** PATCH: only the fields sent change; null clears an optional field. */
export const updateContactBody = z
  .strictObject({
    first_name: requiredTextSchema(CONTACT_NAME_MAX, 'First name').optional(),
    last_name: lastNameSchema.optional(),
    email: emailSchema.optional(),
    phone: optionalTextSchema(PHONE_MAX, 'Phone').optional(),
    company_id: publicIdSchema('company').nullable().optional(),
    external_id: optionalTextSchema(EXTERNAL_ID_MAX, 'External ID').optional(),
  })
  .meta({ id: 'UpdateContactBody' });
export type UpdateContactInput = z.output<typeof updateContactBody>;

/** `q=` is optional (empty means no search); exact filters must not be empty. */
export const searchSchema = z
  .string()
  .trim()
  .max(SEARCH_MAX, `q must be at most ${SEARCH_MAX} characters`)
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const listContactsQuery = z.strictObject({
  limit: limitSchema.meta({ description: 'Results per page (default 50, max 200)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  q: searchSchema.meta({ description: 'Case-insensitive search in first name, last name and email; every word must match' }),
  company_id: publicIdSchema('company').optional().meta({ description: 'Only contacts of this company' }),
  email: requiredTextSchema(EMAIL_MAX, 'email').optional().meta({ description: 'Exact email, case-insensitive' }),
  external_id: requiredTextSchema(EXTERNAL_ID_MAX, 'external_id').optional().meta({ description: 'Exact external ID' }),
});
export type ListContactsInput = z.output<typeof listContactsQuery>;

/** Paging through a deal's linked records. */
export const listLinksQuery = z.strictObject({
  limit: limitSchema.meta({ description: 'Results per page (default 50, max 200)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
});
export type ListLinksInput = z.output<typeof listLinksQuery>;

export const contactSchema = z
  .object({
    id: z.string().meta({ example: 'cont_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 42 }),
    first_name: z.string().meta({ example: 'Ada' }),
    last_name: z.string().meta({ description: 'Empty string when unknown', example: 'Lovelace' }),
    name: z.string().meta({ description: 'First and last name', example: 'Ada Lovelace' }),
    email: z.string().nullable().meta({ example: 'ada@example.com' }),
    phone: z.string().nullable(),
    company_id: z.string().nullable().meta({ description: 'null when none (or the company was deleted)', example: 'comp_k5R8sPqW2z' }),
    external_id: z.string().nullable(),
    created_at: z.string().meta({ format: 'date-time', example: '2026-03-16T12:00:00Z' }),
    updated_at: z.string().meta({ format: 'date-time', example: '2026-03-16T12:00:00Z' }),
  })
  .meta({ id: 'Contact' });

/** The duplicate check of the contact forms, as the user types: any text, nothing required. */
export const findDuplicateContactsInput = z.strictObject({
  first_name: z.string().max(CONTACT_NAME_MAX).optional(),
  last_name: z.string().max(CONTACT_NAME_MAX).optional(),
  email: z.string().max(EMAIL_MAX).optional(),
  /** the contact being edited, never its own duplicate */
  exclude_id: publicIdSchema('contact').optional(),
});
export type FindDuplicateContactsInput = z.output<typeof findDuplicateContactsInput>;
