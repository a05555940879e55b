import 'server-only';
import { changeHubCursor, subscribeToChangeEvents } from '../change-record/change-event-hub';
import type { ChangeEventRow } from '../change-record/read-change-events';
import { boardMessageFor, dealsOfEvents, encodeLiveMessage, HEARTBEAT, pipelinesOfEvent } from './board-changes';
import { loadLiveCards } from './load-live-cards';

// The live boards of this server process. It subscribes ONCE to the change-event hub and, for each
// batch of committed events, reads the changed cards in ONE statement — and only when an open board
// is concerned — then encodes each message once and hands the same bytes to every open stream of
// that pipeline. So a change costs the same one query whether 1 or 500 boards are open, and no
// board costs anything while nothing changes (the hub hears NOTIFY; nobody polls).

/** An open live stream of one pipeline's board. */
export interface BoardStreamSink {
  /** a message about event `id`, encoded (the same bytes go to every stream of the pipeline) */
  deliver(id: bigint, bytes: Uint8Array): void;
  /** a comment line that keeps an idle connection open */
  heartbeat(bytes: Uint8Array): void;
}

/** Heartbeats keep proxies (and the browser) from closing a stream that has nothing to say. */
const HEARTBEAT_MS = 25_000;

interface FanOutState {
  boards: Map<number, Set<BoardStreamSink>>;
  subscribed: Promise<unknown> | null;
  /** batches are fanned out one after another, so every stream gets its events in id order */
  chain: Promise<void>;
  heartbeat: ReturnType<typeof setInterval> | null;
}

const STATE_KEY = Symbol.for('dealboard.pipelineFanOut');
const globalForFanOut = globalThis as unknown as Record<symbol, FanOutState | undefined>;

function state(): FanOutState {
  globalForFanOut[STATE_KEY] ??= { boards: new Map(), subscribed: null, chain: Promise.resolve(), heartbeat: null };
  return globalForFanOut[STATE_KEY];
}

async function fanOut(events: ChangeEventRow[]): Promise<void> {
  const { boards } = state();
  const concerned = events.filter((event) => pipelinesOfEvent(event).some((pipelineId) => boards.get(pipelineId)?.size));
  if (concerned.length === 0) return;
  const cards = await loadLiveCards(dealsOfEvents(concerned));
  for (const event of concerned) {
    for (const pipelineId of pipelinesOfEvent(event)) {
      const sinks = boards.get(pipelineId);
      if (!sinks?.size) continue;
      const message = boardMessageFor(event, pipelineId, cards);
      if (!message) continue;
      const bytes = encodeLiveMessage(message, event.id);
      for (const sink of sinks) deliverTo(sink, event.id, bytes);
    }
  }
}

/** One stream's failure must not keep the message from the others. */
function deliverTo(sink: BoardStreamSink, id: bigint, bytes: Uint8Array): void {
  try {
    sink.deliver(id, bytes);
  } catch (error) {
    console.error('A live board stream refused a message:', error);
  }
}

function onEvents(events: ChangeEventRow[]): void {
  const s = state();
  s.chain = s.chain.then(() => fanOut(events)).catch((error: unknown) => console.error('Pushing changes to the live boards failed:', error));
}

function ensureSubscribed(): Promise<unknown> {
  const s = state();
  s.subscribed ??= subscribeToChangeEvents(onEvents).catch((error: unknown) => {
    s.subscribed = null;
    throw error;
  });
  return s.subscribed;
}

function ensureHeartbeat(): void {
  const s = state();
  if (s.heartbeat) return;
  s.heartbeat = setInterval(() => {
    for (const sinks of s.boards.values()) for (const sink of sinks) sink.heartbeat(HEARTBEAT);
  }, HEARTBEAT_MS);
  s.heartbeat.unref?.();
}

/**
 * Opens `sink` to the live events of a pipeline's board. `cursor` is the last event the hub had
 * handed on when the sink joined: events up to it are the caller's to catch up on (a message about
 * one of them may still reach the sink, from a batch in flight), later ones all reach the sink.
 */
export async function watchBoard(pipelineId: number, sink: BoardStreamSink): Promise<{ cursor: bigint; stop: () => void }> {
  await ensureSubscribed();
  const { boards } = state();
  let sinks = boards.get(pipelineId);
  if (!sinks) {
    sinks = new Set();
    boards.set(pipelineId, sinks);
  }
  sinks.add(sink);
  ensureHeartbeat();
  const cursor = changeHubCursor() ?? 0n;
  return {
    cursor,
    stop: () => {
      const current = boards.get(pipelineId);
      current?.delete(sink);
      if (current?.size === 0) boards.delete(pipelineId);
    },
  };
}

/** How many live streams this process holds (tests, the bench). */
export function openBoardStreamCount(): number {
  let count = 0;
  for (const sinks of state().boards.values()) count += sinks.size;
  return count;
}
