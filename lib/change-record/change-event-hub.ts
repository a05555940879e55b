import 'server-only';
import { getDbConnection } from '../db';
import { latestChangeEventId, readChangeEventsAfter, type ChangeEventRow } from './read-change-events';

// One reader of the change record per server process, shared by everything that reacts to changes
// as they commit (the live board's streams, the event stream, the webhook relay). The triggers
// NOTIFY on commit (lib/change-record and the change_record migration); the hub hears it — from any
// process on PostgreSQL, in-process on the embedded database — reads the events after the last one
// it passed on, and hands them to every subscriber. No notification, no query: an idle hub costs
// nothing however many subscribers it has. A dropped connection is re-opened and the hub catches up
// from its cursor, so nothing is missed.

export const CHANGE_EVENTS_CHANNEL = 'dealboard_events';
const BATCH = 500;
const RECONNECT_MS = [250, 1_000, 5_000];

export type ChangeListener = (events: ChangeEventRow[]) => void;

interface HubState {
  listeners: Set<ChangeListener>;
  /** the last event handed on */
  cursor: bigint | null;
  started: Promise<void> | null;
  stop: (() => Promise<void>) | null;
  reading: boolean;
  readAgain: boolean;
  failures: number;
}

const STATE_KEY = Symbol.for('dealboard.changeEventHub');
const globalForHub = globalThis as unknown as Record<symbol, HubState | undefined>;

function state(): HubState {
  globalForHub[STATE_KEY] ??= { listeners: new Set(), cursor: null, started: null, stop: null, reading: false, readAgain: false, failures: 0 };
  return globalForHub[STATE_KEY];
}

/**
 * Calls `listener` with every batch of events committed from now on (in id order). Resolves once
 * the hub listens, so a write made after it resolves is heard. The answer unsubscribes.
 */
export async function subscribeToChangeEvents(listener: ChangeListener): Promise<() => void> {
  const s = state();
  s.listeners.add(listener);
  await ensureStarted();
  return () => {
    s.listeners.delete(listener);
  };
}

/** The id of the last event the hub handed on: a subscriber's catch-up reads up to here. */
export function changeHubCursor(): bigint | null {
  return state().cursor;
}

function ensureStarted(): Promise<void> {
  const s = state();
  s.started ??= start().catch((error) => {
    s.started = null;
    throw error;
  });
  return s.started;
}

async function start(): Promise<void> {
  const s = state();
  const connection = getDbConnection();
  s.stop = await connection.listen(
    CHANGE_EVENTS_CHANNEL,
    () => void readNew(),
    () => reconnect(),
  );
  // listening first, then the cursor: an event committed in between is read, not lost
  if (s.cursor === null) s.cursor = await latestChangeEventId();
  s.failures = 0;
  // anything committed while the connection was down
  void readNew();
}

function reconnect(): void {
  const s = state();
  s.stop = null;
  s.started = null;
  const delay = RECONNECT_MS[Math.min(s.failures, RECONNECT_MS.length - 1)]!;
  s.failures += 1;
  setTimeout(() => {
    if (s.listeners.size > 0) ensureStarted().catch(() => reconnect());
  }, delay).unref();
}

/** Reads what committed since the cursor and hands it on; notifications during a read cause one more. */
async function readNew(): Promise<void> {
  const s = state();
  if (s.reading) {
    s.readAgain = true;
    return;
  }
  if (s.cursor === null) return;
  s.reading = true;
  try {
    do {
      s.readAgain = false;
      for (;;) {
        const events = await readChangeEventsAfter(s.cursor, BATCH);
        if (events.length === 0) break;
        s.cursor = events[events.length - 1]!.id;
        for (const listener of s.listeners) {
          try {
            listener(events);
          } catch (error) {
            console.error('A change-event subscriber failed:', error);
          }
        }
        if (events.length < BATCH) break;
      }
    } while (s.readAgain);
  } catch (error) {
    console.error('Reading the change record failed:', error);
  } finally {
    s.reading = false;
  }
}

/** Tests and shutdown: stop listening (subscribers stay; the next subscribe starts again). */
export async function stopChangeEventHub(): Promise<void> {
  const s = state();
  const stop = s.stop;
  s.stop = null;
  s.started = null;
  s.cursor = null;
  if (stop) await stop();
}
