import { beforeAll, describe, expect, it } from 'vitest';
import * as activitiesRoute from '../../../app/api/v1/activities/route';
import * as activityRoute from '../../../app/api/v1/activities/[id]/route';
import * as companiesRoute from '../../../app/api/v1/companies/route';
import * as companyRoute from '../../../app/api/v1/companies/[id]/route';
import * as contactsRoute from '../../../app/api/v1/contacts/route';
import * as contactRoute from '../../../app/api/v1/contacts/[id]/route';
import * as customFieldsRoute from '../../../app/api/v1/custom-fields/route';
import * as customFieldRoute from '../../../app/api/v1/custom-fields/[id]/route';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealCompanyRoute from '../../../app/api/v1/deals/[id]/companies/[companyId]/route';
import * as dealContactRoute from '../../../app/api/v1/deals/[id]/contacts/[contactId]/route';
import * as lineItemsRoute from '../../../app/api/v1/deals/[id]/line-items/route';
import * as upsertRoute from '../../../app/api/v1/deals/upsert/route';
import * as lostReasonsRoute from '../../../app/api/v1/lost-reasons/route';
import * as lostReasonRoute from '../../../app/api/v1/lost-reasons/[id]/route';
import * as pipelinesRoute from '../../../app/api/v1/pipelines/route';
import * as pipelineRoute from '../../../app/api/v1/pipelines/[id]/route';
import * as pipelineStagesRoute from '../../../app/api/v1/pipelines/[id]/stages/route';
import * as productsRoute from '../../../app/api/v1/products/route';
import * as productRoute from '../../../app/api/v1/products/[id]/route';
import * as lostReasonSettingsRoute from '../../../app/api/v1/settings/lost-reasons/route';
import * as stageRoute from '../../../app/api/v1/stages/[id]/route';
import * as tasksRoute from '../../../app/api/v1/tasks/route';
import * as taskRoute from '../../../app/api/v1/tasks/[id]/route';
import * as usersRoute from '../../../app/api/v1/users/route';
import * as userRoute from '../../../app/api/v1/users/[id]/route';
import { db } from '../../../lib/db';
import { fromPublicId, type IdKind } from '../../../lib/ids';
import { ALLOW_FREE_TEXT_KEY } from '../../../lib/services/settings/lost-reason-settings';
import { call, createPipelineFixture, createUserWithKey } from '../../setup/api';
import { eventsOf, eventsOfDeal, eventsSince, lastEventId, type RecordedEvent } from './change-events';

// The native REST door: every write through /api/v1 is recorded with the key's user, the key and
// the channel "api" (upserts: "import"), with each changed field's previous value.

let key: string;
let keyId: number;
let user: { id: number };
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  // an admin: users and the workspace's settings are written too
  ({ key, user } = await createUserWithKey('admin'));
  keyId = (await db.apiKey.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })).id;
  sales = await createPipelineFixture('Sales');
});

const idOf = (kind: IdKind, publicId: string) => fromPublicId(kind, publicId)!;

/** Every event was written through this key, by its user, on the channel. */
function expectActedThroughKey(events: RecordedEvent[], channel: 'api' | 'import' = 'api') {
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expect(event).toMatchObject({ actorUserId: user.id, actorApiKeyId: keyId, channel });
}

async function createDeal(name: string) {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
  });
  expect(created.status).toBe(201);
  return { publicId: created.json.data.id as string, id: idOf('deal', created.json.data.id) };
}

describe('the REST door records who acted', () => {
  it('contacts: created, updated (with the previous values) and deleted', async () => {
    const created = await call(contactsRoute.POST, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Ada', last_name: 'Lovelace' } });
    expect(created.status).toBe(201);
    const id = created.json.data.id as string;
    await call(contactRoute.PATCH, 'PATCH', `/api/v1/contacts/${id}`, { key, params: { id }, body: { last_name: 'King' } });
    // the same value again changes nothing, and records nothing
    await call(contactRoute.PATCH, 'PATCH', `/api/v1/contacts/${id}`, { key, params: { id }, body: { last_name: 'King' } });
    await call(contactRoute.DELETE, 'DELETE', `/api/v1/contacts/${id}`, { key, params: { id } });

    const events = await eventsOf('contact', idOf('contact', id));
    expect(events.map((event) => event.type)).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
    expectActedThroughKey(events);
    expect(events[1]!.changes).toEqual({ last_name: { from: 'Lovelace', to: 'King' } });
  });

  it('companies: created, updated and deleted', async () => {
    const created = await call(companiesRoute.POST, 'POST', '/api/v1/companies', { key, body: { name: 'Acme' } });
    const id = created.json.data.id as string;
    await call(companyRoute.PATCH, 'PATCH', `/api/v1/companies/${id}`, { key, params: { id }, body: { domain: 'acme.test' } });
    await call(companyRoute.DELETE, 'DELETE', `/api/v1/companies/${id}`, { key, params: { id } });

    const events = await eventsOf('company', idOf('company', id));
    expect(events.map((event) => event.type)).toEqual(['company.created', 'company.updated', 'company.deleted']);
    expectActedThroughKey(events);
    expect(events[1]!.changes).toEqual({ domain: { from: null, to: 'acme.test' } });
  });

  it("deal links: a contact and a company linked and unlinked, on the deal's feed", async () => {
    const deal = await createDeal('Linked deal');
    const contact = (await call(contactsRoute.POST, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Grace' } })).json.data.id as string;
    const company = (await call(companiesRoute.POST, 'POST', '/api/v1/companies', { key, body: { name: 'Initech' } })).json.data.id as string;
    const contactParams = { id: deal.publicId, contactId: contact };
    const companyParams = { id: deal.publicId, companyId: company };
    expect((await call(dealContactRoute.PUT, 'PUT', `/api/v1/deals/${deal.publicId}/contacts/${contact}`, { key, params: contactParams })).status).toBe(200);
    await call(dealCompanyRoute.PUT, 'PUT', `/api/v1/deals/${deal.publicId}/companies/${company}`, { key, params: companyParams });
    await call(dealContactRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.publicId}/contacts/${contact}`, { key, params: contactParams });
    await call(dealCompanyRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.publicId}/companies/${company}`, { key, params: companyParams });

    const links = (await eventsOfDeal(deal.id)).filter((event) => event.recordType !== 'deal');
    expect(links.map((event) => event.type)).toEqual(['deal.contact_linked', 'deal.company_linked', 'deal.contact_unlinked', 'deal.company_unlinked']);
    expectActedThroughKey(links);
    expect(links[0]).toMatchObject({ recordId: `${deal.id}:${idOf('contact', contact)}`, pipelineId: sales.pipeline.id });
  });

  it("line items: one line_items.replaced event with the previous and new lists, none when they don't change", async () => {
    const deal = await createDeal('Deal with lines');
    const path = `/api/v1/deals/${deal.publicId}/line-items`;
    const put = (body: unknown) => call(lineItemsRoute.PUT, 'PUT', path, { key, params: { id: deal.publicId }, body });
    const first = await put({ tax_type: 'exclusive', items: [{ name: 'Pro plan', unit_price: 10000, qty: 3, tax_rate: 20 }] });
    expect(first.status).toBe(200);
    const lineId = first.json.data.items[0].id as string;
    await put({ tax_type: 'exclusive', items: [{ id: lineId, name: 'Pro plan', unit_price: 10000, qty: 4, tax_rate: 20 }] });
    // the same list again: nothing changes, nothing is recorded
    await put({ tax_type: 'exclusive', items: [{ id: lineId, name: 'Pro plan', unit_price: 10000, qty: 4, tax_rate: 20 }] });

    const events = await eventsOf('line_items', deal.id);
    expect(events.map((event) => event.type)).toEqual(['line_items.replaced', 'line_items.replaced']);
    expectActedThroughKey(events);
    expect(events[0]).toMatchObject({ dealId: deal.id, pipelineId: sales.pipeline.id });
    expect(events[0]!.changes.line_items!.from).toEqual([]);
    const line = { id: idOf('lineItem', lineId), deal_id: deal.id, product_id: null, name: 'Pro plan', unit_price: 10000, position: 0 };
    expect(events[0]!.changes.line_items!.to).toEqual([expect.objectContaining({ ...line, quantity: 3, subtotal: 30000, tax: 6000, total: 36000 })]);
    expect(events[1]!.changes.line_items).toEqual({
      from: [expect.objectContaining({ ...line, quantity: 3, total: 36000 })],
      to: [expect.objectContaining({ ...line, quantity: 4, subtotal: 40000, tax: 8000, total: 48000 })],
    });
    expect(events[1]!.record).toEqual({ deal_id: deal.id, line_items: events[1]!.changes.line_items!.to });
    // the deal's value follows the lines: a deal.updated with the previous value
    const dealEvents = await eventsOf('deal', deal.id);
    expect(dealEvents.at(-1)).toMatchObject({ type: 'deal.updated', changes: { value: { from: 36000, to: 48000 } } });
  });

  it('a refused line-item replace records nothing', async () => {
    const deal = await createDeal('Refused lines');
    const before = await lastEventId();
    const refused = await call(lineItemsRoute.PUT, 'PUT', `/api/v1/deals/${deal.publicId}/line-items`, {
      key,
      params: { id: deal.publicId },
      body: {
        tax_type: 'exclusive',
        items: [
          { name: 'Fine', unit_price: 100, qty: 1 },
          { name: 'Too much', unit_price: 100, qty: 1, discount_type: 'fixed', discount_total: 500 },
        ],
      },
    });
    expect(refused.status).toBe(422);
    expect(await eventsSince(before)).toEqual([]);
  });

  it('activities and tasks: created, updated and deleted, on their deal', async () => {
    const deal = await createDeal('Busy deal');
    const activity = await call(activitiesRoute.POST, 'POST', '/api/v1/activities', {
      key,
      body: { type: 'call', subject: 'Intro call', deal_id: deal.publicId },
    });
    expect(activity.status).toBe(201);
    const activityId = activity.json.data.id as string;
    await call(activityRoute.PATCH, 'PATCH', `/api/v1/activities/${activityId}`, { key, params: { id: activityId }, body: { subject: 'Discovery call' } });
    // taken off the deal, it still shows on the deal it left
    await call(activityRoute.PATCH, 'PATCH', `/api/v1/activities/${activityId}`, { key, params: { id: activityId }, body: { deal_id: null } });
    await call(activityRoute.DELETE, 'DELETE', `/api/v1/activities/${activityId}`, { key, params: { id: activityId } });
    const task = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key, body: { title: 'Send proposal', deal_id: deal.publicId } });
    expect(task.status).toBe(201);
    const taskId = task.json.data.id as string;
    await call(taskRoute.PATCH, 'PATCH', `/api/v1/tasks/${taskId}`, { key, params: { id: taskId }, body: { status: 'completed' } });
    await call(taskRoute.DELETE, 'DELETE', `/api/v1/tasks/${taskId}`, { key, params: { id: taskId } });

    const activityEvents = await eventsOf('activity', idOf('activity', activityId));
    expect(activityEvents.map((event) => event.type)).toEqual(['activity.created', 'activity.updated', 'activity.updated', 'activity.deleted']);
    expectActedThroughKey(activityEvents);
    expect(activityEvents.slice(0, 3).map((event) => event.dealId)).toEqual([deal.id, deal.id, deal.id]);
    expect(activityEvents[1]!.changes).toEqual({ subject: { from: 'Intro call', to: 'Discovery call' } });
    expect(activityEvents[2]!.changes).toEqual({ deal_id: { from: deal.id, to: null } });
    const taskEvents = await eventsOf('task', idOf('task', taskId));
    expect(taskEvents.map((event) => event.type)).toEqual(['task.created', 'task.updated', 'task.deleted']);
    expectActedThroughKey(taskEvents);
    expect(taskEvents[1]!.changes).toMatchObject({ status: { from: 'pending', to: 'completed' } });
    expect(taskEvents.map((event) => event.dealId)).toEqual([deal.id, deal.id, deal.id]);
  });

  it('pipelines and stages: created, updated and deleted', async () => {
    const created = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', {
      key,
      body: { name: 'Renewals', stages: [{ name: 'Due' }, { name: 'Talking' }] },
    });
    expect(created.status).toBe(201);
    const pipelineId = created.json.data.id as string;
    const pipeline = idOf('pipeline', pipelineId);
    await call(pipelineRoute.PATCH, 'PATCH', `/api/v1/pipelines/${pipelineId}`, { key, params: { id: pipelineId }, body: { name: 'Renewals 2027' } });
    const stage = await call(pipelineStagesRoute.POST, 'POST', `/api/v1/pipelines/${pipelineId}/stages`, {
      key,
      params: { id: pipelineId },
      body: { name: 'Signed' },
    });
    expect(stage.status).toBe(201);
    const stageId = stage.json.data.id as string;
    await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${stageId}`, { key, params: { id: stageId }, body: { probability: 90 } });
    await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${stageId}`, { key, params: { id: stageId } });
    await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${pipelineId}`, { key, params: { id: pipelineId } });

    const pipelineEvents = await eventsOf('pipeline', pipeline);
    expect(pipelineEvents.map((event) => event.type)).toEqual(['pipeline.created', 'pipeline.updated', 'pipeline.deleted']);
    expectActedThroughKey(pipelineEvents);
    expect(pipelineEvents[1]!.changes).toEqual({ name: { from: 'Renewals', to: 'Renewals 2027' } });
    const stageEvents = await eventsOf('stage', idOf('stage', stageId));
    expect(stageEvents.map((event) => event.type)).toEqual(['stage.created', 'stage.updated', 'stage.deleted']);
    expectActedThroughKey(stageEvents);
    expect(stageEvents[1]!.changes).toEqual({ probability: { from: 0, to: 90 } });
    expect(stageEvents.map((event) => event.pipelineId)).toEqual([pipeline, pipeline, pipeline]);
    // the pipeline's first stages came with it, and went with it, by the same key
    const firstStages = await db.changeEvent.findMany({
      where: { recordType: 'stage', pipelineId: pipeline, NOT: { recordId: String(idOf('stage', stageId)) } },
    });
    expect(firstStages.map((event) => event.type).sort()).toEqual(['stage.created', 'stage.created', 'stage.deleted', 'stage.deleted']);
    for (const event of firstStages) expect(event).toMatchObject({ actorUserId: user.id, actorApiKeyId: keyId, channel: 'api' });
  });

  it('products, custom fields and lost reasons: created, updated and deleted', async () => {
    const product = await call(productsRoute.POST, 'POST', '/api/v1/products', { key, body: { name: 'Widget', unit_price: 500 } });
    expect(product.status).toBe(201);
    const productId = product.json.data.id as string;
    await call(productRoute.PATCH, 'PATCH', `/api/v1/products/${productId}`, { key, params: { id: productId }, body: { unit_price: 750 } });
    await call(productRoute.DELETE, 'DELETE', `/api/v1/products/${productId}`, { key, params: { id: productId } });
    const field = await call(customFieldsRoute.POST, 'POST', '/api/v1/custom-fields', { key, body: { key: 'region', label: 'Region', type: 'text' } });
    expect(field.status).toBe(201);
    const fieldId = field.json.data.id as string;
    await call(customFieldRoute.PATCH, 'PATCH', `/api/v1/custom-fields/${fieldId}`, { key, params: { id: fieldId }, body: { label: 'Sales region' } });
    await call(customFieldRoute.DELETE, 'DELETE', `/api/v1/custom-fields/${fieldId}`, { key, params: { id: fieldId } });
    const reason = await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key, body: { label: 'Price' } });
    expect(reason.status).toBe(201);
    const reasonId = reason.json.data.id as string;
    await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${reasonId}`, { key, params: { id: reasonId }, body: { label: 'Too expensive' } });
    await call(lostReasonRoute.DELETE, 'DELETE', `/api/v1/lost-reasons/${reasonId}`, { key, params: { id: reasonId } });

    const productEvents = await eventsOf('product', idOf('product', productId));
    expect(productEvents.map((event) => event.type)).toEqual(['product.created', 'product.updated', 'product.deleted']);
    expect(productEvents[1]!.changes).toEqual({ unit_price: { from: 500, to: 750 } });
    const fieldEvents = await eventsOf('custom_field', idOf('customField', fieldId));
    expect(fieldEvents.map((event) => event.type)).toEqual(['custom_field.created', 'custom_field.updated', 'custom_field.deleted']);
    expect(fieldEvents[1]!.changes).toEqual({ label: { from: 'Region', to: 'Sales region' } });
    const reasonEvents = await eventsOf('lost_reason', idOf('lostReason', reasonId));
    expect(reasonEvents.map((event) => event.type)).toEqual(['lost_reason.created', 'lost_reason.updated', 'lost_reason.deleted']);
    expect(reasonEvents[1]!.changes).toEqual({ label: { from: 'Price', to: 'Too expensive' } });
    expectActedThroughKey([...productEvents, ...fieldEvents, ...reasonEvents]);
  });

  it('users and settings: created, updated, deactivated; a setting set', async () => {
    const created = await call(usersRoute.POST, 'POST', '/api/v1/users', {
      key,
      body: { name: 'Riley Rep', email: 'riley@example.test', role: 'rep', password: 'a-long-password' },
    });
    expect(created.status).toBe(201);
    const userId = created.json.data.id as string;
    await call(userRoute.PATCH, 'PATCH', `/api/v1/users/${userId}`, { key, params: { id: userId }, body: { role: 'manager' } });
    await call(userRoute.PATCH, 'PATCH', `/api/v1/users/${userId}`, { key, params: { id: userId }, body: { active: false } });
    const setting = await call(lostReasonSettingsRoute.PATCH, 'PATCH', '/api/v1/settings/lost-reasons', { key, body: { allow_free_text: false } });
    expect(setting.status).toBe(200);

    const userEvents = await eventsOf('user', idOf('user', userId));
    expect(userEvents.map((event) => event.type)).toEqual(['user.created', 'user.updated', 'user.updated']);
    expectActedThroughKey(userEvents);
    expect(userEvents[1]!.changes).toEqual({ role: { from: 'rep', to: 'manager' } });
    expect(userEvents[2]!.changes).toEqual({ deactivated_at: { from: null, to: expect.any(String) } });
    const settingEvents = await eventsOf('setting', ALLOW_FREE_TEXT_KEY);
    expect(settingEvents).toEqual([
      expect.objectContaining({ type: 'setting.updated', record: expect.objectContaining({ key: ALLOW_FREE_TEXT_KEY, value: false }) }),
    ]);
    expectActedThroughKey(settingEvents);
  });

  it('upserts: created and updated as an import, through the key', async () => {
    const body = (value: number) => ({
      deals: [{ external_id: 'crm-1', name: 'Imported', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value }],
    });
    const first = await call(upsertRoute.POST, 'POST', '/api/v1/deals/upsert', { key, body: body(100) });
    expect(first.status).toBe(200);
    await call(upsertRoute.POST, 'POST', '/api/v1/deals/upsert', { key, body: body(250) });
    const deal = await db.deal.findFirstOrThrow({ where: { externalId: 'crm-1' }, select: { id: true } });

    const events = await eventsOf('deal', deal.id);
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.updated']);
    expectActedThroughKey(events, 'import');
    expect(events[1]!.changes).toEqual({ value: { from: 100, to: 250 } });
  });
});
