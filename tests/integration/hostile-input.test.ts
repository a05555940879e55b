import { beforeAll, describe, expect, it } from 'vitest';
import * as concordAssociationsRoute from '@/app/api/concord/associations/deals/[id]/route';
import * as concordBillableRoute from '@/app/api/concord/deals/[id]/billable/route';
import * as concordStatusRoute from '@/app/api/concord/deals/[id]/status/[status]/route';
import * as concordDealsRoute from '@/app/api/concord/deals/route';
import * as concordSearchRoute from '@/app/api/concord/deals/search/route';
import * as hubspotDealRoute from '@/app/api/hubspot/deals/v1/deal/route';
import * as recotapDealsRoute from '@/app/api/recotap/v1/deals/route';
import * as activitiesRoute from '@/app/api/v1/activities/route';
import * as customFieldsRoute from '@/app/api/v1/custom-fields/route';
import * as dealRoute from '@/app/api/v1/deals/[id]/route';
import * as dealsRoute from '@/app/api/v1/deals/route';
import * as tasksRoute from '@/app/api/v1/tasks/route';
import { MAX_JSON_DEPTH } from '@/lib/api/accepted-input';
import { db } from '@/lib/db';
import { fromPublicId } from '@/lib/ids';
import { parseBoardFilters } from '@/lib/board/board-filters';
import { getPipelineBoard } from '@/lib/services/pipelines/get-pipeline-board';
import { call, createPipelineFixture, createUserWithKey, type ApiAnswer } from '../setup/api';

// Issue 18, finding 3: hostile client input on every API door is a 4xx in that door's error shape
// and changes nothing — never a 500 (docs/decisions/010-accepted-input.md).

type Handler = Parameters<typeof call>[0];
const h = (handler: unknown) => handler as Handler;

let key: string;
let manager: Awaited<ReturnType<typeof createUserWithKey>>;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let dealId: string; // deal_…
let dealNumber: number;

/** `{"a":{"a":…1…}}` nested `depth` objects deep, as raw JSON (JSON.stringify would overflow first). */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const counts = async () => ({
  deals: await db.deal.count(),
  tasks: await db.task.count(),
  activities: await db.activity.count(),
  customFields: await db.customFieldDefinition.count(),
});

const dealRow = () => db.deal.findUniqueOrThrow({ where: { id: dealNumber } });

beforeAll(async () => {
  manager = await createUserWithKey('manager');
  key = manager.key;
  sales = await createPipelineFixture('Sales');
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name: 'Steady deal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000, currency: 'USD', metadata: { source: 'test' } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  dealId = created.json.data.id;
  dealNumber = fromPublicId('deal', dealId)!;
});

/** The native error body: 400 validation_failed with a detail at `path` whose message matches. */
function expectNativeRefusal(answer: ApiAnswer, path: string, message: RegExp, status = 400) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.json.error.code).toBe(status === 400 ? 'validation_failed' : 'unprocessable');
  expect(answer.json.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
}

describe('native REST API: text', () => {
  it('refuses a NUL character in a created deal’s name (400 naming the field), creating nothing', async () => {
    const before = await counts();
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Acme\u0000Corp', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0] },
    });
    expectNativeRefusal(answer, 'name', /NUL characters/);
    expect(answer.json.error.message).toMatch(/name.*NUL characters \(U\+0000\) are not accepted/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL character in a PATCHed name, leaving the deal as it was', async () => {
    const before = await dealRow();
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, body: { name: 'Renamed\u0000' } });
    expectNativeRefusal(answer, 'name', /NUL characters/);
    expect(await dealRow()).toEqual(before);
  });

  it('refuses a NUL character in an object key, showing the key escaped', async () => {
    const before = await dealRow();
    const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, body: { metadata: { 'bad\u0000key': 1 } } });
    expectNativeRefusal(answer, 'metadata.bad\\u0000key', /NUL characters/);
    expect(await dealRow()).toEqual(before);
  });

  it('refuses a lone UTF-16 surrogate headed for jsonb metadata, on create and on update', async () => {
    const before = await counts();
    const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      body: { name: 'Surrogate', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], metadata: { note: 'half \ud800 a pair' } },
    });
    expectNativeRefusal(created, 'metadata.note', /well-formed Unicode/);
    const row = await dealRow();
    const updated = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, body: { metadata: { note: '\udc00' } } });
    expectNativeRefusal(updated, 'metadata.note', /lone UTF-16 surrogate/);
    expect(await dealRow()).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it('refuses lone surrogates in custom field options and values', async () => {
    const before = await counts();
    const field = await call(customFieldsRoute.POST, 'POST', '/api/v1/custom-fields', {
      key,
      body: { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', '\ud83d'] },
    });
    expectNativeRefusal(field, 'options.1', /well-formed Unicode/);
    const value = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, {
      key,
      params: { id: dealId },
      body: { custom_fields: { tier: 'x\udfff' } },
    });
    expectNativeRefusal(value, 'custom_fields.tier', /well-formed Unicode/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL character with an Idempotency-Key, and stores no answer to replay', async () => {
    const before = await counts();
    const headers = { 'Idempotency-Key': 'hostile-nul-1' };
    const body = { name: 'Idem\u0000', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0] };
    const first = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, headers, body });
    expectNativeRefusal(first, 'name', /NUL characters/);
    const again = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, headers, body });
    expectNativeRefusal(again, 'name', /NUL characters/);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await counts()).toEqual(before);
  });
});

describe('native REST API: structure', () => {
  it('refuses metadata nested 10,000 deep (400 "nested too deeply"), on create and update', async () => {
    const before = await counts();
    const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
      key,
      rawBody: `{"name":"Deep","pipeline_id":"${sales.pipelineId}","stage_id":"${sales.stageIds[0]}","metadata":${nested(10_000)}}`,
    });
    expect(created.status).toBe(400);
    expect(created.json.error.code).toBe('validation_failed');
    expect(created.json.error.message).toMatch(/nested too deeply/);
    expect(created.json.error.details[0].path).toMatch(/^metadata\.a\.a/);
    const row = await dealRow();
    const updated = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, rawBody: `{"metadata":${nested(10_000)}}` });
    expect(updated.status).toBe(400);
    expect(updated.json.error.message).toMatch(/nested too deeply/);
    expect(await dealRow()).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it('still stores metadata nested as deep as the limit allows', async () => {
    // the body is level 1 and metadata level 2: metadata may hold MAX_JSON_DEPTH - 1 levels
    const deepest = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, {
      key,
      params: { id: dealId },
      rawBody: `{"metadata":${nested(MAX_JSON_DEPTH - 1)}}`,
    });
    expect(deepest.status, JSON.stringify(deepest.json)).toBe(200);
    const tooDeep = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, {
      key,
      params: { id: dealId },
      rawBody: `{"metadata":${nested(MAX_JSON_DEPTH)}}`,
    });
    expect(tooDeep.status).toBe(400);
    const restored = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, body: { metadata: { source: 'test' } } });
    expect(restored.status).toBe(200);
  });

  it('refuses __proto__, constructor and prototype keys', async () => {
    const before = await dealRow();
    for (const reserved of ['__proto__', 'constructor', 'prototype']) {
      const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, {
        key,
        params: { id: dealId },
        rawBody: `{"metadata":{"${reserved}":{"x":1}}}`,
      });
      expectNativeRefusal(answer, `metadata.${reserved}`, /are not accepted/);
      const atRoot = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, rawBody: `{"${reserved}":{"name":"x"}}` });
      expectNativeRefusal(atRoot, reserved, /are not accepted/);
    }
    expect(await dealRow()).toEqual(before);
  });
});

describe('native REST API: dates and numbers', () => {
  it('refuses a task due in year 0000 or after 9999, creating nothing', async () => {
    const before = await counts();
    for (const due_at of ['0000-01-01', '0000-06-01T12:00:00Z', '0001-01-01T00:00:00+01:00', '10000-01-01', '+010000-01-01T00:00:00Z']) {
      const answer = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key, body: { title: 'Call back', deal_id: dealId, due_at } });
      expect(answer.status, `${due_at}: ${JSON.stringify(answer.json)}`).toBe(400);
      expect(answer.json.error.details[0].path).toBe('due_at');
    }
    const yearZero = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key, body: { title: 'Call back', due_at: '0000-01-01' } });
    expectNativeRefusal(yearZero, 'due_at', /years 0001 to 9999/);
    expect(await counts()).toEqual(before);
    // the edges themselves are dates
    const first = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key, body: { title: 'Edge', due_at: '0001-01-01' } });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const last = await call(tasksRoute.POST, 'POST', '/api/v1/tasks', { key, body: { title: 'Edge', due_at: '9999-12-31T23:59:59Z' } });
    expect(last.status, JSON.stringify(last.json)).toBe(201);
  });

  it('refuses an activity in year 0000 and a deal expected to close then', async () => {
    const before = await counts();
    const activity = await call(activitiesRoute.POST, 'POST', '/api/v1/activities', {
      key,
      body: { type: 'call', subject: 'Old', occurred_at: '0000-01-01T00:00:00Z' },
    });
    expectNativeRefusal(activity, 'occurred_at', /years 0001 to 9999/);
    const row = await dealRow();
    const deal = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${dealId}`, { key, params: { id: dealId }, body: { expected_close: '0000-01-01' } });
    expectNativeRefusal(deal, 'expected_close', /years 0001 to 9999/);
    expect(await dealRow()).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL character in a list query (GET /deals?q=%00)', async () => {
    const answer = await call(dealsRoute.GET, 'GET', '/api/v1/deals?q=%00', { key });
    expectNativeRefusal(answer, 'q', /NUL characters/);
    expect(answer.json.error.message).toMatch(/query string/);
    const inName = await call(dealsRoute.GET, 'GET', '/api/v1/deals?%00=1', { key });
    expectNativeRefusal(inName, '\\u0000', /NUL characters/);
  });

  it('refuses days_since_activity_gt beyond 100 years and values beyond 10^15, by the field', async () => {
    const days = await call(dealsRoute.GET, 'GET', '/api/v1/deals?days_since_activity_gt=1000000000', { key });
    expectNativeRefusal(days, 'days_since_activity_gt', /at most 36500/);
    const fine = await call(dealsRoute.GET, 'GET', '/api/v1/deals?days_since_activity_gt=36500', { key });
    expect(fine.status).toBe(200);
    const value = await call(dealsRoute.GET, 'GET', '/api/v1/deals?min_value=1e20', { key });
    expectNativeRefusal(value, 'min_value', /10\^15/);
    const created = await call(dealsRoute.GET, 'GET', '/api/v1/deals?created_after=0000-01-01', { key });
    expectNativeRefusal(created, 'created_after', /years 0001 to 9999/);
  });

  it('ignores a board filter close_from of year 0000 or an impossible day, never a database error', async () => {
    for (const search of ['close_from=0000-01-01', 'close_to=0000-12-31', 'close_from=2026-02-30']) {
      const filters = parseBoardFilters(new URLSearchParams(search));
      expect(filters.closeFrom).toBeNull();
      expect(filters.closeTo).toBeNull();
      const board = await getPipelineBoard({ ctx: { user: manager.user, source: 'ui' }, input: { pipelineId: sales.pipeline.id, filters } });
      expect(board).toBeTruthy();
    }
    expect(parseBoardFilters(new URLSearchParams('close_from=0001-01-01')).closeFrom).toBe('0001-01-01');
  });
});

describe('HubSpot dialect', () => {
  const hubspot = (body: unknown, path = '/api/hubspot/deals/v1/deal/') =>
    call(hubspotDealRoute.POST, 'POST', path, { headers: { authorization: `Bearer ${key}` }, body });
  const hubspotRaw = (rawBody: string) =>
    call(hubspotDealRoute.POST, 'POST', '/api/hubspot/deals/v1/deal/', { headers: { authorization: `Bearer ${key}` }, rawBody });

  function expectHubSpotRefusal(answer: ApiAnswer, name: string, message: RegExp) {
    expect(answer.status, JSON.stringify(answer.json)).toBe(400);
    expect(answer.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(answer.json.message).toMatch(message);
    expect(answer.json.validationResults).toEqual([{ isValid: false, message: expect.stringMatching(message), error: 'INVALID_PROPERTY_VALUE', name }]);
  }

  it('refuses a NUL character in dealname, by ?hapikey= too, creating nothing', async () => {
    const before = await counts();
    const body = {
      properties: [
        { name: 'dealname', value: 'Tim\u0000s deal' },
        { name: 'dealstage', value: 'x' },
      ],
    };
    expectHubSpotRefusal(await hubspot(body), 'dealname', /NUL characters/);
    const byQuery = await call(hubspotDealRoute.POST, 'POST', `/api/hubspot/deals/v1/deal/?hapikey=${encodeURIComponent(key)}`, { body });
    expectHubSpotRefusal(byQuery, 'dealname', /NUL characters/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a lone surrogate, deep nesting, a reserved key and a NUL in the query', async () => {
    const before = await counts();
    expectHubSpotRefusal(await hubspot({ properties: [{ name: 'dealname', value: '\ud800' }] }), 'dealname', /well-formed Unicode/);
    const deep = await hubspotRaw(`{"properties":[],"portalId":${nested(10_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.json.message).toMatch(/nested too deeply/);
    expectHubSpotRefusal(await hubspotRaw('{"__proto__":{"properties":[]},"properties":[]}'), '__proto__', /are not accepted/);
    expectHubSpotRefusal(await hubspot({ properties: [] }, '/api/hubspot/deals/v1/deal/?x=%00'), 'x', /NUL characters/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a closedate outside the years 0001–9999 (ms since the epoch), by the property', async () => {
    const before = await counts();
    for (const closedate of [-62198755200000, '-1000000000000000', 253402300800000]) {
      const answer = await hubspot({
        properties: [
          { name: 'dealname', value: 'Old' },
          { name: 'closedate', value: closedate },
        ],
      });
      expectHubSpotRefusal(answer, 'closedate', /years 0001 to 9999/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('Concord dialect', () => {
  const concord = (handler: unknown, method: string, path: string, options: { body?: unknown; rawBody?: string; params?: Record<string, string> } = {}) =>
    call(h(handler), method, path, { headers: { authorization: `Bearer ${key}` }, ...options });

  function expectConcordRefusal(answer: ApiAnswer, field: string, message: RegExp) {
    expect(answer.status, JSON.stringify(answer.json)).toBe(422);
    expect(Object.keys(answer.json)).toEqual(['message', 'errors']);
    expect(answer.json.message).toMatch(message);
    expect(Object.keys(answer.json.errors)).toEqual([field]);
    expect(answer.json.errors[field]).toEqual([expect.stringMatching(message)]);
  }

  it('refuses __proto__ and constructor keys at the root of status, billable and association bodies', async () => {
    const before = await dealRow();
    const id = String(dealNumber);
    for (const reserved of ['__proto__', 'constructor', 'prototype']) {
      const status = await concord(concordStatusRoute.PUT, 'PUT', `/api/concord/deals/${id}/status/lost`, {
        params: { id, status: 'lost' },
        rawBody: `{"${reserved}":["x"]}`,
      });
      expectConcordRefusal(status, reserved, /not accepted/);
      const billable = await concord(concordBillableRoute.POST, 'POST', `/api/concord/deals/${id}/billable`, { params: { id }, rawBody: `{"${reserved}":[]}` });
      expectConcordRefusal(billable, reserved, /not accepted/);
      for (const method of ['PUT', 'POST', 'DELETE'] as const) {
        const associations = await concord(concordAssociationsRoute[method], method, `/api/concord/associations/deals/${id}`, {
          params: { id },
          rawBody: `{"${reserved}":[1]}`,
        });
        expectConcordRefusal(associations, reserved, /not accepted/);
      }
    }
    expect(await dealRow()).toEqual(before);
    expect(await db.dealLineItem.count({ where: { dealId: dealNumber } })).toBe(0);
  });

  it('refuses a body nested 10,000 deep, a lone surrogate, and NUL in a query', async () => {
    const before = await counts();
    const deep = await concord(concordDealsRoute.POST, 'POST', '/api/concord/deals', {
      rawBody: `{"name":"Deep","stage_id":${sales.stages[0]!.id},"note":${nested(10_000)}}`,
    });
    expect(deep.status).toBe(422);
    expect(deep.json.message).toMatch(/nested too deeply/);
    const billableDeep = await concord(concordBillableRoute.POST, 'POST', `/api/concord/deals/${dealNumber}/billable`, {
      params: { id: String(dealNumber) },
      rawBody: `{"products":[${nested(10_000)}]}`,
    });
    expect(billableDeep.status).toBe(422);
    expect(billableDeep.json.message).toMatch(/nested too deeply/);
    const surrogate = await concord(concordDealsRoute.POST, 'POST', '/api/concord/deals', { body: { name: 'A \ud800', stage_id: sales.stages[0]!.id } });
    expectConcordRefusal(surrogate, 'name', /well-formed Unicode/);
    const search = await concord(concordSearchRoute.GET, 'GET', '/api/concord/deals/search?q=%00');
    expectConcordRefusal(search, 'q', /The q field must not contain NUL characters\./);
    expect(await counts()).toEqual(before);
  });

  it('refuses an expected close date in year 0000', async () => {
    const before = await counts();
    const answer = await concord(concordDealsRoute.POST, 'POST', '/api/concord/deals', {
      body: { name: 'Old', stage_id: sales.stages[0]!.id, expected_close_date: '0000-01-01' },
    });
    expectConcordRefusal(answer, 'expected_close_date', /years 0001 to 9999/);
    expect(await counts()).toEqual(before);
  });
});

describe('Recotap dialect', () => {
  const upsert = (body: unknown, path = '/api/recotap/v1/deals') => call(recotapDealsRoute.POST, 'POST', path, { key, body });
  const deal = (fields: Record<string, unknown> = {}) => ({
    externalDealId: 'hostile-1',
    name: 'Hostile',
    amount: 10,
    stageId: 's1',
    pipelineId: 'p1',
    ...fields,
  });

  it('refuses a NUL character in a deal name (400 in Recotap’s validation shape), upserting nothing', async () => {
    const before = await counts();
    const answer = await upsert({ deals: [deal({ name: 'Acme\u0000' })] });
    expect(answer.status, JSON.stringify(answer.json)).toBe(400);
    expect(answer.json).toMatchObject({ statusCode: 400, message: 'Bad Request', path: '/api/recotap/v1/deals' });
    expect(answer.json.customMessage).toMatch(/deals\.0\.name.*NUL characters/);
    expect(answer.json.data).toEqual([{ property: 'deals.0.name', constraints: { noNulCharacters: expect.stringMatching(/NUL characters/) } }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a lone surrogate, a reserved key and deep nesting; a year-0000 date is never a 500', async () => {
    const before = await counts();
    const surrogate = await upsert({ deals: [deal({ ownerName: '\udbff' })] });
    expect(surrogate.status).toBe(400);
    expect(surrogate.json.data).toEqual([{ property: 'deals.0.ownerName', constraints: { isWellFormedUnicode: expect.any(String) } }]);
    const reserved = await call(recotapDealsRoute.POST, 'POST', '/api/recotap/v1/deals', { key, rawBody: '{"deals":[{"constructor":1}]}' });
    expect(reserved.status).toBe(400);
    expect(reserved.json.data).toEqual([{ property: 'deals.0.constructor', constraints: { reservedKey: expect.any(String) } }]);
    const deep = await call(recotapDealsRoute.POST, 'POST', '/api/recotap/v1/deals', { key, rawBody: `{"deals":[${nested(10_000)}]}` });
    expect(deep.status).toBe(400);
    expect(deep.json.customMessage).toMatch(/nested too deeply/);
    const yearZero = await upsert({ deals: [deal({ closedDate: '0000-01-01T00:00:00Z' })] });
    expect(yearZero.status, JSON.stringify(yearZero.json)).toBeLessThan(500);
    expect(JSON.stringify(yearZero.json)).toMatch(/closedDate/);
    expect(await counts()).toEqual(before);
  });
});
