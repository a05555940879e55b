import 'server-only';
import { db } from '../../db';
import type { CreateProductBody } from '../../schemas/product';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { productWriteError, taxRateForDb } from './product-rules';

/** Adds a product to the catalog (managers and admins); 409 when the SKU is taken. */
export async function createProduct({ ctx, input }: { ctx: ServiceContext; input: CreateProductBody }) {
  assertCanConfigureWorkspace(ctx);
  try {
    return await db.product.create({
      data: {
        name: input.name,
        sku: input.sku ?? null,
        unitPrice: BigInt(input.unit_price),
        currency: input.currency ?? 'USD',
        taxRate: taxRateForDb(input.tax_rate ?? 0),
        taxLabel: input.tax_label ?? null,
        unit: input.unit ?? null,
        description: input.description ?? null,
        active: input.active ?? true,
      },
    });
  } catch (error) {
    throw productWriteError(error, input.sku);
  }
}
