import Decimal from 'decimal.js';
import { z } from 'zod';
import { DECIMAL_PLACES, MAX_LINE_QUANTITY, MAX_MINOR_UNITS, MAX_PERCENT } from '../money/limits';
import { moneySchema, publicIdSchema, textSchema } from './common';

// Deal line items: PUT /api/v1/deals/:id/line-items replaces the whole list (request body below);
// GET and PUT answer the list with its totals (response shapes for the OpenAPI document).

export const MAX_LINE_ITEMS = 200;

export const taxTypeSchema = z.enum(['exclusive', 'inclusive', 'no_tax'], { error: 'Must be one of exclusive, inclusive, no_tax' });
export const discountTypeSchema = z.enum(['percent', 'fixed'], { error: 'Must be percent or fixed' });

/** A JSON number with at most `places` decimals (checked on its decimal form, never with float arithmetic). */
function hasAtMostDecimals(value: number, places: number): boolean {
  return Number.isFinite(value) && new Decimal(value).decimalPlaces() <= places;
}

const QTY_MESSAGE = 'qty must be a number greater than 0 with at most 4 decimals';
const qtySchema = z
  .number({ error: QTY_MESSAGE })
  .gt(0, QTY_MESSAGE)
  .max(MAX_LINE_QUANTITY, 'qty must be less than 10^10')
  .refine((n) => hasAtMostDecimals(n, DECIMAL_PLACES), QTY_MESSAGE)
  .meta({ description: 'Quantity, greater than 0, up to 4 decimals', example: 1.5 });

const RATE_MESSAGE = 'tax_rate must be a percent from 0 to 100 with at most 4 decimals';
const taxRateSchema = z
  .number({ error: RATE_MESSAGE })
  .min(0, RATE_MESSAGE)
  .max(MAX_PERCENT, RATE_MESSAGE)
  .refine((n) => hasAtMostDecimals(n, DECIMAL_PLACES), RATE_MESSAGE)
  .meta({ description: 'Tax rate in percent', example: 7.5 });

/** Optional free text: trimmed, empty → null. */
function optionalText(max: number, label: string) {
  return z
    .string({ error: `${label} must be a string or null` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
}

export const lineItemInput = z
  .strictObject({
    id: publicIdSchema('lineItem').optional().meta({ description: 'ID of an existing line item of this deal to update; omit to add a line' }),
    product_id: publicIdSchema('product')
      .nullable()
      .optional()
      .meta({ description: 'Product to link; fills name, unit_price, tax_rate, tax_label and unit when they are not sent' }),
    name: textSchema(255, 'name').optional().meta({ description: 'Required unless product_id is given' }),
    description: optionalText(10_000, 'description'),
    unit_price: moneySchema.optional().meta({ description: 'Integer minor units; required unless product_id is given', example: 2599 }),
    qty: qtySchema,
    discount_type: discountTypeSchema.default('percent').meta({ description: 'How discount_total is read (default percent)' }),
    discount_total: z
      .number({ error: 'discount_total must be a number' })
      .min(0, 'discount_total must not be negative')
      .default(0)
      .meta({ description: 'percent: the percent (0–100, up to 4 decimals); fixed: integer minor units, at most the line subtotal', example: 10 }),
    tax_label: optionalText(100, 'tax_label'),
    tax_rate: taxRateSchema.optional(),
    unit: optionalText(50, 'unit'),
  })
  .superRefine((item, ctx) => {
    if (item.product_id === undefined || item.product_id === null) {
      if (item.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'name is required unless product_id is given' });
      if (item.unit_price === undefined) ctx.addIssue({ code: 'custom', path: ['unit_price'], message: 'unit_price is required unless product_id is given' });
    }
    if (item.discount_type === 'percent') {
      if (item.discount_total > MAX_PERCENT || !hasAtMostDecimals(item.discount_total, DECIMAL_PLACES)) {
        ctx.addIssue({ code: 'custom', path: ['discount_total'], message: 'A percent discount_total must be from 0 to 100 with at most 4 decimals' });
      }
    } else if (!Number.isInteger(item.discount_total) || item.discount_total > Number(MAX_MINOR_UNITS)) {
      ctx.addIssue({ code: 'custom', path: ['discount_total'], message: 'A fixed discount_total must be a whole number of minor units (cents)' });
    }
  })
  .meta({ id: 'LineItemInput' });
export type LineItemInputBody = z.output<typeof lineItemInput>;

export const replaceLineItemsBody = z
  .strictObject({
    tax_type: taxTypeSchema.meta({ description: 'How tax_rate applies to every line' }),
    items: z
      .array(lineItemInput, { error: 'items must be a list of line items' })
      .max(MAX_LINE_ITEMS, `At most ${MAX_LINE_ITEMS} line items`)
      .meta({ description: `The complete list, in order (at most ${MAX_LINE_ITEMS}); lines of the deal not in it are deleted` }),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<number, number>();
    body.items.forEach((item, index) => {
      if (item.id === undefined) return;
      const first = seen.get(item.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `The same line item is already items.${first}` });
      else seen.set(item.id, index);
    });
  })
  .meta({ id: 'ReplaceLineItems' });
export type ReplaceLineItemsBody = z.output<typeof replaceLineItemsBody>;

// --- responses ---------------------------------------------------------------------------------

const minor = (description: string) =>
  z
    .number()
    .int()
    .meta({ description: `${description} (integer minor units)` });

export const lineItemSchema = z
  .object({
    id: z.string().meta({ example: 'li_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'Integer identity' }),
    product_id: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    unit_price: minor('Price of one unit'),
    qty: z.number(),
    discount_type: discountTypeSchema,
    discount_total: z.number().meta({ description: 'percent: the percent; fixed: integer minor units' }),
    tax_label: z.string().nullable(),
    tax_rate: z.number().meta({ description: 'Percent', example: 7.5 }),
    unit: z.string().nullable(),
    position: z.number().int().meta({ description: 'Index in the list' }),
    subtotal: minor('unit_price × qty, rounded half-up'),
    discount: minor('The discount, rounded half-up'),
    tax: minor('The tax, rounded half-up'),
    total: minor('subtotal − discount, plus tax when exclusive'),
  })
  .meta({ id: 'LineItem' });

export const lineItemsSchema = z
  .object({
    tax_type: taxTypeSchema,
    items: z.array(lineItemSchema),
    subtotal: minor('Sum of the lines'),
    discount: minor('Sum of the lines'),
    tax: minor('Sum of the lines'),
    total: minor("Sum of the lines; the deal's value"),
  })
  .meta({ id: 'LineItems' });
