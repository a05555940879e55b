import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { optionalTextSchema, publicIdSchema, requiredTextSchema } from './common';
import { EXTERNAL_ID_MAX, searchSchema } from './contact';

// Request bodies, query strings and the response shape of companies (native API v1).

export const COMPANY_NAME_MAX = 200;
/** what a client may send: a bare domain or a whole URL */
const DOMAIN_INPUT_MAX = 2000;
const HOSTNAME_MAX = 253;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A company domain as we store it: lower case, without scheme, port, path or a leading "www."
 * ("https://www.Acme.com/pricing" → "acme.com"); internationalised names in their xn-- form.
 * null when the text is not a plausible public domain name (no dot, an IP address, an email, spaces…).
 */
export function normalizeDomain(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.username || url.password) return null; // "ada@acme.com" is an email, not a domain
  let host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('www.') && host.split('.').length > 2) host = host.slice(4);
  const labels = host.split('.');
  const top = labels[labels.length - 1] ?? '';
  if (host.length > HOSTNAME_MAX || labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(top)) return null;
  return host;
}

const DOMAIN_MESSAGE = 'Must be a domain such as acme.com (a URL is fine: https://acme.com/about)';

/** A domain or URL, normalised with `normalizeDomain`; an empty string (or null) clears it. */
export const domainSchema = z
  .string({ error: `${DOMAIN_MESSAGE}, or null` })
  .max(DOMAIN_INPUT_MAX, `Domain must be at most ${DOMAIN_INPUT_MAX} characters`)
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const domain = normalizeDomain(value);
    if (domain === null) {
      ctx.addIssue({ code: 'custom', message: DOMAIN_MESSAGE });
      return z.NEVER;
    }
    return domain;
  })
  .nullable()
  .meta({ description: 'Stored lower case without scheme, path or leading www.', example: 'acme.com' });

export const createCompanyBody = z
  .strictObject({
    name: requiredTextSchema(COMPANY_NAME_MAX, 'Name').meta({ example: 'Acme Corp' }),
    domain: domainSchema.optional(),
    external_id: optionalTextSchema(EXTERNAL_ID_MAX, 'External ID')
      .optional()
      .meta({ description: 'Your own ID of this company (unique among companies)', example: 'crm-001' }),
  })
  .meta({ id: 'CreateCompanyBody' });
export type CreateCompanyInput = z.output<typeof createCompanyBody>;

/** PATCH: only the fields sent change; null clears an optional field. */
export const updateCompanyBody = z
  .strictObject({
    name: requiredTextSchema(COMPANY_NAME_MAX, 'Name').optional(),
    domain: domainSchema.optional(),
    external_id: optionalTextSchema(EXTERNAL_ID_MAX, 'External ID').optional(),
  })
  .meta({ id: 'UpdateCompanyBody' });
export type UpdateCompanyInput = z.output<typeof updateCompanyBody>;

export const listCompaniesQuery = z.strictObject({
  limit: limitSchema.meta({ description: 'Results per page (default 50, max 200)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  q: searchSchema.meta({ description: 'Case-insensitive search in name and domain; every word must match' }),
  domain: z
    .string()
    .max(DOMAIN_INPUT_MAX, `domain must be at most ${DOMAIN_INPUT_MAX} characters`)
    .transform((value, ctx) => {
      const domain = normalizeDomain(value);
      if (domain === null) {
        ctx.addIssue({ code: 'custom', message: DOMAIN_MESSAGE });
        return z.NEVER;
      }
      return domain;
    })
    .optional()
    .meta({ description: 'Exact domain, normalised like the stored one (https://www.Acme.com → acme.com)' }),
  external_id: requiredTextSchema(EXTERNAL_ID_MAX, 'external_id').optional().meta({ description: 'Exact external ID' }),
});
export type ListCompaniesInput = z.output<typeof listCompaniesQuery>;

export const companySchema = z
  .object({
    id: z.string().meta({ example: 'comp_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 7 }),
    name: z.string().meta({ example: 'Acme Corp' }),
    domain: z.string().nullable().meta({ example: 'acme.com' }),
    external_id: z.string().nullable(),
    created_at: z.string().meta({ format: 'date-time', example: '2026-03-16T12:00:00Z' }),
    updated_at: z.string().meta({ format: 'date-time', example: '2026-03-16T12:00:00Z' }),
  })
  .meta({ id: 'Company' });

/** The duplicate check of the company forms, as the user types: any text, nothing required. */
export const findDuplicateCompaniesInput = z.strictObject({
  name: z.string().max(COMPANY_NAME_MAX).optional(),
  domain: z.string().max(DOMAIN_INPUT_MAX).optional(),
  /** the company being edited, never its own duplicate */
  exclude_id: publicIdSchema('company').optional(),
});
export type FindDuplicateCompaniesInput = z.output<typeof findDuplicateCompaniesInput>;
