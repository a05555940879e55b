import type { Product } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { ProductJson } from '../../schemas/product';
import { isoSeconds, minorUnits } from '../format';

/** Product row → API JSON (snake_case); the DECIMAL tax rate as a percent number (7.5). */
export function serializeProduct(product: Product): ProductJson {
  return {
    id: toPublicId('product', product.id),
    number: product.id,
    name: product.name,
    sku: product.sku,
    unit_price: minorUnits(product.unitPrice),
    currency: product.currency,
    tax_rate: Number(product.taxRate.toString()),
    tax_label: product.taxLabel,
    unit: product.unit,
    description: product.description,
    active: product.active,
    created_at: isoSeconds(product.createdAt),
    updated_at: isoSeconds(product.updatedAt),
  };
}
