import 'server-only';
import { readChangeEventsAfter, type ChangeEventRow } from '../../change-record/read-change-events';
import type { ServiceContext } from '../context';
import { selectChangeEvents, type ChangeEventFilter } from './change-event-filter';

/**
 * The events after `after` that the reader may see and asked for, oldest first: the page an
 * integration catches up with. Ids are in commit order (docs/decisions/016-change-record.md), so
 * paging on with the last id never skips an event that commits later, however many writers run.
 * `nextAfter` is the id to ask after next time: the page's last event, or `after` itself when the
 * page is empty.
 */
export async function listChangeEventsAfter({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { after: bigint; limit: number; filter: ChangeEventFilter };
}): Promise<{ events: ChangeEventRow[]; hasMore: boolean; nextAfter: bigint }> {
  const { where } = selectChangeEvents(ctx, input.filter);
  const rows = await readChangeEventsAfter(input.after, input.limit + 1, where);
  const hasMore = rows.length > input.limit;
  const events = hasMore ? rows.slice(0, input.limit) : rows;
  return { events, hasMore, nextAfter: events.at(-1)?.id ?? input.after };
}
