// A server process for tests that need more than one: serves the app's API route handlers (and the
// proxy in front of them) over HTTP on 127.0.0.1, on the database named by DATABASE_URL. Prints
// "listening <port>" once it accepts requests. Run with tsx --conditions=react-server.
import http from 'node:http';
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
    // the test reads this as the 500 it is
    outgoing.writeHead(500, { 'content-type': 'text/plain' });
    outgoing.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
