import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { deleteProduct } from '../products/delete-product';

/**
 * Undoes the writes of a Concord create that failed part-way (a race after every check passed):
 * the deal just created is removed for good, with its history, lines and links (cascade), since it
 * never existed for anyone; catalog products the request added are removed when nothing uses them.
 * Best effort: the original error is what the client sees.
 */
export async function discardCreatedRecords({ ctx, input }: { ctx: ServiceContext; input: { dealId?: number; productIds: number[] } }): Promise<void> {
  try {
    if (input.dealId !== undefined) await db.deal.deleteMany({ where: { id: input.dealId } });
    for (const productId of input.productIds) await deleteProduct({ ctx, input: { productId } });
  } catch (error) {
    console.error('Could not undo a partly applied Concord request', error);
  }
}
