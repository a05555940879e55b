import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as historyRoute from '../../app/api/v1/deals/[id]/history/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// The deal endpoints of rex-deals-api.md, driven through the real route handlers.

let key: string;
let userId: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let other: Awaited<ReturnType<typeof createPipelineFixture>>;
let contactId: string;
let companyId: string;

beforeAll(async () => {
  ({ key, publicId: userId } = await createUserWithKey('rep', 'Riley Rep'));
  sales = await createPipelineFixture('Sales');
  other = await createPipelineFixture('Partnerships', ['Intro', 'Signed']);
  const company = await db.company.create({ data: { name: 'Acme Corp', domain: 'acme.com' } });
  const contact = await db.contact.create({ data: { firstName: 'Ada', lastName: 'Lovelace', companyId: company.id } });
  contactId = toPublicId('contact', contact.id);
  companyId = toPublicId('company', company.id);
});

async function createDeal(body: Record<string, unknown> = {}) {
  const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name: 'Acme Enterprise Plan', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], ...body },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data;
}

describe('POST /deals', () => {
  it('creates the deal of the reference example and answers in its shape', async () => {
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Acme Enterprise Plan', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], contact_id: contactId, value: 500000, currency: 'USD' },
    });
    expect(answer.status).toBe(201);
    const deal = answer.json.data;
    expect(deal).toMatchObject({
      name: 'Acme Enterprise Plan',
      pipeline_id: sales.pipelineId,
      stage_id: sales.stageIds[0],
      contact_id: contactId,
      value: 500000,
      currency: 'USD',
      status: 'open',
      days_in_stage: 0,
      deal_age_days: 0,
      owner_id: userId,
    });
    expect(deal.id).toMatch(/^deal_/);
    expect(deal.number).toBeTypeOf('number');
    expect(deal.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(answer.headers.get('etag')).toBe('"1"');
    // the first history row: from nothing into the first stage, by the key's owner, via the API
    const history = await call(historyRoute.GET, 'GET', `/api/v1/deals/${deal.id}/history`, { key, params: { id: deal.id } });
    expect(history.json.data).toHaveLength(1);
    expect(history.json.data[0]).toMatchObject({
      deal_id: deal.id,
      from_stage_id: null,
      to_stage_id: sales.stageIds[0],
      changed_by: userId,
      source: 'api',
      value: 500000,
    });
    expect(history.json.has_more).toBe(false);
  });

  it('names an unknown field instead of dropping it, and writes nothing', async () => {
    const before = await db.deal.count();
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Typo', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], expected_closee: '2026-04-01' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.details).toContainEqual({ path: 'expected_closee', message: 'Unknown field "expected_closee"' });
    expect(await db.deal.count()).toBe(before);
  });

  it('explains missing and malformed fields', async () => {
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: { pipeline_id: 'pipe_nope', value: 12.5, currency: 'dollars' } });
    expect(answer.status).toBe(400);
    const paths = answer.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'pipeline_id', 'stage_id', 'value', 'currency']));
  });

  it('refuses bad JSON with 400', async () => {
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, rawBody: '{"name": "x",' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_json');
  });

  it('answers 422 for a stage of another pipeline or references that do not exist', async () => {
    const wrongPipeline = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'X', pipeline_id: sales.pipelineId, stage_id: other.stageIds[0] },
    });
    expect(wrongPipeline.status).toBe(422);
    expect(wrongPipeline.json.error.details[0].path).toBe('stage_id');
    const missingContact = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'X', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], contact_id: toPublicId('contact', 999999) },
    });
    expect(missingContact.status).toBe(422);
    expect(missingContact.json.error.details[0].path).toBe('contact_id');
  });

  it('a deal created in a won stage is won and closed', async () => {
    const deal = await createDeal({ stage_id: sales.stageIds[3] });
    expect(deal.status).toBe('won');
    expect(deal.closed_at).not.toBeNull();
  });

  it('refuses a second deal with the same external_id with 409', async () => {
    await createDeal({ external_id: 'crm-42' });
    const again = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Dup', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], external_id: 'crm-42' },
    });
    expect(again.status).toBe(409);
  });
});

describe('GET /deals/:id', () => {
  it('answers the deal with relationships and included records, as documented', async () => {
    const created = await createDeal({ contact_id: contactId, company_id: companyId, source: 'inbound', expected_close: '2026-04-01T00:00:00Z' });
    const answer = await call(dealRoute.GET, 'GET', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } });
    expect(answer.status).toBe(200);
    const deal = answer.json.data;
    for (const field of [
      'id',
      'name',
      'pipeline_id',
      'stage_id',
      'contact_id',
      'company_id',
      'value',
      'currency',
      'status',
      'expected_close',
      'owner_id',
      'source',
      'stage_entered_at',
      'last_activity_at',
      'days_in_stage',
      'deal_age_days',
      'metadata',
      'relationships',
      'created_at',
      'updated_at',
    ]) {
      expect(deal).toHaveProperty(field);
    }
    expect(deal.expected_close).toBe('2026-04-01T00:00:00Z');
    expect(deal.relationships).toEqual({
      contact: { type: 'contact', id: contactId, name: 'Ada Lovelace' },
      company: { type: 'company', id: companyId, name: 'Acme Corp' },
      pipeline: { type: 'pipeline', id: sales.pipelineId, name: 'Sales' },
      stage: { type: 'stage', id: sales.stageIds[0], name: 'Qualified' },
    });
    expect(answer.json.included).toEqual([
      { type: 'contact', id: contactId, name: 'Ada Lovelace' },
      { type: 'company', id: companyId, name: 'Acme Corp' },
    ]);
  });

  it('answers 404 for unknown IDs and for IDs of another kind', async () => {
    for (const id of [toPublicId('deal', 987654), sales.stageIds[0]!, 'deal_garbage', '42']) {
      const answer = await call(dealRoute.GET, 'GET', `/api/v1/deals/${id}`, { key, params: { id } });
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
  });
});

describe('PATCH /deals/:id', () => {
  it('updates only the fields sent, as in the reference example', async () => {
    const created = await createDeal({ value: 500000, source: 'inbound' });
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      body: { value: 750000, expected_close: '2026-04-15T00:00:00Z' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ value: 750000, expected_close: '2026-04-15T00:00:00Z', source: 'inbound', name: 'Acme Enterprise Plan' });
    expect(answer.json.data.relationships.stage.name).toBe('Qualified');
    expect(answer.headers.get('etag')).toBe('"2"');
  });

  it('marks a deal lost with its reason and reopens it, clearing the reason', async () => {
    const created = await createDeal();
    const lost = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      body: { status: 'lost', loss_reason: 'Went with a competitor' },
    });
    expect(lost.status).toBe(200);
    expect(lost.json.data).toMatchObject({ status: 'lost', loss_reason: 'Went with a competitor' });
    expect(lost.json.data.closed_at).not.toBeNull();
    const reopened = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, { key, params: { id: created.id }, body: { status: 'open' } });
    expect(reopened.json.data).toMatchObject({ status: 'open', loss_reason: null, closed_at: null });
  });

  it('refuses a loss reason on a deal that is not lost', async () => {
    const created = await createDeal();
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, { key, params: { id: created.id }, body: { loss_reason: 'Price' } });
    expect(answer.status).toBe(422);
  });

  it('moves the deal when stage_id changes, with a history row', async () => {
    const created = await createDeal();
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      body: { stage_id: sales.stageIds[2] },
    });
    expect(answer.json.data.stage_id).toBe(sales.stageIds[2]);
    const history = await call(historyRoute.GET, 'GET', `/api/v1/deals/${created.id}/history`, { key, params: { id: created.id } });
    expect(history.json.data.map((h: { to_stage_id: string }) => h.to_stage_id)).toEqual([sales.stageIds[0], sales.stageIds[2]]);
  });

  it('honours If-Match: a stale version is 412 and changes nothing', async () => {
    const created = await createDeal({ value: 100 });
    const first = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      headers: { 'if-match': '"1"' },
      body: { value: 200 },
    });
    expect(first.status).toBe(200);
    const stale = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      headers: { 'if-match': '"1"' },
      body: { value: 300 },
    });
    expect(stale.status).toBe(412);
    const now = await call(dealRoute.GET, 'GET', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } });
    expect(now.json.data.value).toBe(200);
  });

  it('refuses a client value on a deal with line items', async () => {
    const created = await createDeal({ value: 100 });
    await db.dealLineItem.create({ data: { dealId: created.number, name: 'Seat', unitPrice: 1000n, subtotal: 1000n, total: 1000n } });
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, { key, params: { id: created.id }, body: { value: 5 } });
    expect(answer.status).toBe(422);
    expect(answer.json.error.details[0].path).toBe('value');
  });

  it('refuses an empty update', async () => {
    const created = await createDeal();
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, { key, params: { id: created.id }, body: {} });
    expect(answer.status).toBe(400);
  });
});

describe('DELETE /deals/:id', () => {
  it('answers 204, then the deal is gone from reads and lists but its history stays', async () => {
    const created = await createDeal({ name: 'Doomed deal' });
    const answer = await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } });
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    const read = await call(dealRoute.GET, 'GET', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } });
    expect(read.status).toBe(404);
    const list = await call(dealsRoute.GET, 'GET', '/api/v1/deals?q=doomed', { key });
    expect(list.json.data).toEqual([]);
    expect(await db.stageHistory.count({ where: { dealId: created.number } })).toBe(1);
    const again = await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } });
    expect(again.status).toBe(404);
  });
});

describe('workspace rules on deals', () => {
  it('takes loss reasons from the admin-kept list when free text is switched off', async () => {
    await db.lostReason.createMany({
      data: [
        { label: 'Price', position: 0 },
        { label: 'Timing', position: 1 },
      ],
    });
    await db.setting.upsert({
      where: { key: 'lostReasons.allowFreeText' },
      create: { key: 'lostReasons.allowFreeText', value: false },
      update: { value: false },
    });
    const created = await createDeal();
    const free = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      body: { status: 'lost', loss_reason: 'They hated our logo' },
    });
    expect(free.status).toBe(422);
    expect(free.json.error.details[0].path).toBe('loss_reason');
    expect((await call(dealRoute.GET, 'GET', `/api/v1/deals/${created.id}`, { key, params: { id: created.id } })).json.data.status).toBe('open');
    const listed = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${created.id}`, {
      key,
      params: { id: created.id },
      body: { status: 'lost', loss_reason: 'price' },
    });
    expect(listed.status).toBe(200);
    expect(listed.json.data.loss_reason).toBe('Price');
    await db.setting.update({ where: { key: 'lostReasons.allowFreeText' }, data: { value: true } });
  });

  it('checks custom field values against their definitions and merges updates', async () => {
    await db.customFieldDefinition.createMany({
      data: [
        { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'AMER'] },
        { key: 'seats', label: 'Seats', type: 'number' },
      ],
    });
    const bad = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Custom', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], custom_fields: { region: 'Mars', colour: 'red' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['custom_fields.colour', 'custom_fields.region']);
    const deal = await createDeal({ custom_fields: { region: 'EMEA', seats: 25 } });
    expect(deal.custom_fields).toEqual({ region: 'EMEA', seats: 25 });
    const patched = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deal.id}`, { key, params: { id: deal.id }, body: { custom_fields: { seats: 30 } } });
    expect(patched.json.data.custom_fields).toEqual({ region: 'EMEA', seats: 30 });
    const cleared = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deal.id}`, {
      key,
      params: { id: deal.id },
      body: { custom_fields: { region: null } },
    });
    expect(cleared.json.data.custom_fields).toEqual({ seats: 30 });
    await db.customFieldDefinition.deleteMany({});
  });
});
