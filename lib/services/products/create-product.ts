import 'server-only';
import type { Prisma } from '../../db';
import type { CreateProductBody } from '../../schemas/product';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { productWriteError, taxRateForDb } from './product-rules';
import { writeAs } from '../../change-record/change-actor';

/** Adds a product to the catalog (managers and admins); 409 when the SKU is taken. */
export async function createProduct({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: CreateProductBody;
  /** the caller's transaction, to add the product together with other writes */
  tx?: Prisma.TransactionClient;
}) {
  assertCanConfigureWorkspace(ctx);
  try {
    return await writeAs(
      ctx,
      (client) =>
        client.product.create({
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
        }),
      tx,
    );
  } catch (error) {
    throw productWriteError(error, input.sku);
  }
}
