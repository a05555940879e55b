import 'server-only';
import type { ChangeNames } from '../../change-record/describe-change';
import { presentChangeEvent, type PublicChangeEvent } from '../../change-record/present-change-event';
import type { ServiceContext } from '../context';
import { listDealChanges } from './list-deal-changes';
import { resolveChangeNames } from './resolve-change-names';

/** Entries per page of the timeline. */
export const DEAL_TIMELINE_PAGE = 20;

export interface DealTimelinePage {
  events: PublicChangeEvent[];
  /** the names of everyone and everything the events mention */
  names: ChangeNames;
  nextCursor: string | null;
}

/** A page of the deal page's Changes timeline, newest first, with the names to say it in words. */
export async function readDealTimeline({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; limit: number; cursor?: string };
}): Promise<DealTimelinePage> {
  const page = await listDealChanges({ ctx, input: { ...input, order: 'newest-first' } });
  const events = page.items.map(presentChangeEvent);
  return { events, names: await resolveChangeNames({ ctx, input: { events } }), nextCursor: page.nextCursor };
}
