import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A real webhook receiver for tests: an HTTP server on 127.0.0.1 (a port of its own) that keeps
// every request it gets and answers as the test says — 204 by default, another status, or not
// yet (the request is held until the test lets it go).

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** the body as JSON */
  json: Record<string, any>;
}

/** What to answer one request: a status, or 'hold' (answered with 204 when released). */
export type Answer = number | 'hold';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** decides each request's answer (default: 204) */
  answer: (request: ReceivedWebhook) => Answer;
  /** resolves once `count` requests have arrived that match `filter` (every request by default) */
  until(count: number, filter?: (request: ReceivedWebhook) => boolean): Promise<ReceivedWebhook[]>;
  /** the requests held unanswered (answer 'hold') */
  held(): ReceivedWebhook[];
  /** answers every held request */
  release(): void;
  /** stops listening: connections are then refused, as from a receiver that is down */
  close(): Promise<void>;
  /** listens again on the same port */
  reopen(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const held: Array<{ entry: ReceivedWebhook; response: http.ServerResponse }> = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      let json: Record<string, any> = {};
      try {
        json = JSON.parse(body) as Record<string, any>;
      } catch {
        // kept as text; a test reading json sees {}
      }
      const entry = { headers, body, json };
      receiver.received.push(entry);
      for (const waiter of [...waiters]) waiter();
      const answer = receiver.answer(entry);
      if (answer === 'hold') held.push({ entry, response });
      else response.writeHead(answer).end();
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    received: [],
    answer: () => 204,
    until(count, filter = () => true) {
      return new Promise((resolve) => {
        const check = () => {
          const matching = receiver.received.filter(filter);
          if (matching.length < count) return false;
          resolve(matching);
          return true;
        };
        if (check()) return;
        const waiter = () => {
          if (check()) waiters.splice(waiters.indexOf(waiter), 1);
        };
        waiters.push(waiter);
      });
    },
    held: () => held.map((item) => item.entry),
    release() {
      for (const { response } of held.splice(0)) response.writeHead(204).end();
    },
    async close() {
      receiver.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    reopen: () => listen(port),
  };
  return receiver;
}
