import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { computeDealTotals } from '../../money/line-item-totals';
import type { ServiceContext } from '../context';

/** A (not deleted) deal's tax type, line items in list order, and totals (sums of the stored lines); 404 otherwise. */
export async function getDealLineItems({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx; // everyone may read every deal (docs/decisions/003-permissions.md)
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, deletedAt: null },
    select: { taxType: true, lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  if (!deal) throw new AppError('not_found', 'No deal with this ID exists.');
  return { taxType: deal.taxType, items: deal.lineItems, totals: computeDealTotals(deal.lineItems) };
}
