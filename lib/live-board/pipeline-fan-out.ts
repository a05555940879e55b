import 'server-only';
import { changeHubCursor, subscribeToChangeEvents } from '../change-record/change-event-hub';
import type { ChangeEventRow } from '../change-record/read-change-events';
import { boardMessageFor, dealsOfEvents, encodeLiveMessage, HEARTBEAT, pipelinesOfEvent } from './board-changes';
import { loadLiveCards } from './load-live-cards';

// The live boards of this server process. It subscribes ONCE to the change-event hub and, for each
// batch of committed events, reads the changed cards in ONE statement — and only when an open board
// is concerned — then encodes each message once and hands the same bytes to every open stream of
// that pipeline, the batch's messages in one chunk (one write per stream and batch: under load the
// hub's batches grow, and the writes per event shrink with them). So a change costs the same one query whether 1 or 500 boards are open, and no
// board costs anything while nothing changes (the hub hears NOTIFY; nobody polls).

/** A batch's messages for one pipeline, encoded once: each on its own, and all of them joined. */
export interface EncodedBatch {
  messages: Array<{ id: bigint; bytes: Uint8Array }>;
  /** the same bytes in one chunk: one write per stream for the whole batch */
  joined: Uint8Array;
}

/** An open live stream of one pipeline's board. */
export interface BoardStreamSink {
  /** a batch of messages (the same bytes go to every stream of the pipeline) */
  deliver(batch: EncodedBatch): void;
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
  const byPipeline = new Map<number, EncodedBatch['messages']>();
  for (const event of concerned) {
    for (const pipelineId of pipelinesOfEvent(event)) {
      if (!boards.get(pipelineId)?.size) continue;
      const message = boardMessageFor(event, pipelineId, cards);
      if (!message) continue;
      let messages = byPipeline.get(pipelineId);
      if (!messages) {
        messages = [];
        byPipeline.set(pipelineId, messages);
      }
      messages.push({ id: event.id, bytes: encodeLiveMessage(message, event.id) });
    }
  }
  for (const [pipelineId, messages] of byPipeline) {
    const batch = { messages, joined: joinBytes(messages.map((m) => m.bytes)) };
    for (const sink of boards.get(pipelineId) ?? []) deliverTo(sink, batch);
  }
}

function joinBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** One stream's failure must not keep the message from the others. */
function deliverTo(sink: BoardStreamSink, batch: EncodedBatch): void {
  try {
    sink.deliver(batch);
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
