import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { DECIMAL_PLACES, MAX_PERCENT } from '../money/limits';
import { acceptedText, currencySchema, moneySchema, optionalTextSchema, requiredTextSchema, queryFlagSchema } from './common';

// The native API's product catalog shapes, shared by route handlers, services and OpenAPI.

/** A percent such as 7.5: 0–100 with at most 4 decimal places (stored exactly as DECIMAL(7,4)). */
export const taxRateSchema = z
  .number({ error: 'tax_rate must be a percent number from 0 to 100, such as 7.5' })
  .min(0, 'tax_rate must not be negative')
  .max(MAX_PERCENT, 'tax_rate must be at most 100')
  .refine((n) => Number(n.toFixed(DECIMAL_PLACES)) === n, 'tax_rate must have at most 4 decimal places')
  .meta({ description: 'Tax rate in percent (0–100, up to 4 decimals)', example: 7.5 });

const productFields = {
  name: requiredTextSchema(200, 'name').meta({ example: 'Enterprise seat' }),
  sku: optionalTextSchema(100, 'sku').meta({ description: 'Stock keeping unit, unique across products', example: 'ENT-SEAT' }),
  unit_price: moneySchema.meta({ description: 'Price of one unit in minor units (cents)', example: 12000 }),
  currency: currencySchema.meta({ example: 'USD' }),
  tax_rate: taxRateSchema,
  tax_label: optionalTextSchema(100, 'tax_label').meta({ example: 'VAT' }),
  unit: optionalTextSchema(50, 'unit').meta({ example: 'seat' }),
  description: optionalTextSchema(5000, 'description'),
  active: z.boolean().meta({ description: 'Inactive products stay on existing line items but are not offered for new ones' }),
};

export const createProductBody = z
  .strictObject({
    name: productFields.name,
    unit_price: productFields.unit_price,
    sku: productFields.sku.optional(),
    currency: productFields.currency.optional().meta({ description: 'ISO 4217 code (default USD)' }),
    tax_rate: productFields.tax_rate.optional(),
    tax_label: productFields.tax_label.optional(),
    unit: productFields.unit.optional(),
    description: productFields.description.optional(),
    active: productFields.active.optional(),
  })
  .meta({ id: 'CreateProduct' });
export type CreateProductBody = z.output<typeof createProductBody>;

export const updateProductBody = z
  .strictObject({
    name: productFields.name.optional(),
    unit_price: productFields.unit_price.optional(),
    sku: productFields.sku.optional(),
    currency: productFields.currency.optional(),
    tax_rate: productFields.tax_rate.optional(),
    tax_label: productFields.tax_label.optional(),
    unit: productFields.unit.optional(),
    description: productFields.description.optional(),
    active: productFields.active.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateProduct' });
export type UpdateProductBody = z.output<typeof updateProductBody>;

export const PRODUCT_SORTS = ['name', 'created_at'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const listProductsQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
  q: acceptedText(z.string().trim().min(1).max(200), 'q').optional().meta({ description: 'Case-insensitive search in product names and SKUs' }),
  active: queryFlagSchema('active').optional().meta({ description: 'true: only active products; false: only inactive ones' }),
  sort: z
    .enum(PRODUCT_SORTS, { error: 'sort must be name or created_at' })
    .default('name')
    .meta({ description: 'name (A→Z, the default) or created_at (oldest first)' }),
});
export type ListProductsQuery = z.output<typeof listProductsQuery>;

// ——— response shape (OpenAPI) ———

export const productResponseSchema = z
  .object({
    id: z.string().meta({ example: 'prod_k5R8sPqW2z' }),
    number: z.number().int(),
    name: z.string(),
    sku: z.string().nullable(),
    unit_price: z.number().int(),
    currency: z.string(),
    tax_rate: z.number().meta({ example: 7.5 }),
    tax_label: z.string().nullable(),
    unit: z.string().nullable(),
    description: z.string().nullable(),
    active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Product' });
export type ProductJson = z.output<typeof productResponseSchema>;
