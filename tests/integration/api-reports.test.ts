import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as stageRoute from '../../app/api/v1/deals/[id]/stage/route';
import * as forecastRoute from '../../app/api/v1/reports/forecast/route';
import * as funnelRoute from '../../app/api/v1/reports/funnel/route';
import * as movementRoute from '../../app/api/v1/reports/movement/route';
import * as snapshotChangesRoute from '../../app/api/v1/reports/snapshot-changes/route';
import * as snapshotRoute from '../../app/api/v1/reports/snapshot/route';
import * as durationsRoute from '../../app/api/v1/reports/stage-durations/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// /api/v1/reports/*: the report numbers as JSON, with the API's auth, errors and rate-limit headers.
// The hand-computed cases are in report-services.test.ts; here deals are created, moved and
// deleted through the API itself, as a client would.

let key: string;
let repKey: string;
let userId: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let partners: Awaited<ReturnType<typeof createPipelineFixture>>;
const deals = {} as Record<'a' | 'b' | 'c' | 'd', string>;
let today: string;
let tomorrow: string;

async function newDeal(name: string, value: number, currency = 'USD', stage = 0) {
  const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[stage], value, currency, expected_close: `${tomorrow}T00:00:00Z` },
  });
  expect(answer.status).toBe(201);
  return answer.json.data.id as string;
}

async function move(id: string, stageId: string) {
  const answer = await call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key, params: { id }, body: { stage_id: stageId } });
  expect(answer.status).toBe(200);
}

function get(handler: typeof movementRoute.GET, path: string, options: { key?: string } = {}) {
  return call(handler, 'GET', path, { key: options.key ?? key });
}

beforeAll(async () => {
  ({ key, publicId: userId } = await createUserWithKey('manager'));
  ({ key: repKey } = await createUserWithKey('rep'));
  sales = await createPipelineFixture('Sales');
  partners = await createPipelineFixture('Partnerships', ['Intro', 'Signed']);
  await db.pipeline.update({ where: { id: sales.pipeline.id }, data: { isDefault: true } });
  const now = new Date();
  today = now.toISOString().slice(0, 10);
  tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  // Qualified, Contact Made, Proposal Sent, Won, Lost
  deals.a = await newDeal('Acme', 100_000);
  deals.b = await newDeal('Globex', 50_000, 'EUR');
  deals.c = await newDeal('Initech', 20_000);
  deals.d = await newDeal('Umbrella', 7_500, 'USD', 1);
  await move(deals.a, sales.stageIds[1]!);
  await move(deals.a, sales.stageIds[2]!);
  await move(deals.b, sales.stageIds[1]!);
  await move(deals.c, sales.stageIds[4]!);
  await move(deals.d, sales.stageIds[0]!);
  await move(deals.a, sales.stageIds[3]!);
});

describe('GET /api/v1/reports/movement', () => {
  it('answers the from × to moves of the period, with values per currency', async () => {
    const answer = await get(movementRoute.GET, `/api/v1/reports/movement?pipeline_id=${sales.pipelineId}&from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).not.toBeNull();
    const data = answer.json.data;
    expect(data).toMatchObject({ pipeline_id: sales.pipelineId, owner_id: null, from: `${today}T00:00:00Z`, to: `${tomorrow}T00:00:00Z` });
    expect(data.stages.map((s: { stage_id: string }) => s.stage_id)).toEqual(sales.stageIds);
    expect(data.stages[3]).toMatchObject({ name: 'Won', outcome: 'won', probability: 100, deleted: false });
    const cell = (from: string | null, to: string | null) =>
      data.transitions.find((t: { from_stage_id: string | null; to_stage_id: string | null }) => t.from_stage_id === from && t.to_stage_id === to);
    expect(cell(null, sales.stageIds[0]!)).toEqual({
      from_stage_id: null,
      to_stage_id: sales.stageIds[0],
      from_pipeline_id: null,
      to_pipeline_id: null,
      direction: 'new',
      count: 3,
      value: { EUR: 50_000, USD: 120_000 },
      // no exchange rates here: the EUR deal is named apart, not counted as 0
      converted: { currency: 'USD', value: 120_000, unconverted: [{ currency: 'EUR', count: 1, value: 50_000, reason: 'no EUR rate' }] },
    });
    expect(cell(sales.stageIds[0]!, sales.stageIds[1]!)).toMatchObject({ direction: 'forward', count: 2, value: { EUR: 50_000, USD: 100_000 } });
    expect(cell(sales.stageIds[1]!, sales.stageIds[0]!)).toMatchObject({ direction: 'backward', count: 1, value: { USD: 7_500 } });
    expect(cell(sales.stageIds[0]!, sales.stageIds[4]!)).toMatchObject({ direction: 'lost', count: 1 });
    expect(cell(sales.stageIds[2]!, sales.stageIds[3]!)).toMatchObject({ direction: 'won', count: 1, value: { USD: 100_000 } });
    const totals = Object.fromEntries(data.totals.map((t: { direction: string; count: number }) => [t.direction, t.count]));
    expect(totals).toMatchObject({ new: 4, forward: 3, backward: 1, won: 1, lost: 1, reopened: 0, transfer_in: 0, transfer_out: 0 });
  });

  it('uses the default pipeline and the last 90 days when none are given', async () => {
    const answer = await get(movementRoute.GET, '/api/v1/reports/movement');
    expect(answer.status).toBe(200);
    expect(answer.json.data.pipeline_id).toBe(sales.pipelineId);
    const { from, to } = answer.json.data;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(90);
    expect(to).toBe(`${tomorrow}T00:00:00Z`);
  });

  it('keeps a past period unchanged when a deal is deleted, and the deleted deal out of today’s board', async () => {
    const before = await get(movementRoute.GET, `/api/v1/reports/movement?pipeline_id=${sales.pipelineId}&from=${today}&to=${today}`);
    const momentBefore = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const deleted = await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${deals.b}`, { key, params: { id: deals.b } });
    expect(deleted.status).toBe(204);
    const after = await get(movementRoute.GET, `/api/v1/reports/movement?pipeline_id=${sales.pipelineId}&from=${today}&to=${today}`);
    expect(after.json.data.transitions).toEqual(before.json.data.transitions);
    expect(after.json.data.totals).toEqual(before.json.data.totals);

    const then = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}&as_of=${encodeURIComponent(momentBefore)}`);
    const contactMadeThen = then.json.data.stages.find((s: { stage_id: string }) => s.stage_id === sales.stageIds[1]);
    expect(contactMadeThen.deals).toEqual([
      { id: deals.b, number: expect.any(Number), name: 'Globex', value: 50_000, currency: 'EUR', converted_value: null, deleted: true },
    ]);
    const now = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}`);
    expect(now.json.data.stages.find((s: { stage_id: string }) => s.stage_id === sales.stageIds[1]).deals).toEqual([]);
  });
});

describe('GET /api/v1/reports/snapshot', () => {
  it('answers {"data":{"as_of","stages":[{"stage_id","count","value","deals":[{"id","name","value","currency"}]}]}}', async () => {
    const answer = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}&as_of=${tomorrow}T00:00:00Z`);
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    expect(data.as_of).toBe(`${tomorrow}T00:00:00Z`);
    const stages = Object.fromEntries(data.stages.map((s: { name: string }) => [s.name, s]));
    expect(stages.Qualified).toMatchObject({ stage_id: sales.stageIds[0], count: 1, value: { USD: 7_500 }, has_more: false });
    expect(stages.Qualified.deals).toEqual([
      { id: deals.d, number: expect.any(Number), name: 'Umbrella', value: 7_500, currency: 'USD', converted_value: 7_500, deleted: false },
    ]);
    expect(stages.Won).toMatchObject({ count: 1, value: { USD: 100_000 } });
    expect(stages.Lost).toMatchObject({ count: 1, value: { USD: 20_000 } });
    expect(data).toMatchObject({ count: 3, value: { USD: 127_500 } });
  });

  it('shows the value a deal had when it entered its stage, not today’s', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const patched = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deals.d}`, { key, params: { id: deals.d }, body: { value: 99_000 } });
    expect(patched.status).toBe(200);
    const answer = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}&as_of=${encodeURIComponent(before)}`);
    expect(answer.json.data.stages[0].deals[0]).toMatchObject({ id: deals.d, value: 7_500 });
  });

  it('holds no deals before any was created; limit caps the deals listed, not the count', async () => {
    const empty = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}&as_of=2020-01-01`);
    expect(empty.json.data.stages.every((s: { count: number; deals: unknown[]; value: object }) => s.count === 0 && s.deals.length === 0)).toBe(true);
    expect(empty.json.data.as_of).toBe('2020-01-02T00:00:00Z');
    const limited = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${sales.pipelineId}&as_of=${tomorrow}&limit=1`);
    expect(limited.status).toBe(200);
  });
});

describe('the other reports', () => {
  it('funnel: conversion rates as percents', async () => {
    const answer = await get(funnelRoute.GET, `/api/v1/reports/funnel?pipeline_id=${sales.pipelineId}&from=${today}&to=${today}`, { key: repKey });
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    // entered the pipeline today: a (won), b (deleted, still counted), c (lost), d
    expect(data.overall).toEqual({ entered: 4, won: 1, lost: 1, win_rate: 25 });
    const qualified = data.steps.find((s: { stage_id: string }) => s.stage_id === sales.stageIds[0]);
    // a, b, c entered Qualified when created, d when it moved back; only a and b went further after that
    expect(qualified).toMatchObject({ entered: 4, reached_next: 2, won: 1, lost: 1, conversion_rate: 50, win_rate: 25 });
    expect(qualified.reached.map((r: { stage_id: string; count: number; rate: number }) => [r.stage_id, r.count, r.rate])).toEqual([
      [sales.stageIds[1], 2, 50],
      [sales.stageIds[2], 1, 25],
      [sales.stageIds[3], 1, 25],
    ]);
    expect(data.owners).toEqual([{ owner_id: userId, name: expect.any(String), overall: data.overall, steps: expect.any(Array) }]);
  });

  it('stage-durations: days per stage and the deals stuck now', async () => {
    const answer = await get(durationsRoute.GET, `/api/v1/reports/stage-durations?pipeline_id=${sales.pipelineId}&from=${today}`);
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    expect(data.durations.map((d: { stage_id: string }) => d.stage_id)).toEqual(sales.stageIds.slice(0, 3));
    const qualified = data.durations[0];
    // a, b and c left Qualified today; d came back to it and is still there
    expect(qualified).toMatchObject({ deals: 3, stays: 3, current_deals: 1 });
    expect(data.durations[1]).toMatchObject({ deals: 2, stays: 2 });
    expect(qualified.median_days).toBeGreaterThanOrEqual(0);
    expect(qualified.median_days).toBeLessThan(0.01);
    expect(data).toMatchObject({ stuck_total: expect.any(Number), stuck_deals: expect.any(Array) });
  });

  it('forecast: open and weighted value by expected close month against won value', async () => {
    const month = tomorrow.slice(0, 7);
    const answer = await get(forecastRoute.GET, `/api/v1/reports/forecast?pipeline_id=${sales.pipelineId}&from=${today}&to=${tomorrow}`);
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    const months = data.months.map((m: { month: string }) => m.month);
    expect(months).toContain(month);
    // d (Qualified, 20 %) is the only open deal left: b was deleted, a won, c lost
    const usd = (value: number) => ({ currency: 'USD', value, unconverted: [] });
    expect(data.totals.open).toEqual({ count: 1, value: { USD: 99_000 }, weighted: { USD: 19_800 }, converted: usd(99_000), converted_weighted: usd(19_800) });
    expect(data.totals.won).toEqual({ count: 1, value: { USD: 100_000 }, converted: usd(100_000) });
    expect(data.no_expected_close).toEqual({ count: 0, value: {}, weighted: {}, converted: usd(0), converted_weighted: usd(0) });
  });

  it('snapshot-changes: what happened between two moments', async () => {
    const answer = await get(snapshotChangesRoute.GET, `/api/v1/reports/snapshot-changes?pipeline_id=${sales.pipelineId}&from=2020-01-01&to=${tomorrow}`);
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    const summary = Object.fromEntries(data.summary.map((s: { change: string; count: number }) => [s.change, s.count]));
    // every deal was created in between; b was also deleted in between, so it is neither here nor there
    expect(summary).toMatchObject({ created: 3, won: 0, deleted: 0 });
    expect(data.deals.map((d: { id: string }) => d.id).sort()).toEqual([deals.a, deals.c, deals.d].sort());
  });
});

describe('errors', () => {
  it('refuses a request without a key', async () => {
    const answer = await call(movementRoute.GET, 'GET', '/api/v1/reports/movement');
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('unauthorized');
  });

  it('400 naming a malformed date, an impossible period, an unknown field or a malformed ID', async () => {
    const bad = await get(movementRoute.GET, '/api/v1/reports/movement?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([{ path: 'from', message: expect.stringContaining('from must be a date') }]);
    const impossible = await get(funnelRoute.GET, '/api/v1/reports/funnel?from=2026-02-30');
    expect(impossible.json.error.details.map((d: { path: string }) => d.path)).toEqual(['from']);
    const reversed = await get(durationsRoute.GET, '/api/v1/reports/stage-durations?from=2026-03-01&to=2026-02-01');
    expect(reversed.status).toBe(400);
    expect(reversed.json.error.details).toEqual([{ path: 'to', message: 'to must be after from' }]);
    const asOf = await get(snapshotRoute.GET, '/api/v1/reports/snapshot?as_of=2026-13-01');
    expect(asOf.json.error.details.map((d: { path: string }) => d.path)).toEqual(['as_of']);
    const unknown = await get(movementRoute.GET, '/api/v1/reports/movement?pipeline=abc');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([{ path: 'pipeline', message: 'Unknown field "pipeline"' }]);
    const wrongKind = await get(movementRoute.GET, `/api/v1/reports/movement?pipeline_id=${sales.stageIds[0]}`);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.error.details[0].path).toBe('pipeline_id');
    const span = await get(forecastRoute.GET, '/api/v1/reports/forecast?from=2026-01-01&to=2029-12-31');
    expect(span.status).toBe(400);
    expect(span.json.error.details).toEqual([{ path: 'to', message: 'The period may span at most 36 months' }]);
  });

  it('422 naming a pipeline or owner that does not exist', async () => {
    const ghost = toPublicId('pipeline', 999_999);
    const answer = await get(snapshotRoute.GET, `/api/v1/reports/snapshot?pipeline_id=${ghost}`);
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'unprocessable', details: [{ path: 'pipeline_id', message: `Pipeline ${ghost} does not exist` }] });
    await db.pipeline.update({ where: { id: partners.pipeline.id }, data: { deletedAt: new Date() } });
    const deleted = await get(forecastRoute.GET, `/api/v1/reports/forecast?pipeline_id=${partners.pipelineId}`);
    expect(deleted.status).toBe(422);
    const owner = await get(funnelRoute.GET, `/api/v1/reports/funnel?owner_id=${toPublicId('user', 999_999)}`);
    expect(owner.status).toBe(422);
    expect(owner.json.error.details[0].path).toBe('owner_id');
  });
});
