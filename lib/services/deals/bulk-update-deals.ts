import 'server-only';
import { toPublicId } from '../../ids';
import type { BulkUpdateDealsInput } from '../../schemas/deals-table';
import type { ServiceContext } from '../context';
import { forEachBatchDeal, inBatchTransaction, lockBatchDeals } from './bulk-deal-batch';
import { assertReferencesExist } from './resolve-deal-references';
import { updateDeal } from './update-deal';

export interface BulkUpdateResult {
  /** deals that now have the owner */
  count: number;
  /** the owner's name, null for nobody */
  ownerName: string | null;
}

/**
 * Gives the selected deals a new owner (or none), all or none, in one transaction, each by the
 * single-deal rules (updateDeal). Deals the owner already has are left as they are.
 * Everyone may edit deals (docs/decisions/003-permissions.md).
 */
export async function bulkUpdateDeals({ ctx, input }: { ctx: ServiceContext; input: BulkUpdateDealsInput }): Promise<BulkUpdateResult> {
  return inBatchTransaction(ctx, async (tx) => {
    const deals = await lockBatchDeals(ctx, tx, input.dealIds);
    await assertReferencesExist({ ownerId: input.ownerId }, tx);
    const owner = input.ownerId === null ? null : await tx.user.findUnique({ where: { id: input.ownerId }, select: { name: true } });
    await forEachBatchDeal(
      deals.filter((deal) => deal.ownerId !== input.ownerId),
      async (deal) => {
        await updateDeal({ ctx, input: { dealId: deal.id, changes: { owner_id: input.ownerId } }, tx });
      },
    );
    return { count: deals.length, ownerName: owner?.name ?? (input.ownerId === null ? null : toPublicId('user', input.ownerId)) };
  });
}
