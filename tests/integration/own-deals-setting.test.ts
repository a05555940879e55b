import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as concordAssociations from '../../app/api/concord/associations/deals/[id]/route';
import * as concordBillable from '../../app/api/concord/deals/[id]/billable/route';
import * as concordDeal from '../../app/api/concord/deals/[id]/route';
import * as concordStatus from '../../app/api/concord/deals/[id]/status/[status]/route';
import * as hubspotDealById from '../../app/api/hubspot/deals/v1/deal/[dealId]/route';
import * as recotapDeals from '../../app/api/recotap/v1/deals/route';
import * as dealContact from '../../app/api/v1/deals/[id]/contacts/[contactId]/route';
import * as dealLineItems from '../../app/api/v1/deals/[id]/line-items/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as dealStage from '../../app/api/v1/deals/[id]/stage/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as upsertRoute from '../../app/api/v1/deals/upsert/route';
import * as tasksRoute from '../../app/api/v1/tasks/route';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { bulkCloseDealsInput, bulkDeleteDealsInput, bulkMoveDealsInput, bulkUpdateDealsInput } from '../../lib/schemas/deals-table';
import type { ServiceContext } from '../../lib/services/context';
import { moveDealToStage } from '../../lib/services/deals/move-deal-to-stage';
import { closeDeals } from '../../lib/services/deals/close-deals';
import { bulkDeleteDeals } from '../../lib/services/deals/bulk-delete-deals';
import { bulkMoveDeals } from '../../lib/services/deals/bulk-move-deals';
import { bulkUpdateDeals } from '../../lib/services/deals/bulk-update-deals';
import { deleteDeal } from '../../lib/services/deals/delete-deal';
import { updateDeal } from '../../lib/services/deals/update-deal';
import { readDealAccessSettings, updateDealAccessSettings } from '../../lib/services/settings/deal-access-settings';
import { call, createPipelineFixture, createUserWithKey, type ApiAnswer } from '../setup/api';

// The workspace setting "reps edit only their own deals": off by default; on, a rep is refused
// (403, nothing changed) every change to another person's deal at every door — the services the
// board and deal page actions call, bulk actions, the native REST API and the three compatibility
// dialects — while managers and admins change every deal, and activities and tasks stay open to all.

type User = Awaited<ReturnType<typeof createUserWithKey>>;
let admin: User;
let manager: User;
let sam: User; // the rep who owns the deals below
let riley: User; // the rep who tries to change them
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let contactId: number;

const ctxOf = (user: User, source: ServiceContext['source'] = 'ui'): ServiceContext => ({ user: user.user, source });
const setOwnDealsOnly = (on: boolean) => updateDealAccessSettings({ ctx: ctxOf(admin), input: { repsEditOwnDealsOnly: on } });

beforeAll(async () => {
  admin = await createUserWithKey('admin', 'Ada Admin');
  manager = await createUserWithKey('manager', 'Max Manager');
  sam = await createUserWithKey('rep', 'Sam Rep');
  riley = await createUserWithKey('rep', 'Riley Rep');
  fixture = await createPipelineFixture('Own deals');
  contactId = (await db.contact.create({ data: { firstName: 'Cora', lastName: 'Contact' } })).id;
});

afterEach(async () => {
  await setOwnDealsOnly(false);
});

/** A deal created through the API by `owner` (theirs), with one line item and a linked contact. */
async function dealOf(owner: User, name = `Deal ${Math.random().toString(36).slice(2, 8)}`) {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key: owner.key,
    body: { name, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], value: 1000, currency: 'USD', contact_id: toPublicId('contact', contactId) },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = fromPublicId('deal', created.json.data.id as string)!;
  const lines = await call(dealLineItems.PUT, 'PUT', `/api/v1/deals/${created.json.data.id}/line-items`, {
    key: owner.key,
    params: { id: created.json.data.id },
    body: { tax_type: 'exclusive', items: [{ name: 'Seat', unit_price: 1000, qty: 1 }] },
  });
  expect(lines.status, JSON.stringify(lines.json)).toBe(200);
  return { id, publicId: created.json.data.id as string, name };
}

/** Everything a refused write could have touched. */
async function snapshot(dealId: number) {
  const deal = await db.deal.findUniqueOrThrow({
    where: { id: dealId },
    select: { name: true, stageId: true, status: true, ownerId: true, version: true, deletedAt: true, value: true, taxType: true, closedAt: true },
  });
  return {
    deal,
    lines: await db.dealLineItem.findMany({ where: { dealId }, select: { id: true, name: true, unitPrice: true }, orderBy: { id: 'asc' } }),
    contacts: (await db.dealContact.findMany({ where: { dealId }, select: { contactId: true } })).map((l) => l.contactId),
    history: await db.stageHistory.count({ where: { dealId } }),
  };
}

function expectForbidden(answer: ApiAnswer, what: string) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.json)}`).toBe(403);
}

async function expectServiceForbidden(work: Promise<unknown>, what: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) ? error.code : error, what).toBe('forbidden');
}

describe('the setting', () => {
  it('is off by default and only admins change it', async () => {
    expect(await readDealAccessSettings()).toEqual({ repsEditOwnDealsOnly: false });
    await expectServiceForbidden(updateDealAccessSettings({ ctx: ctxOf(manager), input: { repsEditOwnDealsOnly: true } }), 'a manager');
    await expectServiceForbidden(updateDealAccessSettings({ ctx: ctxOf(sam), input: { repsEditOwnDealsOnly: true } }), 'a rep');
    expect(await readDealAccessSettings()).toEqual({ repsEditOwnDealsOnly: false });
    expect(await setOwnDealsOnly(true)).toEqual({ repsEditOwnDealsOnly: true });
    expect(await readDealAccessSettings()).toEqual({ repsEditOwnDealsOnly: true });
  });

  it('off: a rep edits, moves and deletes another rep’s deal', async () => {
    const deal = await dealOf(sam);
    const renamed = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deal.publicId}`, {
      key: riley.key,
      params: { id: deal.publicId },
      body: { name: 'Renamed by Riley' },
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    const moved = await call(dealStage.POST, 'POST', `/api/v1/deals/${deal.publicId}/stage`, {
      key: riley.key,
      params: { id: deal.publicId },
      body: { stage_id: fixture.stageIds[1] },
    });
    expect(moved.status).toBe(200);
    expect((await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.publicId}`, { key: riley.key, params: { id: deal.publicId } })).status).toBe(204);
  });
});

describe('on: a rep and another rep’s deal', () => {
  it('is refused with 403 at every door, and nothing changes', async () => {
    const deal = await dealOf(sam);
    const before = await snapshot(deal.id);
    await setOwnDealsOnly(true);
    const rep = { key: riley.key, params: { id: deal.publicId } };
    const path = `/api/v1/deals/${deal.publicId}`;

    // native REST
    expectForbidden(await call(dealRoute.PATCH, 'PATCH', path, { ...rep, body: { name: 'Mine now' } }), 'PATCH');
    expectForbidden(await call(dealRoute.PATCH, 'PATCH', path, { ...rep, body: { owner_id: riley.publicId } }), 'PATCH owner');
    expectForbidden(await call(dealStage.POST, 'POST', `${path}/stage`, { ...rep, body: { stage_id: fixture.stageIds[1] } }), 'move to the end of a stage');
    expectForbidden(await call(dealStage.POST, 'POST', `${path}/stage`, { ...rep, body: { stage_id: fixture.stageIds[1], position: 0 } }), 'move to a place');
    expectForbidden(await call(dealStage.POST, 'POST', `${path}/stage`, { ...rep, body: { stage_id: fixture.stageIds[3] } }), 'move to Won');
    const refusedDelete = await call(dealRoute.DELETE, 'DELETE', path, rep);
    expectForbidden(refusedDelete, 'DELETE');
    expect(refusedDelete.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('only the deals they own') });
    expectForbidden(await call(dealLineItems.PUT, 'PUT', `${path}/line-items`, { ...rep, body: { tax_type: 'exclusive', items: [] } }), 'line items');
    const contact = toPublicId('contact', contactId);
    expectForbidden(
      await call(dealContact.DELETE, 'DELETE', `${path}/contacts/${contact}`, { key: riley.key, params: { id: deal.publicId, contactId: contact } }),
      'unlink',
    );
    const otherContact = await db.contact.create({ data: { firstName: 'Other' } });
    const other = toPublicId('contact', otherContact.id);
    expectForbidden(
      await call(dealContact.PUT, 'PUT', `${path}/contacts/${other}`, { key: riley.key, params: { id: deal.publicId, contactId: other } }),
      'link',
    );

    // the board's and the deal page's services (their server actions only parse and call these)
    const ctx = ctxOf(riley);
    await expectServiceForbidden(moveDealToStage({ ctx, input: { dealId: deal.id, stageId: fixture.stages[2]!.id } }), 'board drag');
    await expectServiceForbidden(closeDeals({ ctx, input: { dealIds: [deal.id], outcome: 'won' } }), 'board mark won');
    await expectServiceForbidden(updateDeal({ ctx, input: { dealId: deal.id, changes: { value: 5 } } }), 'deal page edit');
    await expectServiceForbidden(deleteDeal({ ctx, input: { dealId: deal.id } }), 'deal page delete');

    // bulk actions: one foreign deal among the rep's own refuses the batch, by name
    const own = await dealOf(riley);
    const ownBefore = await snapshot(own.id);
    const dealIds = [own.publicId, deal.publicId];
    const bulk = [
      () => bulkMoveDeals({ ctx, input: bulkMoveDealsInput.parse({ dealIds, stageId: fixture.stageIds[2] }) }),
      () => closeDeals({ ctx, input: bulkCloseDealsInput.parse({ dealIds, outcome: 'won' }) }),
      () => bulkUpdateDeals({ ctx, input: bulkUpdateDealsInput.parse({ dealIds, ownerId: riley.publicId }) }),
      () => bulkDeleteDeals({ ctx, input: bulkDeleteDealsInput.parse({ dealIds }) }),
    ];
    for (const work of bulk) {
      const error = await work().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(error) && error.code).toBe('forbidden');
      expect((error as Error).message).toContain(`“${deal.name}”`);
    }
    expect(await snapshot(own.id)).toEqual(ownBefore);

    // HubSpot
    const number = String(deal.id);
    const hubspot = { headers: { authorization: `Bearer ${riley.key}` }, params: { dealId: number } };
    expectForbidden(
      await call(hubspotDealById.PUT, 'PUT', `/api/hubspot/deals/v1/deal/${number}`, {
        ...hubspot,
        body: { properties: [{ name: 'dealname', value: 'Mine' }] },
      }),
      'HubSpot PUT',
    );
    expectForbidden(
      await call(hubspotDealById.PUT, 'PUT', `/api/hubspot/deals/v1/deal/${number}`, { ...hubspot, body: { properties: [] } }),
      'HubSpot empty PUT',
    );
    expectForbidden(await call(hubspotDealById.DELETE, 'DELETE', `/api/hubspot/deals/v1/deal/${number}`, hubspot), 'HubSpot DELETE');

    // Concord
    const concord = { headers: { authorization: `Bearer ${riley.key}` }, params: { id: number } };
    expectForbidden(await call(concordDeal.PUT, 'PUT', `/api/concord/deals/${number}`, { ...concord, body: { name: 'Mine' } }), 'Concord PUT');
    expectForbidden(
      await call(concordStatus.PUT, 'PUT', `/api/concord/deals/${number}/status/won`, { ...concord, params: { id: number, status: 'won' }, body: {} }),
      'Concord status',
    );
    expectForbidden(
      await call(concordBillable.POST, 'POST', `/api/concord/deals/${number}/billable`, { ...concord, body: { products: [] } }),
      'Concord billable',
    );
    expectForbidden(
      await call(concordAssociations.PUT, 'PUT', `/api/concord/associations/deals/${number}`, { ...concord, body: { contacts: [otherContact.id] } }),
      'Concord associations',
    );
    expectForbidden(await call(concordDeal.DELETE, 'DELETE', `/api/concord/deals/${number}`, concord), 'Concord DELETE');

    expect(await snapshot(deal.id)).toEqual(before);
  });

  it('is refused item by item in the upsert APIs (native and Recotap), the deal unchanged', async () => {
    await setOwnDealsOnly(true);
    const recotapBody = (externalDealId: string, name: string) => ({
      deals: [{ externalDealId, name, pipelineId: 'rc-pipe', pipelineLabel: 'Synced', stageId: 'rc-stage', stageLabel: 'New', amount: 10 }],
    });
    // a manager's sync brings the pipeline (creating pipelines is a manager's job)
    const first = await call(recotapDeals.POST, 'POST', '/api/recotap/v1/deals', { key: manager.key, body: recotapBody('rc-0', 'Synced by Max') });
    expect(first.json.data.results[0]).toMatchObject({ status: 'upserted' });
    // Sam syncs a deal that came without an owner: a rep restricted to their own deals gets it
    const synced = await call(recotapDeals.POST, 'POST', '/api/recotap/v1/deals', { key: sam.key, body: recotapBody('rc-1', 'Synced by Sam') });
    expect(synced.json.data.results[0], JSON.stringify(synced.json)).toMatchObject({ status: 'upserted' });
    const recotapDeal = await db.deal.findFirstOrThrow({ where: { externalId: 'rc-1' } });
    expect(recotapDeal.ownerId).toBe(sam.user.id);
    const recotapBefore = await snapshot(recotapDeal.id);
    const refusedSync = await call(recotapDeals.POST, 'POST', '/api/recotap/v1/deals', { key: riley.key, body: recotapBody('rc-1', 'Taken by Riley') });
    expect(refusedSync.json.data.results[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('only the deals they own') });
    expect(await snapshot(recotapDeal.id)).toEqual(recotapBefore);

    const upsertItem = (name: string) => ({ deals: [{ external_id: 'up-1', name, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0] }] });
    const created = await call(upsertRoute.POST, 'POST', '/api/v1/deals/upsert', { key: sam.key, body: upsertItem('Upserted by Sam') });
    expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
    const upserted = await db.deal.findFirstOrThrow({ where: { externalId: 'up-1' } });
    const upsertBefore = await snapshot(upserted.id);
    const refused = await call(upsertRoute.POST, 'POST', '/api/v1/deals/upsert', { key: riley.key, body: upsertItem('Taken by Riley') });
    expect(refused.json.data[0]).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
    expect(await snapshot(upserted.id)).toEqual(upsertBefore);
  });

  it('still lets the rep add tasks to it', async () => {
    const deal = await dealOf(sam);
    await setOwnDealsOnly(true);
    const task = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key: riley.key, body: { title: 'Call Cora back', deal_id: deal.publicId } });
    expect(task.status, JSON.stringify(task.json)).toBe(201);
  });
});

describe('on: a rep and their own deals', () => {
  it('changes them at every door, but neither gives them away nor creates deals for someone else', async () => {
    await setOwnDealsOnly(true);
    const deal = await dealOf(riley);
    const rep = { key: riley.key, params: { id: deal.publicId } };
    const path = `/api/v1/deals/${deal.publicId}`;
    expect((await call(dealRoute.PATCH, 'PATCH', path, { ...rep, body: { name: 'Still mine' } })).status).toBe(200);
    expect((await call(dealStage.POST, 'POST', `${path}/stage`, { ...rep, body: { stage_id: fixture.stageIds[1] } })).status).toBe(200);
    expect((await call(dealStage.POST, 'POST', `${path}/stage`, { ...rep, body: { stage_id: fixture.stageIds[2], position: 0 } })).status).toBe(200);
    expect((await call(dealLineItems.PUT, 'PUT', `${path}/line-items`, { ...rep, body: { tax_type: 'exclusive', items: [] } })).status).toBe(200);
    const history = await db.stageHistory.findMany({ where: { dealId: deal.id }, orderBy: { id: 'asc' }, select: { toStageId: true, changedById: true } });
    expect(history.slice(-2)).toEqual([
      { toStageId: fixture.stages[1]!.id, changedById: riley.user.id },
      { toStageId: fixture.stages[2]!.id, changedById: riley.user.id },
    ]);
    const number = String(deal.id);
    const concord = { headers: { authorization: `Bearer ${riley.key}` }, params: { id: number } };
    expect((await call(concordDeal.PUT, 'PUT', `/api/concord/deals/${number}`, { ...concord, body: { name: 'Mine via Concord' } })).status).toBe(200);
    const hubspot = { headers: { authorization: `Bearer ${riley.key}` }, params: { dealId: number } };
    expect(
      (
        await call(hubspotDealById.PUT, 'PUT', `/api/hubspot/deals/v1/deal/${number}`, {
          ...hubspot,
          body: { properties: [{ name: 'dealname', value: 'Mine via HubSpot' }] },
        })
      ).status,
    ).toBe(200);

    // handing it over, or creating one for Sam, is a manager's job
    const before = await snapshot(deal.id);
    expectForbidden(await call(dealRoute.PATCH, 'PATCH', path, { ...rep, body: { owner_id: sam.publicId } }), 'hand over');
    await expectServiceForbidden(
      bulkUpdateDeals({ ctx: ctxOf(riley), input: bulkUpdateDealsInput.parse({ dealIds: [deal.publicId], ownerId: sam.publicId }) }),
      'bulk hand over',
    );
    expect(await snapshot(deal.id)).toEqual(before);
    const deals = await db.deal.count();
    const forSam = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key: riley.key,
      body: { name: 'For Sam', pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], owner_id: sam.publicId },
    });
    expectForbidden(forSam, 'create for someone else');
    expect(await db.deal.count()).toBe(deals);

    expect((await call(dealRoute.DELETE, 'DELETE', path, rep)).status).toBe(204);
  });
});

describe('on: managers and admins', () => {
  it('change and hand over every deal', async () => {
    await setOwnDealsOnly(true);
    const deal = await dealOf(sam);
    const path = `/api/v1/deals/${deal.publicId}`;
    const asManager = { key: manager.key, params: { id: deal.publicId } };
    expect((await call(dealRoute.PATCH, 'PATCH', path, { ...asManager, body: { name: 'Managed' } })).status).toBe(200);
    expect((await call(dealStage.POST, 'POST', `${path}/stage`, { ...asManager, body: { stage_id: fixture.stageIds[1] } })).status).toBe(200);
    expect((await call(dealRoute.PATCH, 'PATCH', path, { ...asManager, body: { owner_id: riley.publicId } })).status).toBe(200);
    // now Riley's: Riley may change it, Sam may not
    expect((await call(dealRoute.PATCH, 'PATCH', path, { key: riley.key, params: { id: deal.publicId }, body: { name: 'Riley’s now' } })).status).toBe(200);
    expectForbidden(await call(dealRoute.PATCH, 'PATCH', path, { key: sam.key, params: { id: deal.publicId }, body: { name: 'Sam’s again' } }), 'former owner');
    expect((await call(dealRoute.DELETE, 'DELETE', path, { key: admin.key, params: { id: deal.publicId } })).status).toBe(204);
  });
});
