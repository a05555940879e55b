import { beforeAll, describe, expect, it } from 'vitest';
import * as concordAssociationsRoute from '../../../app/api/concord/associations/deals/[id]/route';
import * as concordBillableRoute from '../../../app/api/concord/deals/[id]/billable/route';
import * as concordDealRoute from '../../../app/api/concord/deals/[id]/route';
import * as concordDealsRoute from '../../../app/api/concord/deals/route';
import * as hubspotDealRoute from '../../../app/api/hubspot/deals/v1/deal/route';
import * as hubspotDealIdRoute from '../../../app/api/hubspot/deals/v1/deal/[dealId]/route';
import * as recotapDealStagesRoute from '../../../app/api/recotap/v1/deal-stages/route';
import * as recotapDealsRoute from '../../../app/api/recotap/v1/deals/route';
import { db } from '../../../lib/db';
import { call, type ApiAnswer } from '../../setup/api';
import { createUserWithKey } from '../../setup/api';
import { eventsOf, eventsOfDeal, eventsSince, lastEventId, type RecordedEvent } from './change-events';

// The compatibility dialects are doors of their own: HubSpot, Concord and Recotap writes are
// recorded with the key's user and the key, on the channel "api" (Recotap's deal sync: "import").

type Handler = Parameters<typeof call>[0];
const h = (handler: unknown) => handler as Handler;

let key: string;
let keyId: number;
let user: { id: number };
let pipeline: { id: number; stages: { id: number; externalId: string | null }[] };
let contactIds: number[];

beforeAll(async () => {
  ({ key, user } = await createUserWithKey('manager'));
  keyId = (await db.apiKey.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })).id;
  // the default pipeline, its stages known by HubSpot's stage IDs
  pipeline = await db.pipeline.create({
    data: {
      name: 'Sales',
      isDefault: true,
      stages: {
        create: [
          { name: 'Appointment scheduled', position: 0, probability: 20, externalId: 'appointmentscheduled' },
          { name: 'Qualified to buy', position: 1, probability: 40, externalId: 'qualifiedtobuy' },
          { name: 'Closed won', position: 2, probability: 100, outcome: 'won', externalId: 'closedwon' },
        ],
      },
    },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  contactIds = [(await db.contact.create({ data: { firstName: 'Ada' } })).id, (await db.contact.create({ data: { firstName: 'Grace' } })).id];
});

const bearer = () => ({ authorization: `Bearer ${key}` });

function expectActedThroughKey(events: RecordedEvent[], channel: 'api' | 'import' = 'api') {
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expect(event).toMatchObject({ actorUserId: user.id, actorApiKeyId: keyId, channel });
}

function expectOk(answer: ApiAnswer, status = 200) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
}

describe('HubSpot', () => {
  it('records the deal created and updated through the legacy deal API', async () => {
    const created = await call(h(hubspotDealRoute.POST), 'POST', '/api/hubspot/deals/v1/deal/', {
      headers: bearer(),
      body: {
        associations: { associatedVids: [contactIds[0]] },
        properties: [
          { name: 'dealname', value: 'HubSpot deal' },
          { name: 'dealstage', value: 'appointmentscheduled' },
          { name: 'amount', value: '600' },
        ],
      },
    });
    expectOk(created);
    const dealId = created.json.dealId as number;
    const updated = await call(h(hubspotDealIdRoute.PUT), 'PUT', `/api/hubspot/deals/v1/deal/${dealId}`, {
      headers: bearer(),
      params: { dealId: String(dealId) },
      body: { properties: [{ name: 'dealstage', value: 'qualifiedtobuy' }] },
    });
    expectOk(updated);

    const events = await eventsOfDeal(dealId);
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.contact_linked', 'deal.stage_changed']);
    expectActedThroughKey(events);
    expect(events[2]!.changes).toMatchObject({ stage_id: { from: pipeline.stages[0]!.id, to: pipeline.stages[1]!.id } });
  });
});

describe('Concord', () => {
  const concord = (handler: unknown, method: string, path: string, options: { body?: unknown; params?: Record<string, string> } = {}) =>
    call(h(handler), method, path, { headers: bearer(), ...options });

  it('records a deal created with products and contacts, then updated, its products and associations changed', async () => {
    const created = await concord(concordDealsRoute.POST, 'POST', '/api/concord/deals', {
      body: {
        name: 'Concord deal',
        stage_id: pipeline.stages[0]!.id,
        billable: { tax_type: 'exclusive', products: [{ name: 'Seat', unit_price: 10, qty: 2 }] },
        contacts: contactIds,
      },
    });
    expectOk(created, 201);
    const dealId = created.json.data.id as number;
    const params = { id: String(dealId) };
    expectOk(await concord(concordDealRoute.PUT, 'PUT', `/api/concord/deals/${dealId}`, { params, body: { name: 'Concord deal, renamed' } }));
    expectOk(
      await concord(concordBillableRoute.POST, 'POST', `/api/concord/deals/${dealId}/billable`, {
        params,
        body: { products: [{ name: 'Support', unit_price: 5, qty: 1 }] },
      }),
    );
    expectOk(
      await concord(concordAssociationsRoute.DELETE, 'DELETE', `/api/concord/associations/deals/${dealId}`, { params, body: { contacts: [contactIds[1]] } }),
    );

    const events = await eventsOfDeal(dealId);
    expect(events.map((event) => event.type)).toEqual([
      // created in one transaction: the line items' event is its last statement, so it comes first
      'line_items.replaced',
      'deal.created',
      'deal.contact_linked',
      'deal.contact_linked',
      'deal.updated',
      'line_items.replaced',
      'deal.updated',
      'deal.contact_unlinked',
    ]);
    expectActedThroughKey(events);
    expect(events[0]!.changes.line_items).toEqual({ from: [], to: [expect.objectContaining({ name: 'Seat', unit_price: 1000, quantity: 2, total: 2000 })] });
    expect(events[4]!.changes).toEqual({ name: { from: 'Concord deal', to: 'Concord deal, renamed' } });
    // the billable endpoint adds the product sent to the ones the deal has
    expect(events[5]!.changes.line_items!.from).toEqual([expect.objectContaining({ name: 'Seat' })]);
    expect(events[5]!.changes.line_items!.to).toEqual([
      expect.objectContaining({ name: 'Seat' }),
      expect.objectContaining({ name: 'Support', unit_price: 500 }),
    ]);
    expect(events[6]!.changes).toEqual({ value: { from: 2000, to: 2500 } });
  });

  it('records nothing for a billable save that changes no line', async () => {
    const created = await concord(concordDealsRoute.POST, 'POST', '/api/concord/deals', {
      body: {
        name: 'Quiet lines',
        stage_id: pipeline.stages[0]!.id,
        billable: { tax_type: 'exclusive', products: [{ name: 'Seat', unit_price: 10, qty: 2 }] },
      },
    });
    expectOk(created, 201);
    const dealId = created.json.data.id as number;
    const before = await lastEventId();
    expectOk(
      await concord(concordBillableRoute.POST, 'POST', `/api/concord/deals/${dealId}/billable`, { params: { id: String(dealId) }, body: { products: [] } }),
    );
    expect((await eventsSince(before)).filter((event) => event.recordType === 'line_items')).toEqual([]);
  });
});

describe('Recotap', () => {
  it('records synced pipelines through the key, and synced deals as an import', async () => {
    const stages = await call(h(recotapDealStagesRoute.POST), 'POST', '/api/recotap/v1/deal-stages', {
      key,
      body: {
        pipelines: [
          {
            pipelineId: 'smb',
            pipelineLabel: 'SMB Sales',
            stages: [
              { stageId: 's1', stageLabel: 'Prospecting' },
              { stageId: 's2', stageLabel: 'Won' },
            ],
          },
        ],
      },
    });
    expect(stages.status).toBeLessThan(300);
    const smb = await db.pipeline.findUniqueOrThrow({ where: { externalId: 'smb' }, select: { id: true } });
    const pipelineEvents = await eventsOf('pipeline', smb.id);
    expect(pipelineEvents.map((event) => event.type)).toEqual(['pipeline.created']);
    expectActedThroughKey(pipelineEvents);

    const deal = (amount: number, stageId: string) => ({ deals: [{ externalDealId: 'rt-1', name: 'Recotap deal', amount, pipelineId: 'smb', stageId }] });
    const first = await call(h(recotapDealsRoute.POST), 'POST', '/api/recotap/v1/deals', { key, body: deal(100, 's1') });
    expect(first.status, JSON.stringify(first.json)).toBeLessThan(300);
    await call(h(recotapDealsRoute.POST), 'POST', '/api/recotap/v1/deals', { key, body: deal(250, 's2') });
    const synced = await db.deal.findFirstOrThrow({ where: { externalSource: 'recotap', externalId: 'rt-1' }, select: { id: true } });

    const events = await eventsOf('deal', synced.id);
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.stage_changed']);
    expectActedThroughKey(events, 'import');
    expect(events[1]!.changes).toMatchObject({ value: { from: 10000, to: 25000 } });
  });
});
