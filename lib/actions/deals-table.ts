'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import {
  bulkCloseDealsInput,
  bulkDeleteDealsInput,
  bulkMoveDealsInput,
  bulkUpdateDealsInput,
  type BulkCloseDealsRequest,
  type BulkDeleteDealsRequest,
  type BulkMoveDealsRequest,
  type BulkUpdateDealsRequest,
} from '../schemas/deals-table';
import { closeDeals } from '../services/deals/close-deals';
import { bulkDeleteDeals } from '../services/deals/bulk-delete-deals';
import { bulkMoveDeals } from '../services/deals/bulk-move-deals';
import { bulkUpdateDeals } from '../services/deals/bulk-update-deals';

// The deals table's bulk actions. Each is thin: parse (deals by public ID, at most MAX_BULK_DEALS),
// act as the browser's user, call one service that changes the whole batch or nothing, refresh the
// table in the same response, and answer the sentence the toast shows.

function deals(count: number): string {
  return `${count} ${count === 1 ? 'deal' : 'deals'}`;
}

/** "Move to stage…": every selected deal into one stage (a lost stage takes a loss reason). */
export async function bulkMoveDealsAction(raw: BulkMoveDealsRequest): Promise<ActionResult<{ message: string }>> {
  return runAction(async () => {
    const input = bulkMoveDealsInput.parse(raw);
    const ctx = await getBrowserContext();
    const result = await bulkMoveDeals({ ctx, input });
    refresh();
    return { message: `Moved ${deals(result.count)} to ${result.stageName}` };
  });
}

/** "Change owner…": every selected deal to one owner, or to nobody. */
export async function bulkChangeOwnerAction(raw: BulkUpdateDealsRequest): Promise<ActionResult<{ message: string }>> {
  return runAction(async () => {
    const input = bulkUpdateDealsInput.parse(raw);
    const ctx = await getBrowserContext();
    const result = await bulkUpdateDeals({ ctx, input });
    refresh();
    return { message: result.ownerName ? `Gave ${deals(result.count)} to ${result.ownerName}` : `Removed the owner of ${deals(result.count)}` };
  });
}

/** "Mark won" / "Mark lost" (lost with a reason by the workspace's policy). */
export async function bulkCloseDealsAction(raw: BulkCloseDealsRequest): Promise<ActionResult<{ message: string }>> {
  return runAction(async () => {
    const input = bulkCloseDealsInput.parse(raw);
    const ctx = await getBrowserContext();
    const closed = await closeDeals({ ctx, input: { dealIds: input.dealIds, outcome: input.outcome, lossReason: input.lossReason } });
    refresh();
    return { message: `Marked ${deals(closed.length)} as ${input.outcome}` };
  });
}

/** "Delete": the selected deals, after the page's confirmation. */
export async function bulkDeleteDealsAction(raw: BulkDeleteDealsRequest): Promise<ActionResult<{ message: string }>> {
  return runAction(async () => {
    const input = bulkDeleteDealsInput.parse(raw);
    const ctx = await getBrowserContext();
    const result = await bulkDeleteDeals({ ctx, input });
    refresh();
    return { message: `Deleted ${deals(result.count)}` };
  });
}
