import 'server-only';
import type { BulkDeleteDealsInput } from '../../schemas/deals-table';
import type { ServiceContext } from '../context';
import { inBatchTransaction, lockBatchDeals } from './bulk-deal-batch';

/**
 * Deletes the selected deals, all or none, in one transaction, as deleteDeal does one: hidden
 * everywhere a rep looks, their stage history kept for reports. Everyone may delete deals, except
 * that a rep restricted to their own deals may delete only those (docs/decisions/003-permissions.md).
 */
export async function bulkDeleteDeals({ ctx, input }: { ctx: ServiceContext; input: BulkDeleteDealsInput }): Promise<{ count: number }> {
  return inBatchTransaction(ctx, async (tx) => {
    const deals = await lockBatchDeals(ctx, tx, input.dealIds);
    const now = new Date();
    // the rows are locked: nobody deletes one of them in between
    const result = await tx.deal.updateMany({
      where: { id: { in: deals.map((deal) => deal.id) }, deletedAt: null },
      data: { deletedAt: now, version: { increment: 1 } },
    });
    return { count: result.count };
  });
}
