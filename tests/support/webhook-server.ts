// A server process with webhooks at work, for the test of two processes delivering from one
// database: serves the API's route handlers over HTTP on 127.0.0.1 (as api-server.ts does) and runs
// the webhook relay and worker, as every real server process does. Prints "listening <port>" once
// both run. Run with tsx --conditions=react-server.
import http from 'node:http';
import { stopChangeEventHub } from '../../lib/change-record/change-event-hub';
import { disconnectDb } from '../../lib/db';
import { startWebhookDelivery, stopWebhookDelivery } from '../../lib/webhooks/start-webhook-delivery';
import { send } from './route-dispatch';

const server = http.createServer(async (incoming, outgoing) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
    const answer = await send({ method: incoming.method ?? 'GET', url: `http://localhost:3000${incoming.url ?? '/'}`, headers, body });
    outgoing.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
    outgoing.end(answer.text);
  } catch (error) {
    outgoing.writeHead(500, { 'content-type': 'text/plain' });
    outgoing.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
});

await startWebhookDelivery();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

process.on('SIGTERM', () => {
  server.close();
  void stopWebhookDelivery()
    .then(() => stopChangeEventHub())
    .then(() => disconnectDb())
    .finally(() => process.exit(0));
});
