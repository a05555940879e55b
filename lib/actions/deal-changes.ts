'use server';

import { z } from 'zod';
import { runAction, type ActionResult } from './run-action';
import { idOf } from './action-input';
import { getBrowserContext } from '../auth/get-browser-context';
import { DEAL_TIMELINE_PAGE, readDealTimeline, type DealTimelinePage } from '../services/change-events/read-deal-timeline';

// The deal page's Changes timeline: its next page ("Show more"), read as the browser's user.

const cursorSchema = z.string().min(1).max(500);

export async function loadMoreDealChangesAction(dealId: string, cursor: string): Promise<ActionResult<DealTimelinePage>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    return readDealTimeline({ ctx, input: { dealId: id, limit: DEAL_TIMELINE_PAGE, cursor: cursorSchema.parse(cursor) } });
  });
}
