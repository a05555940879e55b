import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as exchangeRateRoute from '../../app/api/v1/exchange-rates/[currency]/[valid_from]/route';
import * as exchangeRatesRoute from '../../app/api/v1/exchange-rates/route';
import * as summaryRoute from '../../app/api/v1/pipelines/[id]/summary/route';
import * as workspaceRoute from '../../app/api/v1/settings/workspace/route';
import { DEFAULT_BOARD_FILTERS } from '../../lib/board/board-filters';
import { missingRateReason } from '../../lib/board/converted-totals';
import { utcDay } from '../../lib/time/utc-day';
import { conversionOn, convertMinorUnits } from '../../lib/currency/convert-money';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { loadExchangeRateTable } from '../../lib/services/currency/load-exchange-rate-table';
import { getNewDealFormData } from '../../lib/services/deals/get-new-deal-form-data';
import { listDealsTable } from '../../lib/services/deals/list-deals-table';
import { getPipelineBoard } from '../../lib/services/pipelines/get-pipeline-board';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Converted figures through the real route handlers: the pipeline summary against hand-computed
// figures (decision 022: each deal converted and rounded half up once, then summed), the board
// service agreeing with it, the exchange-rate and workspace-setting endpoints and their refusals.

type User = Awaited<ReturnType<typeof createUserWithKey>>;
let admin: User;
let manager: User;
let rep: User;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
const today = utcDay();
const tomorrow = utcDay(new Date(Date.now() + 86_400_000));

async function createDeal(stage: number, value: number, currency?: string) {
  const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key: manager.key,
    body: {
      name: `Deal ${value} ${currency ?? 'default'}`,
      pipeline_id: fixture.pipelineId,
      stage_id: fixture.stageIds[stage],
      value,
      ...(currency ? { currency } : {}),
    },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data ?? answer.json;
}

async function summary(query = '') {
  const answer = await call(summaryRoute.GET, 'GET', `/api/v1/pipelines/${fixture.pipelineId}/summary${query}`, {
    key: rep.key,
    params: { id: fixture.pipelineId },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json.data;
}

async function putRates(key: string, rates: unknown) {
  return call(exchangeRatesRoute.PUT, 'PUT', '/api/v1/exchange-rates', { key, body: { rates } });
}

async function rateCount() {
  return db.exchangeRate.count();
}

beforeAll(async () => {
  admin = await createUserWithKey('admin');
  manager = await createUserWithKey('manager');
  rep = await createUserWithKey('rep');
  fixture = await createPipelineFixture('Converted');
});

describe('PUT and GET /api/v1/exchange-rates', () => {
  it('refuses reps and bad input with JSON, saving nothing', async () => {
    const before = await rateCount();
    const forbidden = await putRates(rep.key, [{ currency: 'EUR', rate: '1.0825', valid_from: '2026-01-01' }]);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('forbidden');
    for (const bad of [
      { currency: 'EUR', rate: '-1', valid_from: '2026-01-01' },
      { currency: 'EUR', rate: 'abc', valid_from: '2026-01-01' },
      { currency: 'EUR', rate: '1.1234567890123', valid_from: '2026-01-01' },
      { currency: 'XYZ', rate: '1.1', valid_from: '2026-01-01' },
      { currency: 'EUR', rate: '1.1', valid_from: '2026-02-30' },
    ]) {
      // a good rate beside the bad one: all or nothing
      const answer = await putRates(manager.key, [{ currency: 'GBP', rate: '1.27', valid_from: '2026-01-01' }, bad]);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.json.error.details[0].path).toMatch(/^rates\.1\./);
    }
    const home = await putRates(manager.key, [{ currency: 'USD', rate: '1', valid_from: '2026-01-01' }]);
    expect(home.status).toBe(422);
    expect(await rateCount()).toBe(before);
  });

  it('saves rates for managers (strings or numbers) and lists them, or those in force on a day', async () => {
    const saved = await putRates(manager.key, [
      { currency: 'eur', rate: '1.0825', valid_from: '2026-01-01' },
      { currency: 'GBP', rate: 1.27, valid_from: '2026-01-01' },
      // not in force today: tomorrow's rate is not used for today's figures
      { currency: 'EUR', rate: '2', valid_from: tomorrow },
    ]);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.data).toEqual([
      { currency: 'EUR', base: 'USD', rate: '1.0825', valid_from: '2026-01-01' },
      { currency: 'GBP', base: 'USD', rate: '1.27', valid_from: '2026-01-01' },
      { currency: 'EUR', base: 'USD', rate: '2', valid_from: tomorrow },
    ]);
    const all = await call(exchangeRatesRoute.GET, 'GET', '/api/v1/exchange-rates', { key: rep.key });
    expect(all.json.data.map((r: { currency: string; valid_from: string }) => `${r.currency} ${r.valid_from}`)).toEqual([
      'EUR 2026-01-01',
      `EUR ${tomorrow}`,
      'GBP 2026-01-01',
    ]);
    const onToday = await call(exchangeRatesRoute.GET, 'GET', `/api/v1/exchange-rates?on=${today}`, { key: rep.key });
    expect(onToday.json.data.map((r: { rate: string }) => r.rate)).toEqual(['1.0825', '1.27']);
    const onTomorrow = await call(exchangeRatesRoute.GET, 'GET', `/api/v1/exchange-rates?on=${tomorrow}&currency=EUR`, { key: rep.key });
    expect(onTomorrow.json.data).toEqual([{ currency: 'EUR', base: 'USD', rate: '2', valid_from: tomorrow }]);
    const badDay = await call(exchangeRatesRoute.GET, 'GET', '/api/v1/exchange-rates?on=yesterday', { key: rep.key });
    expect(badDay.status).toBe(400);
  });

  it('deletes a mistyped rate (managers), 404 for one that is not there', async () => {
    await putRates(manager.key, [{ currency: 'JPY', rate: '0.0067', valid_from: '2026-03-01' }]);
    const path = '/api/v1/exchange-rates/JPY/2026-03-01';
    const params = { currency: 'JPY', valid_from: '2026-03-01' };
    expect((await call(exchangeRateRoute.DELETE, 'DELETE', path, { key: rep.key, params })).status).toBe(403);
    expect((await call(exchangeRateRoute.DELETE, 'DELETE', path, { key: manager.key, params })).status).toBe(204);
    expect((await call(exchangeRateRoute.DELETE, 'DELETE', path, { key: manager.key, params })).status).toBe(404);
  });
});

describe('GET /api/v1/pipelines/:id/summary', () => {
  beforeAll(async () => {
    // Qualified (20%): $1,000.00, €10,001.01, £333.33
    await createDeal(0, 100000, 'USD');
    await createDeal(0, 1000101, 'EUR');
    await createDeal(0, 33333, 'GBP');
    // Contact Made (40%): €555.55 and CHF 700.00 (no CHF rate)
    await createDeal(1, 55555, 'EUR');
    await createDeal(1, 70000, 'CHF');
    // Proposal Sent (60%): three deals of 6 euro cents, each 6.495 → 6 US cents (the sum converted would be 19)
    for (let i = 0; i < 3; i += 1) await createDeal(2, 6, 'EUR');
  });

  it('answers the figures converted per deal at today’s rates, unconvertible deals apart', async () => {
    const data = await summary();
    const [qualified, contactMade, proposal, won, lost] = fixture.stageIds;
    expect(data).toEqual({
      currency: 'USD',
      on: today,
      count: 7,
      // 100000 + round(1000101 × 1.0825 = 1082609.33) + round(33333 × 1.27 = 42332.91) + round(55555 × 1.0825 = 60138.29) + 3 × 6
      total: 100000 + 1082609 + 42333 + 60138 + 18,
      weighted: 244988 + 24055 + 11,
      stages: [
        // 1224942 × 20% = 244988.4; 60138 × 40% = 24055.2; 18 × 60% = 10.8
        { stage_id: qualified, count: 3, total: 1224942, weighted: 244988 },
        { stage_id: contactMade, count: 1, total: 60138, weighted: 24055 },
        { stage_id: proposal, count: 3, total: 18, weighted: 11 },
        { stage_id: won, count: 0, total: 0, weighted: 0 },
        { stage_id: lost, count: 0, total: 0, weighted: 0 },
      ],
      unconverted: [{ currency: 'CHF', count: 1, total: 70000, reason: 'no CHF rate' }],
    });
  });

  it('answers in another currency through the home currency’s rates', async () => {
    const data = await summary('?currency=eur');
    expect(data.currency).toBe('EUR');
    // $1,000.00 / 1.0825 = 92378.75 → 92379; £333.33 × 1.27 / 1.0825 = 39106.63 → 39107
    expect(data.stages.slice(0, 3).map((s: { total: number }) => s.total)).toEqual([92379 + 1000101 + 39107, 55555, 18]);
    expect(data.total).toBe(92379 + 1000101 + 39107 + 55555 + 18);
    expect(data.weighted).toBe(226317 + 22222 + 11);
    expect(data.unconverted).toEqual([{ currency: 'CHF', count: 1, total: 70000, reason: 'no CHF rate' }]);
    const bad = await call(summaryRoute.GET, 'GET', `/api/v1/pipelines/${fixture.pipelineId}/summary?currency=XYZ`, {
      key: rep.key,
      params: { id: fixture.pipelineId },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('currency');
  });

  it('sums the same deals’ converted values per column, as the board service does', async () => {
    const table = await loadExchangeRateTable();
    const deals = await db.deal.findMany({ where: { pipelineId: fixture.pipeline.id, deletedAt: null, status: 'open' } });
    const expected = new Map<string, bigint>();
    for (const deal of deals) {
      const how = conversionOn(table, deal.currency, 'USD', today);
      if (!how.ok) continue;
      const key = toPublicId('stage', deal.stageId);
      expected.set(key, (expected.get(key) ?? 0n) + convertMinorUnits(deal.value, how.factor));
    }
    const data = await summary();
    for (const stage of data.stages) expect(BigInt(stage.total), stage.stage_id).toBe(expected.get(stage.stage_id) ?? 0n);

    const board = await getPipelineBoard({ ctx: { user: rep.user, source: 'ui' }, input: { pipelineId: fixture.pipeline.id } });
    expect(board.conversion.currency).toBe('USD');
    expect(board.conversion.day).toBe(today);
    expect(
      board.stages.map((s) => ({ stage_id: s.publicId, count: s.converted.count, total: Number(s.converted.total), weighted: Number(s.converted.weighted) })),
    ).toEqual(data.stages);
    // the column still counts its unconvertible deal, and keeps it in its per-currency totals
    expect(board.stages[1]!.count).toBe(2);
    expect(board.stages[1]!.totals.find((t) => t.currency === 'CHF')).toEqual({ currency: 'CHF', count: 1, total: '70000', weighted: '28000' });
  });

  it('applies the board filters', async () => {
    const won = await summary('?status=won');
    expect(won.count).toBe(0);
    expect(won.unconverted).toEqual([]);
    const euros = await summary('?q=EUR');
    expect(euros.count).toBe(5);
  });
});

describe('the deals table', () => {
  it('sorts by the value converted into the home currency, deals without a rate last', async () => {
    const other = await createPipelineFixture('Table');
    const add = async (value: number, currency: string) => {
      const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
        key: manager.key,
        body: { name: `${currency} ${value}`, pipeline_id: other.pipelineId, stage_id: other.stageIds[0], value, currency },
      });
      expect(answer.status).toBe(201);
    };
    await add(55555, 'EUR'); // $601.38
    await add(50000, 'GBP'); // $635.00
    await add(61000, 'USD'); // $610.00
    await add(99999, 'CHF'); // no rate
    const page = (dir: 'asc' | 'desc') =>
      listDealsTable({
        ctx: { user: rep.user, source: 'ui' },
        input: { filters: DEFAULT_BOARD_FILTERS, pipelineId: other.pipeline.id, stageId: null, sort: 'value', dir, page: 1, pageSize: 50 },
      });
    const desc = await page('desc');
    expect(desc.rows.map((r) => [r.name, r.convertedValue])).toEqual([
      ['GBP 50000', 63500n],
      ['USD 61000', 61000n],
      ['EUR 55555', 60138n],
      ['CHF 99999', null],
    ]);
    expect((await page('asc')).rows.map((r) => r.name)).toEqual(['EUR 55555', 'USD 61000', 'GBP 50000', 'CHF 99999']);
    expect(missingRateReason(desc.conversion, 'CHF')).toBe('no CHF rate');
  });
});

describe('the home currency', () => {
  it('is read by everyone, changed by admins only, and new deals default to it', async () => {
    const read = await call(workspaceRoute.GET, 'GET', '/api/v1/settings/workspace', { key: rep.key });
    expect(read.json).toEqual({ data: { home_currency: 'USD' } });
    expect((await call(workspaceRoute.PUT, 'PUT', '/api/v1/settings/workspace', { key: manager.key, body: { home_currency: 'EUR' } })).status).toBe(403);
    const bad = await call(workspaceRoute.PUT, 'PUT', '/api/v1/settings/workspace', { key: admin.key, body: { home_currency: 'EURO' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('home_currency');
    const changed = await call(workspaceRoute.PUT, 'PUT', '/api/v1/settings/workspace', { key: admin.key, body: { home_currency: 'eur' } });
    expect(changed.json).toEqual({ data: { home_currency: 'EUR' } });

    const defaulted = await createDeal(0, 5000);
    expect(defaulted.currency).toBe('EUR');
    const explicit = await createDeal(0, 5000, 'USD');
    expect(explicit.currency).toBe('USD');
    expect((await getNewDealFormData({ ctx: { user: rep.user, source: 'ui' } })).defaultCurrency).toBe('EUR');

    // no rates were entered for EUR as home: every foreign deal is shown apart, never as 0
    const data = await summary();
    expect(data.currency).toBe('EUR');
    expect(data.unconverted.map((u: { currency: string }) => u.currency).sort()).toEqual(['CHF', 'GBP', 'USD']);
  });
});
