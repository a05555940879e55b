import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** One product, or 404. Every role may read the catalog. */
export async function getProduct({ ctx, input }: { ctx: ServiceContext; input: { productId: number } }) {
  void ctx;
  const product = await db.product.findUnique({ where: { id: input.productId } });
  if (!product) throw new AppError('not_found', 'No product with this ID exists.');
  return product;
}
