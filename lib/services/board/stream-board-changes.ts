import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { encodeLiveMessage, boardMessageFor, dealsOfEvents } from '../../live-board/board-changes';
import { LIVE_CATCH_UP_LIMIT } from '../../live-board/board-live-message';
import { loadLiveCards } from '../../live-board/load-live-cards';
import { watchBoard } from '../../live-board/pipeline-fan-out';
import { readBoardEvents } from '../../live-board/read-board-events';
import type { ServiceContext } from '../context';

/** A stream whose reader has this much unread is cut off: it reconnects and catches up instead. */
const MAX_UNREAD_BYTES = 4 * 1024 * 1024;
/** Tells EventSource to reconnect after a second (its default is ~3 s). */
const RETRY = new TextEncoder().encode('retry: 1000\n\n');

/**
 * A pipeline's board as a stream of Server-Sent Events: first what committed after `after` (the
 * last event the board has), read from the change record, then every new event as it commits,
 * without a gap or a repeat in between. A board that missed too much is told to reload instead.
 * Ends when `signal` aborts (the browser went away) or the reader cancels.
 */
export async function streamBoardChanges({
  ctx,
  input,
  signal,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; after: bigint | null };
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  void ctx; // every role reads every board
  const { pipelineId } = input;
  const pipeline = await db.pipeline.findFirst({ where: { id: pipelineId, deletedAt: null }, select: { id: true } });
  if (!pipeline) throw new AppError('not_found', 'No such pipeline.');

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let live = false;
  /** events up to here were sent by the catch-up (or the board had them): not again */
  let sentUpTo = input.after ?? 0n;
  const held: Array<{ id: bigint; bytes: Uint8Array }> = [];
  let stop = () => {};

  const close = () => {
    if (closed) return;
    closed = true;
    stop();
    try {
      controller.close();
    } catch {
      // already closed or cancelled by the reader
    }
  };
  const write = (bytes: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(bytes);
    } catch {
      // the reader went away between two writes: this stream is done, the others go on
      return close();
    }
    if ((controller.desiredSize ?? 0) < -MAX_UNREAD_BYTES) close();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  if (signal.aborted) {
    close();
    return stream;
  }
  signal.addEventListener('abort', close, { once: true });

  const run = async () => {
    const watch = await watchBoard(pipelineId, {
      deliver({ messages, joined }) {
        if (closed) return;
        if (!live) {
          held.push(...messages);
          return;
        }
        const last = messages[messages.length - 1]!.id;
        if (last <= sentUpTo) return;
        // the whole batch in one write, unless part of it went out already
        if (messages[0]!.id > sentUpTo) write(joined);
        else for (const { id, bytes } of messages) if (id > sentUpTo) write(bytes);
        sentUpTo = last;
      },
      heartbeat(bytes) {
        if (live) write(bytes);
      },
    });
    stop = watch.stop;
    if (closed) return stop();
    write(RETRY);

    if (input.after !== null && input.after < watch.cursor) {
      const events = await readBoardEvents(pipelineId, input.after, watch.cursor, LIVE_CATCH_UP_LIMIT + 1);
      if (events.length > LIVE_CATCH_UP_LIMIT) {
        write(encodeLiveMessage({ type: 'reload' }));
        return close();
      }
      const cards = await loadLiveCards(dealsOfEvents(events));
      for (const event of events) {
        const message = boardMessageFor(event, pipelineId, cards);
        if (message) write(encodeLiveMessage(message, event.id));
      }
    }
    if (watch.cursor > sentUpTo) sentUpTo = watch.cursor;
    write(encodeLiveMessage({ type: 'live' }));
    for (const { id, bytes } of held.splice(0)) {
      if (id <= sentUpTo) continue;
      sentUpTo = id;
      write(bytes);
    }
    live = true;
  };
  run().catch((error: unknown) => {
    console.error('A live board stream failed:', error);
    close();
  });
  return stream;
}
