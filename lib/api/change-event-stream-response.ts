import 'server-only';
import { presentChangeEvent } from '../change-record/present-change-event';
import type { ChangeEventRow } from '../change-record/read-change-events';
import type { ChangeEventFeed } from '../services/change-events/open-change-event-feed';

// GET /api/v1/events/stream as Server-Sent Events: one `id:` + `data:` frame per event (the id is
// what EventSource sends back as Last-Event-ID on reconnect), a `: live` comment once the catch-up
// is done and every further event comes as it commits, a comment every 25 s so proxies and
// load balancers keep an idle connection open, and everything released when the client leaves
// (the request's signal, or the body being cancelled).

export const HEARTBEAT_MS = 25_000;
/** What a browser's EventSource waits before reconnecting. */
const RETRY_MS = 3_000;

const encoder = new TextEncoder();

/** Thrown into the feed's catch-up when the client has gone, so it reads no further. */
class ReaderGone extends Error {}

export function eventFrame(event: ChangeEventRow): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(presentChangeEvent(event))}\n\n`;
}

export function changeEventStreamResponse(feed: ChangeEventFeed, signal: AbortSignal): Response {
  let closed = false;
  let stopFeed: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let demand: (() => void) | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    stopFeed?.();
    demand?.();
    signal.removeEventListener('abort', onAbort);
  };
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  const onAbort = () => {
    close();
    try {
      controllerRef?.close();
    } catch {
      // already closed or errored
    }
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort);
      write(`retry: ${RETRY_MS}\n\n`);
      heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
      feed
        .start(async (events) => {
          if (closed) throw new ReaderGone();
          write(events.map(eventFrame).join(''));
          // catch-up waits for the reader instead of queueing the whole backlog in memory
          if (!closed && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (demand = resolve));
        })
        .then((stop) => {
          if (closed) return stop();
          stopFeed = stop;
          // caught up: from here on every event comes as it commits
          write(': live\n\n');
        })
        .catch((error: unknown) => {
          if (error instanceof ReaderGone) return;
          console.error('The event stream failed:', error);
          close();
          try {
            controller.error(error);
          } catch {
            // already closed
          }
        });
    },
    pull() {
      const resolve = demand;
      demand = null;
      resolve?.();
    },
    cancel() {
      close();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
