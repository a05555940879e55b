import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealRoute from '../../../app/api/v1/deals/[id]/route';
import * as webhooksRoute from '../../../app/api/v1/webhooks/route';
import { stopChangeEventHub } from '../../../lib/change-record/change-event-hub';
import { db } from '../../../lib/db';
import { fromPublicId } from '../../../lib/ids';
import { startWebhookDelivery, stopWebhookDelivery } from '../../../lib/webhooks/start-webhook-delivery';
import { call, createPipelineFixture, createUserWithKey, type ApiAnswer, type CallOptions } from '../../setup/api';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { configureFastWebhookRetries, eventually } from '../../support/webhook-test-env';

// Two server processes on one PostgreSQL database, each relaying and delivering (as behind a load
// balancer): writes through both, every event reaches the receiver once — never two processes
// sending the same delivery, nor the relay queueing an event twice — and each deal's events in
// order. The embedded database serves one process (its data directory is locked to it), so there
// the same writes run in this process with its own worker, and the same is checked.

configureFastWebhookRetries(5);

const POSTGRES = process.env.TEST_ENGINE === 'postgresql';
const DEALS = POSTGRES ? 24 : 8;
const UPDATES = 3;

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let receiver: WebhookReceiver;
const servers: { process: ChildProcess; port: number }[] = [];

async function startServer() {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'tests/support/webhook-server.ts'], {
    env: { ...process.env, API_RATE_LIMIT_PER_MINUTE: '100000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening: ${output}`)));
  });
  servers.push({ process: child, port });
}

beforeAll(async () => {
  ({ key } = await createUserWithKey('admin'));
  sales = await createPipelineFixture('Two processes');
  receiver = await startWebhookReceiver();
  if (POSTGRES) {
    // one after the other: the first installs pg-boss's schema, the second finds it
    await startServer();
    await startServer();
  } else {
    await startWebhookDelivery();
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(
    servers.map(async (server) => {
      server.process.kill('SIGTERM');
      if (server.process.exitCode === null) await once(server.process, 'exit');
    }),
  );
  await stopWebhookDelivery();
  await stopChangeEventHub();
  await receiver.close();
});

/** Through server process `which` over HTTP (PostgreSQL), or the handler in this process. */
async function send(which: number, handler: Parameters<typeof call>[0], method: string, path: string, options: CallOptions): Promise<ApiAnswer> {
  const server = servers[which % Math.max(servers.length, 1)];
  if (!server) return call(handler, method, path, options);
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: { 'x-api-key': options.key!, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe('webhooks from two server processes', () => {
  it('delivers every event once, each deal in order', async () => {
    const created = await call(webhooksRoute.POST, 'POST', '/api/v1/webhooks', {
      key,
      body: { url: receiver.url, event_types: ['deal.created', 'deal.updated'] },
    });
    expect(created.status).toBe(201);
    const endpointId = fromPublicId('webhookEndpoint', created.json.data.id as string)!;

    // each deal is written through both processes, deals side by side
    await Promise.all(
      Array.from({ length: DEALS }, async (_, index) => {
        const answer = await send(index, dealsRoute.POST, 'POST', '/api/v1/deals', {
          key,
          body: { name: `Deal ${index} v0`, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 100 },
        });
        expect(answer.status).toBe(201);
        const id = answer.json.data.id as string;
        for (let version = 1; version <= UPDATES; version += 1) {
          const updated = await send(index + version, dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, {
            key,
            params: { id },
            body: { name: `Deal ${index} v${version}` },
          });
          expect(updated.status).toBe(200);
        }
      }),
    );

    const expected = DEALS * (1 + UPDATES);
    await receiver.until(expected);
    await eventually(
      () => db.webhookDelivery.groupBy({ by: ['status'], where: { endpointId }, _count: true }),
      (groups) => groups.length === 1 && groups[0]!.status === 'succeeded' && groups[0]!._count === expected,
      'every delivery to succeed',
    );
    // nothing more arrives: the log is settled, and the receiver has exactly one request per delivery
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    const deliveryIds = (await db.webhookDelivery.findMany({ where: { endpointId }, select: { id: true } })).map((row) => row.id);
    expect(new Set(ids)).toEqual(new Set(deliveryIds));
    // each change event went out once
    const eventIds = receiver.received.map((request) => request.json.id as number);
    expect(new Set(eventIds).size).toBe(expected);

    const byDeal = new Map<string, string[]>();
    for (const request of receiver.received) {
      const dealId = request.json.deal_id as string;
      byDeal.set(dealId, [...(byDeal.get(dealId) ?? []), request.json.data.name as string]);
    }
    expect(byDeal.size).toBe(DEALS);
    for (const names of byDeal.values()) {
      const index = /^Deal (\d+)/.exec(names[0]!)![1];
      expect(names).toEqual(Array.from({ length: UPDATES + 1 }, (_, version) => `Deal ${index} v${version}`));
    }
  }, 120_000);
});
