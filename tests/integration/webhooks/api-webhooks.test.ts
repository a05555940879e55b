import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as webhooksRoute from '../../../app/api/v1/webhooks/route';
import * as webhookRoute from '../../../app/api/v1/webhooks/[id]/route';
import * as deliveriesRoute from '../../../app/api/v1/webhooks/[id]/deliveries/route';
import * as replayRoute from '../../../app/api/v1/webhooks/[id]/deliveries/[deliveryId]/replay/route';
import * as testRoute from '../../../app/api/v1/webhooks/[id]/test/route';
import { db } from '../../../lib/db';
import { resetEnvForTests } from '../../../lib/env';
import { fromPublicId } from '../../../lib/ids';
import { stopWebhookQueue } from '../../../lib/webhooks/webhook-queue';
import { call, createUserWithKey } from '../../setup/api';

// The webhooks API: admins manage endpoints; the secret is answered once; bad input is a 4xx with
// the field named; URLs that would reach the server's own network are refused (SSRF).

let admin: string;
let manager: string;

beforeAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvForTests();
  ({ key: admin } = await createUserWithKey('admin'));
  ({ key: manager } = await createUserWithKey('manager'));
});

afterAll(async () => {
  // "send test event" started this process's queue (no worker runs here)
  await stopWebhookQueue();
});

const create = (body: unknown, key = admin) => call(webhooksRoute.POST, 'POST', '/api/v1/webhooks', { key, body });

describe('webhooks API', () => {
  it('creates an endpoint, answers its secret once, and lists, reads, changes and deletes it', async () => {
    const created = await create({ url: 'http://93.184.215.14/hooks', event_types: ['deal.created', 'deal.won', 'deal.won'], description: ' CRM sync ' });
    expect(created.status).toBe(201);
    const endpoint = created.json.data;
    expect(endpoint).toMatchObject({
      url: 'http://93.184.215.14/hooks',
      event_types: ['deal.created', 'deal.won'],
      description: 'CRM sync',
      status: 'active',
      disabled_reason: null,
    });
    expect(endpoint.id).toMatch(/^wh_/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(endpoint.secret.slice(6), 'base64')).toHaveLength(32);

    const listed = await call(webhooksRoute.GET, 'GET', '/api/v1/webhooks', { key: admin });
    expect(listed.json.data.map((row: { id: string }) => row.id)).toContain(endpoint.id);
    const got = await call(webhookRoute.GET, 'GET', `/api/v1/webhooks/${endpoint.id}`, { key: admin, params: { id: endpoint.id } });
    expect(got.json.data).toEqual(listed.json.data.find((row: { id: string }) => row.id === endpoint.id));
    for (const answer of [listed.json.data, got.json.data]) expect(JSON.stringify(answer)).not.toContain('whsec_');

    const paused = await call(webhookRoute.PATCH, 'PATCH', `/api/v1/webhooks/${endpoint.id}`, {
      key: admin,
      params: { id: endpoint.id },
      body: { status: 'paused', event_types: ['*'], description: '' },
    });
    expect(paused.status).toBe(200);
    expect(paused.json.data).toMatchObject({ status: 'paused', event_types: ['*'], description: null });

    // the change record keeps who changed the endpoint, never its secret
    const events = await db.changeEvent.findMany({ where: { recordType: 'webhook_endpoint' }, orderBy: { id: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['webhook_endpoint.created', 'webhook_endpoint.updated']);
    expect(JSON.stringify(events.map((event) => [event.record, event.changes]))).not.toContain('whsec_');

    const deleted = await call(webhookRoute.DELETE, 'DELETE', `/api/v1/webhooks/${endpoint.id}`, { key: admin, params: { id: endpoint.id } });
    expect(deleted.status).toBe(204);
    const gone = await call(webhookRoute.GET, 'GET', `/api/v1/webhooks/${endpoint.id}`, { key: admin, params: { id: endpoint.id } });
    expect(gone.status).toBe(404);
  });

  it('is for admins only', async () => {
    expect((await create({ url: 'https://example.com/hooks', event_types: ['*'] }, manager)).status).toBe(403);
    expect((await call(webhooksRoute.GET, 'GET', '/api/v1/webhooks', { key: manager })).status).toBe(403);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ event_types: ['*'] }, 400, 'url'],
      [{ url: 'https://example.com', event_types: [] }, 400, 'event_types'],
      [{ url: 'https://example.com', event_types: ['deal.exploded'] }, 400, 'event_types.0'],
      [{ url: 'https://example.com', event_types: ['*', 'deal.created'] }, 400, 'event_types'],
      [{ url: 'https://example.com', event_types: 'deal.created' }, 400, 'event_types'],
      [{ url: 'https://example.com', event_types: ['*'], secret: 'whsec_mine' }, 400, 'secret'],
      [{ url: 'https://example.com', event_types: ['*'], status: 'disabled' }, 400, 'status'],
      [{ url: 'not a url', event_types: ['*'] }, 422, 'url'],
      [{ url: 'https://user:pass@example.com/hooks', event_types: ['*'] }, 422, 'url'],
    ];
    for (const [body, status, path] of cases) {
      const answer = await create(body);
      expect({ body, status: answer.status }).toEqual({ body, status });
      expect(answer.json.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
    const id = 'wh_nothing';
    expect((await call(webhookRoute.GET, 'GET', `/api/v1/webhooks/${id}`, { key: admin, params: { id } })).status).toBe(404);
    const created = await create({ url: 'https://93.184.215.14/hooks', event_types: ['*'] });
    const endpointId = created.json.data.id as string;
    const replay = await call(replayRoute.POST, 'POST', `/api/v1/webhooks/${endpointId}/deliveries/not-a-uuid/replay`, {
      key: admin,
      params: { id: endpointId, deliveryId: 'not-a-uuid' },
    });
    expect(replay.status).toBe(404);
    const unknown = '01939a4e-5f7b-7c3a-9d2e-4b8f0a1c2d3e';
    const replayUnknown = await call(replayRoute.POST, 'POST', `/api/v1/webhooks/${endpointId}/deliveries/${unknown}/replay`, {
      key: admin,
      params: { id: endpointId, deliveryId: unknown },
    });
    expect(replayUnknown.status).toBe(404);
    const badCursor = await call(deliveriesRoute.GET, 'GET', `/api/v1/webhooks/${endpointId}/deliveries?cursor=zzz`, {
      key: admin,
      params: { id: endpointId },
    });
    expect(badCursor.status).toBe(400);
    const emptyPatch = await call(webhookRoute.PATCH, 'PATCH', `/api/v1/webhooks/${endpointId}`, { key: admin, params: { id: endpointId }, body: {} });
    expect(emptyPatch.status).toBe(400);
  });

  it('refuses URLs that reach loopback, link-local or private addresses, and schemes other than http(s)', async () => {
    const refused = [
      'http://127.0.0.1/hooks',
      'http://127.1.2.3:8080/hooks',
      'http://localhost:3000/hooks',
      'http://10.0.0.1/hooks',
      'http://172.16.5.4/hooks',
      'http://192.168.1.10/hooks',
      'http://100.64.0.1/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/hooks',
      'http://[::1]/hooks',
      'http://[::]/hooks',
      'http://[fe80::1]/hooks',
      'http://[fd12:3456::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://[::ffff:a9fe:a9fe]/hooks',
      'http://[64:ff9b::10.0.0.1]/hooks',
      'http://2130706433/hooks',
      'http://0x7f.0.0.1/hooks',
      'ftp://example.com/hooks',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ];
    for (const url of refused) {
      const answer = await create({ url, event_types: ['*'] });
      expect({ url, status: answer.status }).toEqual({ url, status: 422 });
      expect(answer.json.error.details).toEqual([{ path: 'url', message: answer.json.error.message }]);
    }
    const loopback = await create({ url: 'http://127.0.0.1/hooks', event_types: ['*'] });
    expect(loopback.json.error.message).toBe('127.0.0.1 is a loopback, link-local or private address: webhooks are only sent to public addresses.');
    const named = await create({ url: 'http://localhost:3000/hooks', event_types: ['*'] });
    expect(named.json.error.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback/);

    // a change of URL is checked the same way
    const created = await create({ url: 'https://93.184.215.14/hooks', event_types: ['*'] });
    const id = created.json.data.id as string;
    const moved = await call(webhookRoute.PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { key: admin, params: { id }, body: { url: 'http://192.168.0.1/' } });
    expect(moved.status).toBe(422);
    expect(moved.json.error.details[0].path).toBe('url');
    // public addresses are fine
    expect((await create({ url: 'http://[2606:4700::1111]/hooks', event_types: ['*'] })).status).toBe(201);
  });

  it('queues a test event and lists it in the delivery log, newest first, page by page', async () => {
    const created = await create({ url: 'https://93.184.215.14/hooks', event_types: ['*'] });
    const id = created.json.data.id as string;
    const queued = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await call(testRoute.POST, 'POST', `/api/v1/webhooks/${id}/test`, { key: admin, params: { id } });
      expect(answer.status).toBe(202);
      queued.push(answer.json.data.id as string);
    }
    const first = await call(deliveriesRoute.GET, 'GET', `/api/v1/webhooks/${id}/deliveries?limit=2`, { key: admin, params: { id } });
    expect(first.json.data.map((row: { id: string }) => row.id)).toEqual([queued[2], queued[1]]);
    expect(first.json.data[0]).toMatchObject({ event_type: 'webhook.test', status: 'pending', attempts: 0, endpoint_id: id, event_id: null });
    expect(first.json.has_more).toBe(true);
    const second = await call(deliveriesRoute.GET, 'GET', `/api/v1/webhooks/${id}/deliveries?limit=2&cursor=${first.json.next_cursor}`, {
      key: admin,
      params: { id },
    });
    expect(second.json.data.map((row: { id: string }) => row.id)).toEqual([queued[0]]);
    expect(second.json.has_more).toBe(false);

    // a paused endpoint takes no test event
    await call(webhookRoute.PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { key: admin, params: { id }, body: { status: 'paused' } });
    const refused = await call(testRoute.POST, 'POST', `/api/v1/webhooks/${id}/test`, { key: admin, params: { id } });
    expect(refused.status).toBe(409);
    expect(await db.webhookDelivery.count({ where: { endpointId: fromPublicId('webhookEndpoint', id)! } })).toBe(3);
  });
});
