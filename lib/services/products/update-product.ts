import 'server-only';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateProductBody } from '../../schemas/product';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { getProduct } from './get-product';
import { productWriteError, taxRateForDb } from './product-rules';
import { writeAs } from '../../change-record/change-actor';

/** Changes the given fields of a product (managers and admins); 404 unknown, 409 SKU taken. */
export async function updateProduct({ ctx, input }: { ctx: ServiceContext; input: { productId: number; changes: UpdateProductBody } }) {
  assertCanConfigureWorkspace(ctx);
  await getProduct({ ctx, input: { productId: input.productId } });
  const { changes } = input;
  const data: Prisma.ProductUpdateInput = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.sku !== undefined) data.sku = changes.sku;
  if (changes.unit_price !== undefined) data.unitPrice = BigInt(changes.unit_price);
  if (changes.currency !== undefined) data.currency = changes.currency;
  if (changes.tax_rate !== undefined) data.taxRate = taxRateForDb(changes.tax_rate);
  if (changes.tax_label !== undefined) data.taxLabel = changes.tax_label;
  if (changes.unit !== undefined) data.unit = changes.unit;
  if (changes.description !== undefined) data.description = changes.description;
  if (changes.active !== undefined) data.active = changes.active;
  try {
    return await writeAs(ctx, (tx) => tx.product.update({ where: { id: input.productId }, data }));
  } catch (error) {
    throw productWriteError(error, changes.sku);
  }
}
