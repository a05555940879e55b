// Reads a Server-Sent Events body the way a client would: frames split on blank lines, `id:` and
// `data:` fields, comments ignored. `next(n)` resolves once n events have arrived.

export interface SseEvent {
  id: string;
  data: { id: number; type: string; [key: string]: unknown };
}

export function readSse(body: ReadableStream<Uint8Array>) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let ended = false;
  const waiters: Array<() => void> = [];
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | null = null;
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (id !== null && data.length > 0) events.push({ id, data: JSON.parse(data.join('\n')) });
          end = buffer.indexOf('\n\n');
        }
        for (const waiter of waiters.splice(0)) waiter();
      }
    } catch {
      // the stream was cancelled
    } finally {
      ended = true;
      for (const waiter of waiters.splice(0)) waiter();
    }
  })();
  return {
    events,
    comments,
    /** resolves once `count` events have arrived (or the stream ended) */
    async next(count: number): Promise<SseEvent[]> {
      while (events.length < count && !ended) await new Promise<void>((resolve) => waiters.push(resolve));
      return events.slice(0, count);
    },
    /** resolves once the comment `: <text>` has arrived */
    async comment(text: string): Promise<void> {
      while (!comments.includes(text) && !ended) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async cancel() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
