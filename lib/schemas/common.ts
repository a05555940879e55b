import { z } from 'zod';
import { textProblemKind } from '../api/accepted-input';
import { fromPublicId, ID_PREFIX, type IdKind } from '../ids';
import { MAX_MINOR_UNITS } from '../money/limits';

// Building blocks shared by every native API schema.

const KIND_NAMES: Record<IdKind, string> = {
  deal: 'deal',
  pipeline: 'pipeline',
  stage: 'stage',
  contact: 'contact',
  company: 'company',
  product: 'product',
  user: 'user',
  activity: 'activity',
  task: 'task',
  stageHistory: 'stage history',
  lineItem: 'line item',
  customField: 'custom field',
  lostReason: 'lost reason',
  apiKey: 'API key',
  webhookEndpoint: 'webhook endpoint',
  import: 'import',
};

/** A prefixed public ID of one kind ("stg_…"), parsed to its integer identity. */
export function publicIdSchema(kind: IdKind) {
  const message = `Must be a ${KIND_NAMES[kind]} ID (${ID_PREFIX[kind]}_…)`;
  return z
    .string({ error: message })
    .transform((value, ctx) => {
      const id = fromPublicId(kind, value);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return id;
    })
    .meta({ description: `${KIND_NAMES[kind]} ID`, example: `${ID_PREFIX[kind]}_k5R8sPqW2z` });
}

/** A user filter of a list: a user ID, or `me` for whoever is asking (the service resolves it). */
export function userFilterSchema() {
  const message = 'Must be a user ID (user_…) or me';
  return z
    .string({ error: message })
    .transform((value, ctx): number | 'me' => {
      if (value === 'me') return 'me';
      const id = fromPublicId('user', value);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return id;
    })
    .meta({ description: 'A user ID, or me for the user the request acts as', example: 'me' });
}

/** Integer minor units (cents): 0 to 10^15, exact in JSON. */
export const moneySchema = z
  .number({ error: 'Must be a whole number of minor units (cents)' })
  .int('Must be a whole number of minor units (cents)')
  .min(0, 'Must not be negative')
  .max(Number(MAX_MINOR_UNITS), 'Must be at most 10^15 minor units');

/** ISO 4217 code, upper-cased. */
export const currencySchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'Must be an ISO 4217 currency code such as USD')
  .transform((c) => c.toUpperCase());

// Every date Dealboard accepts lies in the years 0001–9999 (UTC): PostgreSQL refuses year 0000
// ("date/time field value out of range"), and nothing a CRM plans lies past 9999
// (docs/decisions/010-accepted-input.md).
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
export const YEAR_RANGE_MESSAGE = `Must be a date in the years ${String(MIN_YEAR).padStart(4, '0')} to ${MAX_YEAR}`;

/** True when the instant falls in the years Dealboard accepts (MIN_YEAR–MAX_YEAR, UTC). */
export function isAcceptedYear(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The most days a query may reach back from today ("no activity for more than N days"): 100 years. */
export const MAX_DAYS_AGO = 36_500;

const DATE_TIME_TEXT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An RFC 3339 date-time or a plain date (taken as midnight UTC), in the years 0001–9999. */
export const dateTimeSchema = z
  .string({ error: 'Must be an ISO 8601 date-time such as 2026-04-01T00:00:00Z' })
  .refine((s) => DATE_TIME_TEXT.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'Must be an ISO 8601 date-time such as 2026-04-01T00:00:00Z',
    abort: true,
  })
  .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s))
  .refine(isAcceptedYear, { message: YEAR_RANGE_MESSAGE });

/** Free-form key-value data. */
export const metadataSchema = z.record(z.string(), z.unknown());

/**
 * Text the database can store (lib/api/accepted-input.ts): the API's doors refuse the rest before
 * any schema runs; the schemas say it again, by the field, for the server actions that parse with them.
 */
export function acceptedText<T extends z.ZodString>(schema: T, label: string) {
  return schema.superRefine((value, ctx) => {
    const kind = textProblemKind(value);
    if (kind === 'nul') ctx.addIssue({ code: 'custom', message: `${label} must not contain NUL characters (U+0000)` });
    if (kind === 'ill_formed') ctx.addIssue({ code: 'custom', message: `${label} must be well-formed Unicode text` });
  });
}

/** Trimmed, non-empty text of bounded length. */
export function textSchema(max: number, label = 'This field') {
  return acceptedText(z.string().trim().min(1, `${label} must not be empty`).max(max, `${label} must be at most ${max} characters`), label);
}

/** A query-string flag, `true` or `false`, read as a boolean. */
export function queryFlagSchema(name: string) {
  return z.enum(['true', 'false'], { error: `${name} must be true or false` }).transform((v) => v === 'true');
}

/** An integer query parameter. */
export const queryIntegerSchema = z.coerce.number({ error: 'Must be a whole number' }).int('Must be a whole number');

/** Required text: trimmed, 1..max characters, with messages naming the field. */
export function requiredTextSchema(max: number, label: string) {
  return acceptedText(
    z
      .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
      .trim()
      .min(1, `${label} must not be empty`)
      .max(max, `${label} must be at most ${max} characters`),
    label,
  );
}

/** Optional text: trimmed, at most max characters; an empty string (or null) clears it. */
export function optionalTextSchema(max: number, label: string) {
  return acceptedText(
    z
      .string({ error: `${label} must be text or null` })
      .trim()
      .max(max, `${label} must be at most ${max} characters`),
    label,
  )
    .transform((value) => (value === '' ? null : value))
    .nullable();
}
