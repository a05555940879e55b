import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Removes a product from the catalog (managers and admins) when no line item uses it; a product on
 * line items is part of deal history, so that is a 409 telling to deactivate it instead.
 */
export async function deleteProduct({ ctx, input }: { ctx: ServiceContext; input: { productId: number } }): Promise<void> {
  assertCanConfigureWorkspace(ctx);
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    // the row lock waits for (and then sees) any line item being added for this product right now
    const locked = await queryRows<{ id: number }>(tx, sqlBuilder.selectFrom('products').select('id').where('id', '=', input.productId).forUpdate());
    if (locked.length === 0) throw new AppError('not_found', 'No product with this ID exists.');
    const used = await tx.dealLineItem.count({ where: { productId: input.productId } });
    if (used > 0) {
      throw new AppError(
        'conflict',
        `This product is used by ${used} line item${used === 1 ? '' : 's'} and cannot be deleted; deactivate it instead with PATCH {"active": false}.`,
      );
    }
    await tx.product.delete({ where: { id: input.productId } });
  });
}
