import { z } from 'zod';
import { isAcceptedYear, MAX_YEAR } from '../../schemas/common';

// The Concord CRM dialect (its deals API, served under /api/concord): request
// bodies, the whitelists of fields that `order`, `select` and `search_fields` accept, and the response
// shapes for the OpenAPI document. Concord is a Laravel app: validation messages carry a `:attribute`
// placeholder that lib/dialects/concord/errors.ts replaces with the field's path ("stage id",
// "billable.products.0.unit price"), as Laravel does.

/** The largest integer identity a record can have (PostgreSQL `integer`). */
export const MAX_RECORD_ID = 2_147_483_647;

export const CONCORD_MAX_PER_PAGE = 200;
export const CONCORD_DEFAULT_PER_PAGE = 15;
export const CONCORD_MAX_TAKE = 1_000;
export const CONCORD_MAX_PRODUCTS = 200;

const INTEGER = 'The :attribute field must be an integer.';
const INVALID_SELECTION = 'The selected :attribute is invalid.';
const NUMBER = 'The :attribute field must be a number.';
const STRING = 'The :attribute field must be a string.';
const ARRAY = 'The :attribute field must be an array.';

/** Replaces the rendered JSON schema (inputs accept a number or a numeric string; the document shows the intent). */
function documentAs(json: Record<string, unknown>) {
  return {
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      const description = jsonSchema.description;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, json, description === undefined ? {} : { description });
    },
  };
}

/** A record's integer ID: a JSON integer or a string of digits (Laravel's `integer` rule accepts both). */
export const concordIdSchema = z
  .union([z.number(), z.string()], { error: INTEGER })
  .transform((value, ctx) => {
    const id = typeof value === 'number' ? value : /^\s*\d{1,12}\s*$/.test(value) ? Number(value.trim()) : Number.NaN;
    if (!Number.isInteger(id)) {
      ctx.addIssue({ code: 'custom', message: INTEGER });
      return z.NEVER;
    }
    // an ID no record can have is "not found", never a database range error
    if (id < 1 || id > MAX_RECORD_ID) {
      ctx.addIssue({ code: 'custom', message: INVALID_SELECTION });
      return z.NEVER;
    }
    return id;
  })
  .meta(documentAs({ type: 'integer', minimum: 1, example: 12 }));

/**
 * A decimal number as exact text: a JSON number (taken by its shortest decimal form, e.g. 0.1 → "0.1")
 * or a numeric string ("1500.50"). Money stays text until it is converted to minor units with decimal.js.
 */
export const concordDecimalSchema = z
  .union([z.number(), z.string()], { error: NUMBER })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? (Number.isFinite(value) ? numberText(value) : '') : value.trim();
    if (!/^-?\d+(\.\d+)?$/.test(text) || text.length > 400) {
      ctx.addIssue({ code: 'custom', message: NUMBER });
      return z.NEVER;
    }
    return text;
  })
  .meta(documentAs({ type: 'number', example: 1500.5 }));

/** A finite JS number as plain decimal text (never exponent notation). */
function numberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // 1e21 or 1e-7: BigInt/fixed forms of the same value; toFixed is exact for these magnitudes
  return Math.abs(value) >= 1 ? BigInt(value).toString() : value.toFixed(20).replace(/0+$/, '');
}

/** The date part names a real day: 2026-02-30 is no date (Date.parse would roll it over to March 2). */
function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date ("2026-06-30", taken as midnight UTC) or a date-time ("2026-06-30 15:00:00", "…T15:00:00Z"). */
export const concordDateSchema = z
  .string({ error: 'The :attribute field must be a valid date.' })
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
      isCalendarDay(s) &&
      !Number.isNaN(Date.parse(s.replace(' ', 'T'))),
    {
      message: 'The :attribute field must be a valid date.',
    },
  )
  // "in UTC format": a date-time without a zone is UTC
  .transform((s) => {
    const iso = s.replace(' ', 'T');
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return new Date(`${iso}T00:00:00Z`);
    return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
  })
  .refine(isAcceptedYear, { message: `The :attribute field must be a date in the years 0001 to ${MAX_YEAR}.` })
  .meta(documentAs({ type: 'string', format: 'date', example: '2026-06-30' }));

/** ISO 4217 code, upper-cased. */
const concordCurrencySchema = z
  .string({ error: STRING })
  .regex(/^[A-Za-z]{3}$/, 'The :attribute field must be a 3-letter ISO 4217 currency code.')
  .transform((c) => c.toUpperCase());

function textField(max: number) {
  return z.string({ error: STRING }).trim().max(max, `The :attribute field must not be greater than ${max} characters.`);
}

/** Optional free text: "" or null clears it. */
function nullableText(max: number) {
  return textField(max)
    .transform((s) => (s === '' ? null : s))
    .nullable();
}

function requiredText(max: number) {
  return textField(max).min(1, 'The :attribute field is required.');
}

export const concordTaxTypeSchema = z.enum(['exclusive', 'inclusive', 'no_tax'], { error: INVALID_SELECTION });
export const concordDiscountTypeSchema = z.enum(['percent', 'fixed'], { error: INVALID_SELECTION });
export const concordStatusSchema = z.enum(['open', 'won', 'lost'], { error: INVALID_SELECTION });
export type ConcordStatus = z.output<typeof concordStatusSchema>;

/** Product metadata of a billable (a deal's line item). Money is in major units of the deal's currency. */
export const concordProductInput = z
  .strictObject(
    {
      id: concordIdSchema.optional().meta({ description: 'Billable product ID: send it to update that product, omit it to add one' }),
      product_id: concordIdSchema
        .nullable()
        .optional()
        .meta({ description: 'Catalog product ID. Without it, the catalog product of the same name is linked, or created' }),
      name: requiredText(255).optional().meta({ description: 'Product name (required when adding)' }),
      description: nullableText(10_000).optional(),
      unit_price: concordDecimalSchema.optional().meta({ description: 'Price of one unit in major units, e.g. 99.90 (required when adding)' }),
      qty: concordDecimalSchema.optional().meta({ description: 'Quantity (default 1), up to 4 decimals' }),
      discount_type: concordDiscountTypeSchema.optional().meta({ description: 'percent (default) or fixed' }),
      discount_total: concordDecimalSchema.optional().meta({ description: 'percent: the percent (0–100); fixed: the discount amount in major units' }),
      tax_label: nullableText(100).optional(),
      tax_rate: concordDecimalSchema.optional().meta({ description: 'Tax rate in percent (0–100, up to 4 decimals)' }),
      unit: nullableText(50).optional(),
      // read-only fields of the answer: a client may send back a product it read; they are ignored
      amount: z.unknown().optional().meta({ description: 'Read-only; ignored' }),
      sub_total: z.unknown().optional().meta({ description: 'Read-only; ignored' }),
      discount_amount: z.unknown().optional().meta({ description: 'Read-only; ignored' }),
      tax_amount: z.unknown().optional().meta({ description: 'Read-only; ignored' }),
      display_order: z.unknown().optional().meta({ description: 'Read-only; ignored' }),
    },
    { error: 'The :attribute field must be an object.' },
  )
  .meta({ id: 'ConcordProductInput' });
export type ConcordProductInput = z.output<typeof concordProductInput>;

export const concordBillableInput = z
  .strictObject(
    {
      products: z
        .array(concordProductInput, { error: ARRAY })
        .max(CONCORD_MAX_PRODUCTS, `The :attribute field must not have more than ${CONCORD_MAX_PRODUCTS} items.`)
        .optional()
        .meta({ description: 'Products to add (no id) or update (with id); products not listed stay' }),
      removed_products: z
        .array(concordIdSchema, { error: ARRAY })
        .optional()
        .meta({ description: 'Billable product IDs to remove (IDs that are not products of the deal are ignored)' }),
      tax_type: concordTaxTypeSchema.optional().meta({ description: "exclusive, inclusive or no_tax (default: the deal's current tax type)" }),
    },
    { error: 'The :attribute field must be an object.' },
  )
  .meta({ id: 'ConcordBillableInput' });
export type ConcordBillableInput = z.output<typeof concordBillableInput>;

const idList = (description: string) =>
  z.array(concordIdSchema, { error: ARRAY }).max(1000, 'The :attribute field must not have more than 1000 items.').meta({ description });

const dealFields = {
  name: requiredText(255).meta({ example: 'Acme Enterprise Plan' }),
  stage_id: concordIdSchema.meta({ description: 'ID of the stage' }),
  pipeline_id: concordIdSchema.meta({ description: "Dealboard extension: the stage's pipeline (checked when sent)" }),
  amount: concordDecimalSchema
    .nullable()
    .meta({ description: "Major units, e.g. 1500.50. Ignored when the deal has products: the amount is then the products' total" }),
  currency: concordCurrencySchema.meta({ description: 'Dealboard extension: ISO 4217 code of the amount (default USD)', example: 'USD' }),
  expected_close_date: concordDateSchema.nullable().meta({ description: 'Expected close date in UTC (YYYY-MM-DD or a date-time)', example: '2026-06-30' }),
  user_id: concordIdSchema.nullable().meta({ description: 'The owner of the deal (default: the API key’s user)' }),
  status: concordStatusSchema,
  lost_reason: nullableText(500).meta({ description: 'Applicable when status is lost' }),
  billable: concordBillableInput.nullable(),
  contacts: idList('Contact IDs the deal is associated with (on update: the complete list)'),
  companies: idList('Company IDs the deal is associated with (on update: the complete list)'),
};

const CUSTOM_FIELDS_NOTE = 'Any other key is a deal custom field, by its key (see GET /api/v1/custom-fields).';

/** POST /deals. Loose: keys beyond these are custom fields (checked against the definitions by the adapter). */
export const concordCreateDealBody = z
  .looseObject(
    {
      name: dealFields.name,
      stage_id: dealFields.stage_id,
      pipeline_id: dealFields.pipeline_id.optional(),
      amount: dealFields.amount.optional(),
      currency: dealFields.currency.optional(),
      expected_close_date: dealFields.expected_close_date.optional(),
      user_id: dealFields.user_id.optional(),
      status: dealFields.status.optional(),
      lost_reason: dealFields.lost_reason.optional(),
      billable: dealFields.billable.optional(),
      contacts: dealFields.contacts.optional(),
      companies: dealFields.companies.optional(),
    },
    { error: 'The request body must be a JSON object.' },
  )
  .meta({ id: 'ConcordCreateDeal', description: CUSTOM_FIELDS_NOTE });
export type ConcordCreateDealBody = z.output<typeof concordCreateDealBody>;

/** PUT /deals/{id}: only the fields sent change (Laravel `sometimes`). */
export const concordUpdateDealBody = z
  .looseObject(
    Object.fromEntries(Object.entries(dealFields).map(([key, schema]) => [key, schema.optional()])) as {
      [K in keyof typeof dealFields]: z.ZodOptional<(typeof dealFields)[K]>;
    },
    { error: 'The request body must be a JSON object.' },
  )
  .meta({ id: 'ConcordUpdateDeal', description: `${CUSTOM_FIELDS_NOTE} contacts/companies replace the associated records.` });
export type ConcordUpdateDealBody = z.output<typeof concordUpdateDealBody>;

/** The body keys the adapter knows (everything else must be a custom field or a read-only field of the answer). */
export const CONCORD_DEAL_BODY_KEYS: ReadonlySet<string> = new Set(Object.keys(dealFields));

export const concordStatusBody = z
  .strictObject(
    { lost_reason: nullableText(500).optional().meta({ description: 'Deal lost reason when marking the deal as lost' }) },
    {
      error: 'The request body must be a JSON object.',
    },
  )
  .meta({ id: 'ConcordChangeStatus' });

export const concordAssociationsBody = z
  .strictObject(
    {
      contacts: idList('Contact IDs').optional(),
      companies: idList('Company IDs').optional(),
      activities: idList('Activity IDs').optional(),
    },
    { error: 'The request body must be a JSON object.' },
  )
  .meta({ id: 'ConcordAssociations', description: 'Provide at least one resource.' });
export type ConcordAssociationsBody = z.output<typeof concordAssociationsBody>;

// ——— list / search criteria ———

/** Fields `order` accepts (`field` or `field|desc`, several separated by `;`). */
export const CONCORD_SORT_FIELDS = [
  'id',
  'name',
  'amount',
  'currency',
  'expected_close_date',
  'pipeline_id',
  'stage_id',
  'user_id',
  'status',
  'lost_reason',
  'won_date',
  'lost_date',
  'stage_changed_date',
  'board_order',
  'created_at',
  'updated_at',
] as const;
export type ConcordSortField = (typeof CONCORD_SORT_FIELDS)[number];

/** Fields `search_fields` accepts, with the operator used when `q` names a field without one. */
export const CONCORD_SEARCH_FIELDS = {
  id: '=',
  name: 'like',
  amount: '=',
  currency: '=',
  status: '=',
  lost_reason: 'like',
  expected_close_date: '=',
  pipeline_id: '=',
  stage_id: '=',
  user_id: '=',
  'stage.name': 'like',
  'pipeline.name': 'like',
  'user.name': 'like',
  'user.email': 'like',
  'contacts.first_name': 'like',
  'contacts.last_name': 'like',
  'contacts.email': 'like',
  'contacts.phone': 'like',
  'companies.name': 'like',
  'companies.domain': 'like',
} as const;
export type ConcordSearchField = keyof typeof CONCORD_SEARCH_FIELDS;
export type ConcordSearchOperator = 'like' | '=';

/** Fields searched when `q` comes without `search_fields`. */
export const CONCORD_DEFAULT_SEARCH_FIELDS: readonly ConcordSearchField[] = ['name'];

/** Top-level fields of the deal resource, which `select` accepts (besides custom field keys). */
export const CONCORD_DEAL_RESOURCE_FIELDS = [
  'id',
  'name',
  'display_name',
  'amount',
  'currency',
  'expected_close_date',
  'pipeline_id',
  'stage_id',
  'user_id',
  'status',
  'lost_reason',
  'won_date',
  'lost_date',
  'stage_changed_date',
  'board_order',
  'billable',
  'contacts',
  'companies',
  'activities',
  'created_at',
  'updated_at',
] as const;
export type ConcordDealResourceField = (typeof CONCORD_DEAL_RESOURCE_FIELDS)[number];

const criteriaParams = {
  order: z
    .string()
    .optional()
    .meta({
      description: `Sort: \`field\` or \`field|desc\` (several separated by \`;\`). Fields: ${CONCORD_SORT_FIELDS.join(', ')}`,
      example: 'created_at|desc',
    }),
  select: z
    .string()
    .optional()
    .meta({ description: 'Only these fields of each deal, separated by `;` (resource fields or custom field keys)', example: 'id;name;amount' }),
  search_fields: z
    .string()
    .optional()
    .meta({
      description: `Fields \`q\` searches, as \`field:operator\` (like or =) separated by \`;\`. Fields: ${Object.keys(CONCORD_SEARCH_FIELDS).join(', ')}`,
      example: 'name:like;status:=',
    }),
  search_match: z.enum(['or', 'and']).optional().meta({ description: 'or (default): any field matches; and: every field matches' }),
};

/** Query string of GET /deals (for the OpenAPI document; the adapter parses it with Laravel-style errors). */
export const concordListDealsQuery = z.object({
  ...criteriaParams,
  per_page: z
    .string()
    .optional()
    .meta({ description: `Deals per page (default ${CONCORD_DEFAULT_PER_PAGE}, max ${CONCORD_MAX_PER_PAGE})`, example: '20' }),
  page: z.string().optional().meta({ description: 'Page number (default 1)', example: '2' }),
  q: z.string().optional().meta({ description: 'Search text; or `field:value;field:value` to give each search field its own value', example: 'John' }),
});

export const concordSearchDealsQuery = z.object({
  ...criteriaParams,
  q: z.string().meta({ description: 'Search text (required)', example: 'John' }),
  take: z
    .string()
    .optional()
    .meta({ description: `The maximum number of results (default and max ${CONCORD_MAX_TAKE})`, example: '1' }),
});

// ——— response shapes (OpenAPI) ———

const money = (description: string) => z.string().meta({ description: `${description} (major units as a decimal string)`, example: '1500.00' });
const timestamp = z.string().meta({ example: '2026-03-16T12:00:00.000000Z' });

export const concordBillableProductSchema = z
  .object({
    id: z.number().int(),
    product_id: z.number().int().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    unit_price: money('Price of one unit'),
    qty: z.number(),
    unit: z.string().nullable(),
    discount_type: concordDiscountTypeSchema,
    discount_total: z.string().meta({ description: 'percent: the percent; fixed: the amount in major units' }),
    tax_label: z.string().nullable(),
    tax_rate: z.number(),
    sub_total: money('unit_price × qty'),
    discount_amount: money('The discount'),
    tax_amount: money('The tax'),
    amount: money("The line's total (what counts toward the deal amount)"),
    display_order: z.number().int(),
  })
  .meta({ id: 'ConcordBillableProduct' });

export const concordBillableSchema = z
  .object({
    tax_type: concordTaxTypeSchema,
    sub_total: money('Sum of the lines before discount and tax'),
    has_discount: z.boolean(),
    discount_total: money('Sum of the discounts'),
    total_tax: money('Sum of the taxes'),
    total: money("Sum of the lines; the deal's amount when it has products"),
    products: z.array(concordBillableProductSchema),
  })
  .meta({ id: 'ConcordBillable' });

export const concordDealSchema = z
  .looseObject({
    id: z.number().int(),
    name: z.string(),
    display_name: z.string(),
    amount: money('Deal amount'),
    currency: z.string(),
    expected_close_date: z.string().nullable().meta({ example: '2026-06-30' }),
    pipeline_id: z.number().int(),
    stage_id: z.number().int(),
    user_id: z.number().int().nullable(),
    status: concordStatusSchema,
    lost_reason: z.string().nullable(),
    won_date: timestamp.nullable(),
    lost_date: timestamp.nullable(),
    stage_changed_date: timestamp,
    board_order: z.number(),
    billable: concordBillableSchema,
    contacts: z.array(z.object({ id: z.number().int(), display_name: z.string(), email: z.string().nullable() })),
    companies: z.array(z.object({ id: z.number().int(), display_name: z.string(), domain: z.string().nullable() })),
    activities: z.array(z.object({ id: z.number().int(), title: z.string(), type: z.string() })),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'ConcordDeal', description: 'Custom fields appear as further keys. With `select`, only the selected fields.' });

export const concordPaginatedDealsSchema = z
  .object({
    data: z.array(concordDealSchema),
    links: z.object({ first: z.string(), last: z.string(), prev: z.string().nullable(), next: z.string().nullable() }),
    meta: z.object({
      current_page: z.number().int(),
      from: z.number().int().nullable(),
      last_page: z.number().int(),
      path: z.string(),
      per_page: z.number().int(),
      to: z.number().int().nullable(),
      total: z.number().int(),
    }),
  })
  .meta({ id: 'ConcordDealPage' });

export const concordErrorSchema = z
  .object({
    message: z.string().meta({ example: 'The name field is required.' }),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Per field (validation errors)' }),
  })
  .meta({ id: 'ConcordError' });
