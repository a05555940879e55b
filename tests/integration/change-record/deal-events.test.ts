import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealRoute from '../../../app/api/v1/deals/[id]/route';
import * as stageRoute from '../../../app/api/v1/deals/[id]/stage/route';
import { db } from '../../../lib/db';
import { fromPublicId } from '../../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../../setup/api';

// The change record: every deal write through the API appends events in its own transaction,
// with the actor, the key, the channel and the previous values.

let key: string;
let user: { id: number };
let keyId: number;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key, user } = await createUserWithKey('manager'));
  keyId = (await db.apiKey.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })).id;
  sales = await createPipelineFixture('Sales');
});

async function eventsOf(dealId: number) {
  return db.changeEvent.findMany({ where: { dealId, recordType: 'deal' }, orderBy: { id: 'asc' } });
}

describe('deal events', () => {
  it('records create, update, stage change, win and delete with who, how and what changed', async () => {
    const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Acme renewal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
    });
    expect(created.status).toBe(201);
    const id = created.json.data.id as string;
    const dealId = fromPublicId('deal', id)!;
    await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, { key, params: { id }, body: { name: 'Acme renewal 2027', value: 2500 } });
    await call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key, params: { id }, body: { stage_id: sales.stageIds[1] } });
    await call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key, params: { id }, body: { stage_id: sales.stageIds[3] } });
    await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${id}`, { key, params: { id } });

    const events = await eventsOf(dealId);
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.updated', 'deal.stage_changed', 'deal.won', 'deal.deleted']);
    for (const event of events) {
      expect(event).toMatchObject({
        actorUserId: user.id,
        actorApiKeyId: keyId,
        channel: 'api',
        dealId,
        pipelineId: fromPublicId('pipeline', sales.pipelineId),
      });
    }
    expect(events[1]!.changes).toEqual({ name: { from: 'Acme renewal', to: 'Acme renewal 2027' }, value: { from: 1000, to: 2500 } });
    expect(events[2]!.changes).toMatchObject({ stage_id: { from: fromPublicId('stage', sales.stageIds[0]!), to: fromPublicId('stage', sales.stageIds[1]!) } });
    expect(events[3]!.changes).toMatchObject({ status: { from: 'open', to: 'won' } });
    // ids are increasing
    const ids = events.map((event) => event.id);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it('writes no event for a write that changes nothing, or one that is refused', async () => {
    const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Quiet', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 10 },
    });
    const id = created.json.data.id as string;
    const dealId = fromPublicId('deal', id)!;
    await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, { key, params: { id }, body: { name: 'Quiet' } });
    const refused = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, { key, params: { id }, body: { name: 'Loud', loss_reason: 'Price' } });
    expect(refused.status).toBe(422);
    expect((await eventsOf(dealId)).map((event) => event.type)).toEqual(['deal.created']);
  });
});
