import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealRoute from '../../../app/api/v1/deals/[id]/route';
import * as webhooksRoute from '../../../app/api/v1/webhooks/route';
import * as webhookRoute from '../../../app/api/v1/webhooks/[id]/route';
import * as deliveriesRoute from '../../../app/api/v1/webhooks/[id]/deliveries/route';
import * as replayRoute from '../../../app/api/v1/webhooks/[id]/deliveries/[deliveryId]/replay/route';
import * as testRoute from '../../../app/api/v1/webhooks/[id]/test/route';
import { stopChangeEventHub } from '../../../lib/change-record/change-event-hub';
import { db } from '../../../lib/db';
import { fromPublicId } from '../../../lib/ids';
import { startWebhookDelivery, stopWebhookDelivery } from '../../../lib/webhooks/start-webhook-delivery';
import { call, createPipelineFixture, createUserWithKey } from '../../setup/api';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { eventually, configureFastWebhookRetries } from '../../support/webhook-test-env';

// Webhooks end to end in one server process: the relay queues each committed change for each
// subscribed endpoint, the worker POSTs it to a real HTTP receiver, signed per Standard Webhooks,
// in order per record, retrying while the receiver is down and giving up (disabling the endpoint)
// when it never comes back.

configureFastWebhookRetries(3);

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ key } = await createUserWithKey('admin'));
  sales = await createPipelineFixture('Sales');
  await startWebhookDelivery();
});

afterAll(async () => {
  await stopWebhookDelivery();
  await stopChangeEventHub();
});

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  return () => receiver.close();
});

async function createEndpoint(eventTypes: string[], url = receiver.url) {
  const created = await call(webhooksRoute.POST, 'POST', '/api/v1/webhooks', { key, body: { url, event_types: eventTypes } });
  expect(created.status).toBe(201);
  return { id: created.json.data.id as string, secret: created.json.data.secret as string };
}

async function createDeal(name: string) {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 100 },
  });
  expect(created.status).toBe(201);
  return created.json.data.id as string;
}

async function renameDeal(id: string, name: string, value?: number) {
  const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, {
    key,
    params: { id },
    body: { name, ...(value === undefined ? {} : { value }) },
  });
  expect(answer.status).toBe(200);
}

function deliveriesOf(endpointId: string) {
  return db.webhookDelivery.findMany({ where: { endpointId: fromPublicId('webhookEndpoint', endpointId)! }, orderBy: { id: 'asc' } });
}

describe('webhook delivery', () => {
  it('signs each delivery so the standardwebhooks library verifies it, and sends the event with previous values', async () => {
    const endpoint = await createEndpoint(['deal.updated']);
    const dealId = await createDeal('Signed deal');
    await renameDeal(dealId, 'Signed deal, renamed', 250);
    const [request] = await receiver.until(1);
    const verified = new Webhook(endpoint.secret).verify(request!.body, request!.headers) as Record<string, any>;
    expect(verified).toMatchObject({
      type: 'deal.updated',
      record: { type: 'deal', id: dealId },
      deal_id: dealId,
      actor: { channel: 'api' },
      changes: { name: { from: 'Signed deal', to: 'Signed deal, renamed' }, value: { from: 100, to: 250 } },
      data: { id: dealId, name: 'Signed deal, renamed' },
    });
    expect(request!.headers['content-type']).toBe('application/json');
    // a wrong secret does not verify
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request!.body, request!.headers)).toThrow();
    const [delivery] = await eventually(
      () => deliveriesOf(endpoint.id),
      (rows) => rows[0]?.status === 'succeeded',
      'the delivery to succeed',
    );
    expect(delivery).toMatchObject({
      id: request!.headers['webhook-id'],
      messageId: request!.headers['webhook-id'],
      eventType: 'deal.updated',
      attempts: 1,
      lastStatusCode: 204,
    });
    expect(delivery!.lastLatencyMs).toBeGreaterThanOrEqual(0);
    // only the subscribed type was sent
    expect(receiver.received).toHaveLength(1);
  });

  it('delivers several updates of one deal in the order they were made', async () => {
    const endpoint = await createEndpoint(['deal.created', 'deal.updated']);
    const dealId = await createDeal('Ordered');
    for (let round = 1; round <= 8; round += 1) await renameDeal(dealId, `Ordered ${round}`);
    const requests = await receiver.until(9);
    expect(requests.map((request) => request.json.data.name)).toEqual(['Ordered', ...Array.from({ length: 8 }, (_, i) => `Ordered ${i + 1}`)]);
    const ids = requests.map((request) => request.json.id as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(9);
    await eventually(
      () => deliveriesOf(endpoint.id),
      (rows) => rows.length === 9 && rows.every((row) => row.status === 'succeeded'),
      'every delivery to succeed',
    );
  });

  it('retries while the receiver answers 503 or is down, then delivers, with the same webhook-id', async () => {
    const endpoint = await createEndpoint(['deal.created']);
    let calls = 0;
    receiver.answer = () => (++calls === 1 ? 503 : 204);
    await createDeal('Retried');
    // the first attempt gets a 503; then the receiver goes down, and the next attempt is refused
    await receiver.until(1);
    await receiver.close();
    const retrying = await eventually(
      () => deliveriesOf(endpoint.id),
      (rows) => rows[0]?.status === 'retrying' && rows[0].attempts >= 2,
      'a refused attempt',
    );
    expect(retrying[0]).toMatchObject({ lastStatusCode: null, lastError: expect.stringContaining('refused') });
    expect(retrying[0]!.nextAttemptAt).toBeInstanceOf(Date);
    await receiver.reopen();
    const [first, second] = await receiver.until(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.json.data.name).toBe('Retried');
    const [delivery] = await eventually(
      () => deliveriesOf(endpoint.id),
      (rows) => rows[0]?.status === 'succeeded',
      'the delivery to succeed',
    );
    expect(delivery!.attempts).toBeGreaterThanOrEqual(3);
    expect(delivery!.nextAttemptAt).toBeNull();
  });

  it('never holds up a write while a receiver is slow to answer', async () => {
    await createEndpoint(['deal.created', 'deal.updated']);
    receiver.answer = () => 'hold';
    const dealId = await createDeal('Slow receiver');
    const [first] = await receiver.until(1);
    // while the receiver holds the first request, writes are answered (each awaited here)
    await renameDeal(dealId, 'Slow receiver, renamed');
    await createDeal('Another deal');
    expect(receiver.held()).toContain(first);
    receiver.answer = () => 204;
    receiver.release();
    const requests = await receiver.until(2, (request) => request.json.deal_id === dealId);
    expect(requests.map((request) => request.json.type)).toEqual(['deal.created', 'deal.updated']);
  });

  it('gives up after the last retry: the delivery fails and the endpoint is disabled with the reason', async () => {
    const endpoint = await createEndpoint(['deal.created', 'deal.updated']);
    receiver.answer = () => 503;
    const dealId = await createDeal('Never delivered');
    await renameDeal(dealId, 'Never delivered, renamed');
    const rows = await eventually(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'failed',
      'the delivery to fail',
      30_000,
    );
    expect(rows[0]).toMatchObject({ attempts: 4, lastStatusCode: 503, nextAttemptAt: null });
    // the later event of the same record waited behind it, and is skipped with it
    expect(rows[1]).toMatchObject({ status: 'skipped', attempts: 0 });
    const got = await call(webhookRoute.GET, 'GET', `/api/v1/webhooks/${endpoint.id}`, { key, params: { id: endpoint.id } });
    expect(got.json.data.status).toBe('disabled');
    expect(got.json.data.disabled_reason).toMatch(
      /^Disabled on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC after 4 failed attempts to deliver deal\.created: the last answer was HTTP 503\.$/,
    );
    expect(receiver.received).toHaveLength(4);

    // resumed, the endpoint receives again; nothing of its time off is sent
    receiver.answer = () => 204;
    const resumed = await call(webhookRoute.PATCH, 'PATCH', `/api/v1/webhooks/${endpoint.id}`, {
      key,
      params: { id: endpoint.id },
      body: { status: 'active' },
    });
    expect(resumed.json.data).toMatchObject({ status: 'active', disabled_reason: null });
    await renameDeal(dealId, 'Delivered at last');
    const [latest] = await receiver.until(1, (request) => request.json.data?.name === 'Delivered at last');
    expect(latest!.json.type).toBe('deal.updated');
  });

  it('sends a test event and replays a delivery under its webhook-id', async () => {
    const endpoint = await createEndpoint(['*']);
    const queued = await call(testRoute.POST, 'POST', `/api/v1/webhooks/${endpoint.id}/test`, { key, params: { id: endpoint.id } });
    expect(queued.status).toBe(202);
    expect(queued.json.data).toMatchObject({ event_type: 'webhook.test', status: 'pending', event_id: null });
    const [test] = await receiver.until(1, (request) => request.json.type === 'webhook.test');
    expect(new Webhook(endpoint.secret).verify(test!.body, test!.headers)).toMatchObject({ type: 'webhook.test', record: { id: endpoint.id } });
    const log = await eventually(
      () => call(deliveriesRoute.GET, 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, { key, params: { id: endpoint.id } }),
      (answer) => answer.json.data.some((row: { event_type: string; status: string }) => row.event_type === 'webhook.test' && row.status === 'succeeded'),
      'the test event in the log',
    );
    const delivered = log.json.data.find((row: { event_type: string }) => row.event_type === 'webhook.test');
    expect(delivered).toMatchObject({ attempts: 1, last_status_code: 204, webhook_id: delivered.id });

    const replayed = await call(replayRoute.POST, 'POST', `/api/v1/webhooks/${endpoint.id}/deliveries/${delivered.id}/replay`, {
      key,
      params: { id: endpoint.id, deliveryId: delivered.id },
    });
    expect(replayed.status).toBe(202);
    expect(replayed.json.data.id).not.toBe(delivered.id);
    expect(replayed.json.data.webhook_id).toBe(delivered.id);
    const again = await receiver.until(2, (request) => request.json.type === 'webhook.test');
    expect(again[1]!.headers['webhook-id']).toBe(delivered.id);
    expect(again[1]!.body).toBe(again[0]!.body);
  });

  it('keeps queued deliveries across a restart and sends them after it', async () => {
    const endpoint = await createEndpoint(['deal.created']);
    await stopWebhookDelivery();
    // written while no worker runs: the events wait in the change record, then in the queue
    const names = ['After restart 1', 'After restart 2', 'After restart 3'];
    for (const name of names) await createDeal(name);
    expect(receiver.received).toHaveLength(0);
    await startWebhookDelivery();
    const requests = await receiver.until(3);
    expect(requests.map((request) => request.json.data.name)).toEqual(names);
    await eventually(
      () => deliveriesOf(endpoint.id),
      (rows) => rows.length === 3 && rows.every((row) => row.status === 'succeeded'),
      'all three delivered',
    );
  });
});
