import 'server-only';
import { subscribeToChangeEvents } from '../../change-record/change-event-hub';
import { latestChangeEventId, readChangeEventsAfter, type ChangeEventRow } from '../../change-record/read-change-events';
import type { ServiceContext } from '../context';
import { selectChangeEvents, type ChangeEventFilter } from './change-event-filter';

const CATCH_UP_BATCH = 500;

export interface ChangeEventFeed {
  /**
   * Hands `deliver` every event after the starting point, in id order, each once: first what the
   * database holds (catch-up; `deliver`'s promise holds back the next read, so a slow reader is not
   * flooded), then each new event as it commits. Answers the function that stops the feed.
   */
  start(deliver: (events: ChangeEventRow[]) => Promise<void> | void): Promise<() => void>;
}

/**
 * The event stream's feed for one reader: the events after `after` (null: only those committed from
 * now on) that the reader's role may see and the filter selects. Refusals (a type the role may not
 * read, a bad record ID) are thrown here, before anything is streamed.
 *
 * The seam between catch-up and live events: the feed subscribes to the process's change hub
 * first, keeps what the hub hands it while it reads the database, and then passes on only events
 * with ids above the last one it sent. Ids are in commit order, so every event is either read by
 * the catch-up (committed before the subscription) or handed on by the hub (after it) — no gap —
 * and the id mark drops the ones that are both — no repeat.
 */
export function openChangeEventFeed({ ctx, input }: { ctx: ServiceContext; input: { after: bigint | null; filter: ChangeEventFilter } }): ChangeEventFeed {
  const { where, matches } = selectChangeEvents(ctx, input.filter);
  return {
    async start(deliver) {
      let stopped = false;
      let live = false;
      let mark = input.after;
      const held: ChangeEventRow[] = [];
      const pass = (events: ChangeEventRow[]) => {
        if (mark === null) return;
        const fresh = events.filter((event) => event.id > mark! && matches(event));
        // the hub hands on every event in id order, matching or not: the mark moves past all of them
        const last = events.at(-1);
        if (last && last.id > mark) mark = last.id;
        if (fresh.length > 0) void deliver(fresh);
      };
      const unsubscribe = await subscribeToChangeEvents((events) => {
        if (stopped) return;
        if (live) pass(events);
        else held.push(...events);
      });
      const stop = () => {
        stopped = true;
        unsubscribe();
      };
      try {
        mark ??= await latestChangeEventId();
        for (;;) {
          const rows = await readChangeEventsAfter(mark, CATCH_UP_BATCH, where);
          if (stopped) return stop;
          if (rows.length > 0) {
            mark = rows.at(-1)!.id;
            await deliver(rows);
          }
          if (rows.length < CATCH_UP_BATCH) break;
        }
        live = true;
        pass(held.splice(0));
        return stop;
      } catch (error) {
        stop();
        throw error;
      }
    },
  };
}
