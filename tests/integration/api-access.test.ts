import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as concordDeals from '../../app/api/concord/deals/route';
import * as concordDeal from '../../app/api/concord/deals/[id]/route';
import * as hubspotDeal from '../../app/api/hubspot/deals/v1/deal/route';
import * as hubspotDealById from '../../app/api/hubspot/deals/v1/deal/[dealId]/route';
import * as recotapDeals from '../../app/api/recotap/v1/deals/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as pipelinesRoute from '../../app/api/v1/pipelines/route';
import { CREDENTIALS_CHANNEL, mayCacheCredentials, stopListeningForCredentialChanges, subscribeToCredentialChanges } from '../../lib/auth/credential-changes';
import { db, getDbConnection } from '../../lib/db';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';
import { deactivateUser } from '../../lib/services/users/deactivate-user';
import { reactivateUser } from '../../lib/services/users/reactivate-user';
import { setUserRole } from '../../lib/services/users/set-user-role';
import type { ServiceContext } from '../../lib/services/context';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Who an API key acts as, at every door of the API (native, Recotap, HubSpot, Concord): a
// read-only key writes nowhere, a deactivated user's key and a changed role take effect on the
// very next request although keys are cached per process, and on PostgreSQL a change committed
// by another server process reaches this one's cache through LISTEN/NOTIFY.

let admin: ServiceContext;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

afterAll(async () => {
  await stopListeningForCredentialChanges();
});

beforeAll(async () => {
  const created = await createUserWithKey('admin', 'Access Admin');
  admin = { user: created.user, source: 'ui' };
  fixture = await createPipelineFixture('Access');
});

const dealBody = () => ({
  name: `Access deal ${Math.random().toString(36).slice(2, 8)}`,
  pipeline_id: fixture.pipelineId,
  stage_id: fixture.stageIds[0],
  value: 1000,
  currency: 'USD',
});

describe('a read-only key', () => {
  it('reads on every door and is refused every write with 403, changing nothing', async () => {
    const owner = await createUserWithKey('manager', 'Reader');
    const { key: readKey } = await createApiKey({ ctx: { user: owner.user, source: 'api' }, input: { name: 'read only', scope: 'read' } });
    const deal = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key: owner.key, body: dealBody() });
    expect(deal.status).toBe(201);
    const dealsBefore = await db.deal.count();

    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=5', { key: readKey })).status).toBe(200);
    const native = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key: readKey, body: dealBody() });
    expect(native.status).toBe(403);
    expect(native.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('read-only') });

    const recotap = await call(recotapDeals.POST, 'POST', '/api/recotap/v1/deals', {
      key: readKey,
      body: { deals: [{ externalDealId: 'ro-1', name: 'Read only', pipelineId: 'ro-pipe', stageId: 'ro-stage', amount: 10 }] },
    });
    expect(recotap.status).toBe(403);

    const hubspotBody = { properties: [{ name: 'dealname', value: 'Read only' }] };
    const hubspot = await call(hubspotDeal.POST, 'POST', `/api/hubspot/deals/v1/deal/?hapikey=${encodeURIComponent(readKey)}`, { body: hubspotBody });
    expect(hubspot.status).toBe(403);
    const dealNumber = deal.json.data.number as number;
    const hubspotRead = await call(hubspotDealById.GET, 'GET', `/api/hubspot/deals/v1/deal/${dealNumber}?hapikey=${encodeURIComponent(readKey)}`, {
      params: { dealId: String(dealNumber) },
    });
    expect(hubspotRead.status).toBe(200);

    const bearer = { authorization: `Bearer ${readKey}` };
    expect((await call(concordDeals.GET, 'GET', '/api/concord/deals', { headers: bearer })).status).toBe(200);
    const concord = await call(concordDeal.PUT, 'PUT', `/api/concord/deals/${dealNumber}`, {
      headers: bearer,
      params: { id: String(dealNumber) },
      body: { name: 'Renamed' },
    });
    expect(concord.status).toBe(403);
    const concordDelete = await call(concordDeal.DELETE, 'DELETE', `/api/concord/deals/${dealNumber}`, { headers: bearer, params: { id: String(dealNumber) } });
    expect(concordDelete.status).toBe(403);

    expect(await db.deal.count()).toBe(dealsBefore);
    expect((await db.deal.findUniqueOrThrow({ where: { id: dealNumber } })).name).toBe(deal.json.data.name);
  });
});

describe('a key whose owner changes', () => {
  it('is refused with 401 on the next request once its owner is deactivated, and works again after reactivation', async () => {
    const rep = await createUserWithKey('rep', 'Leaving Rep');
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=1', { key: rep.key })).status).toBe(200);
    await deactivateUser({ ctx: admin, input: { userId: rep.user.id } });
    const refused = await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=1', { key: rep.key });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('unauthorized');
    const hubspot = await call(hubspotDeal.POST, 'POST', `/api/hubspot/deals/v1/deal/?hapikey=${encodeURIComponent(rep.key)}`, { body: { properties: [] } });
    expect(hubspot.status).toBe(401);
    await reactivateUser({ ctx: admin, input: { userId: rep.user.id } });
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=1', { key: rep.key })).status).toBe(200);
  });

  it('acts with the new role on the next request after a role change', async () => {
    const manager = await createUserWithKey('manager', 'Demoted Manager');
    const pipeline = (name: string) => call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', { key: manager.key, body: { name, stages: [{ name: 'One' }] } });
    expect((await pipeline('Allowed')).status).toBe(201);
    await setUserRole({ ctx: admin, input: { userId: manager.user.id, role: 'rep' } });
    const refused = await pipeline('Refused');
    expect(refused.status).toBe(403);
    expect(await db.pipeline.count({ where: { name: 'Refused' } })).toBe(0);
  });
});

// only PostgreSQL serves several processes (the embedded database is opened by one)
if (process.env.TEST_ENGINE === 'postgresql')
  describe('another server process', () => {
    it('revoking a key there is heard here at once: the cached key is refused on the next request', async () => {
      const rep = await createUserWithKey('rep', 'Cached Rep');
      const list = async () => (await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=1', { key: rep.key })).status;
      expect(await list()).toBe(200);
      // this process caches keys only while it listens for changes
      await expect.poll(() => mayCacheCredentials()).toBe(true);
      expect(await list()).toBe(200);

      // the other process: its own connection
      const { config } = getDbConnection();
      const other = new pg.Client({ connectionString: (config as { url: string }).url });
      await other.connect();
      try {
        // a change nobody announces is not seen here: the key is served from the cache
        await other.query('UPDATE api_keys SET revoked_at = now() WHERE user_id = $1', [rep.user.id]);
        expect(await list()).toBe(200);

        // announced the way the revoke service does it, in the writing transaction: heard at once
        const heard = new Promise<void>((resolve) => subscribeToCredentialChanges(resolve));
        await other.query('BEGIN');
        await other.query('UPDATE api_keys SET name = name WHERE user_id = $1', [rep.user.id]);
        await other.query(`SELECT pg_notify('${CREDENTIALS_CHANNEL}', '')`);
        await other.query('COMMIT');
        await heard;
      } finally {
        await other.end();
      }
      const refused = await call(dealsRoute.GET, 'GET', '/api/v1/deals?limit=1', { key: rep.key });
      expect(refused.status).toBe(401);
    });
  });
