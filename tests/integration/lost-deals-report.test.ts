import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as lostReasonsRoute from '../../app/api/v1/reports/lost-reasons/route';
import { reportCsvRows, toCsv } from '../../app/(app)/reports/_lib/report-csv';
import { db } from '../../lib/db';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { lostDealsHref } from '../../lib/reports/lost-deals-links';
import { DEALS_TABLE_PAGE_SIZE, NO_LOSS_REASON, parseDealsTableParams } from '../../lib/schemas/deals-table';
import type { ServiceContext } from '../../lib/services/context';
import { listDealsTable } from '../../lib/services/deals/list-deals-table';
import { listLossReasonsInUse } from '../../lib/services/lost-reasons/list-loss-reasons-in-use';
import { getLostDealsReport } from '../../lib/services/reports/get-lost-deals-report';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// The Lost deals report on hand-counted deals: each deal and its stage-history rows are written
// straight to the database at known days, so every figure below can be counted from the list.
// The deals table's loss filters are checked against the same deals: a figure's link lists exactly
// the (live) deals behind it.

const DAY = 86_400_000;
const DAY0 = Date.UTC(2026, 0, 5);
const day = (n: number) => new Date(DAY0 + n * DAY);
// the period: January and February 2026
const PERIOD = { from: new Date(Date.UTC(2026, 0, 1)), to: new Date(Date.UTC(2026, 2, 1)) };

type Pipeline = Awaited<ReturnType<typeof createPipelineFixture>>;
let ctx: ServiceContext;
let riley: { id: number; name: string };
let repKey: string;
let p: Pipeline;
let other: Pipeline;
const ids = {} as Record<string, number>;

interface Fixture {
  pipeline?: Pipeline;
  /** [day, stage index] in order; the first is the creation */
  path: { at: number; stage: number }[];
  value: number;
  currency?: string;
  ownerId?: number;
  status?: 'open' | 'won' | 'lost';
  reason?: string | null;
  closedAt?: Date | null;
  deletedAt?: Date;
}

async function deal(name: string, f: Fixture): Promise<number> {
  const pipeline = f.pipeline ?? p;
  const last = f.path[f.path.length - 1]!;
  const stage = pipeline.stages[last.stage]!;
  const status = f.status ?? stage.outcome ?? 'open';
  const created = await db.deal.create({
    data: {
      name,
      pipelineId: pipeline.pipeline.id,
      stageId: stage.id,
      value: BigInt(f.value),
      currency: f.currency ?? 'USD',
      status,
      lostReason: status === 'lost' ? (f.reason ?? null) : null,
      ownerId: f.ownerId ?? ctx.user.id,
      createdAt: day(f.path[0]!.at),
      stageEnteredAt: day(last.at),
      closedAt: f.closedAt !== undefined ? f.closedAt : stage.outcome ? day(last.at) : null,
      deletedAt: f.deletedAt ?? null,
    },
    select: { id: true },
  });
  await db.stageHistory.createMany({
    data: f.path.map((step, i) => ({
      dealId: created.id,
      fromStageId: i === 0 ? null : pipeline.stages[f.path[i - 1]!.stage]!.id,
      fromPipelineId: i === 0 ? null : pipeline.pipeline.id,
      toStageId: pipeline.stages[step.stage]!.id,
      toPipelineId: pipeline.pipeline.id,
      changedAt: day(step.at),
      value: BigInt(f.value),
      currency: f.currency ?? 'USD',
      probability: pipeline.stages[step.stage]!.probability,
    })),
  });
  ids[name] = created.id;
  return created.id;
}

// stages: 0 Qualified, 1 Proposal, 2 Negotiation, 3 Won, 4 Lost
beforeAll(async () => {
  const manager = await createUserWithKey('manager', 'Maya Manager');
  ctx = { user: manager.user, source: 'api' };
  const rep = await createUserWithKey('rep', 'Riley Rep');
  riley = rep.user;
  repKey = rep.key;
  p = await createPipelineFixture('Lost deals', ['Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
  other = await createPipelineFixture('Other', ['Intro', 'Won', 'Lost']);

  // lost from Proposal, 15 Jan
  await deal('Acme', {
    path: [
      { at: 0, stage: 0 },
      { at: 3, stage: 1 },
      { at: 10, stage: 4 },
    ],
    value: 1000,
    reason: 'Price',
  });
  // lost from Negotiation, 27 Jan, Riley's, in EUR
  await deal('Globex', {
    path: [
      { at: 0, stage: 0 },
      { at: 20, stage: 2 },
      { at: 22, stage: 4 },
    ],
    value: 500,
    currency: 'EUR',
    reason: 'Price',
    ownerId: riley.id,
  });
  // lost from Proposal, 14 Feb
  await deal('Initech', {
    path: [
      { at: 0, stage: 0 },
      { at: 30, stage: 1 },
      { at: 40, stage: 4 },
    ],
    value: 2000,
    reason: 'Timing',
  });
  // lost without a reason from Qualified, 17 Jan
  await deal('Hooli', {
    path: [
      { at: 0, stage: 0 },
      { at: 12, stage: 4 },
    ],
    value: 300,
    reason: null,
  });
  // marked lost where it stood (no move) in Negotiation on 13 Jan; the reason's spaces do not make another reason
  await deal('Umbrella', {
    path: [
      { at: 0, stage: 0 },
      { at: 5, stage: 2 },
    ],
    status: 'lost',
    closedAt: day(8),
    value: 700,
    reason: '  Price ',
    ownerId: riley.id,
  });
  // lost from Qualified on 20 Jan, deleted since: still counted
  await deal('Soylent', {
    path: [
      { at: 0, stage: 0 },
      { at: 15, stage: 4 },
    ],
    value: 400,
    reason: 'Timing',
    deletedAt: day(50),
  });
  // lost on 15 Jan, reopened on 17 Jan: not lost
  await deal('Reopened', {
    path: [
      { at: 0, stage: 0 },
      { at: 10, stage: 4 },
      { at: 12, stage: 0 },
    ],
    value: 9000,
    status: 'open',
    closedAt: null,
  });
  // lost at the first instant after the period (1 Mar 00:00): not counted
  await deal('Late', {
    path: [
      { at: 0, stage: 0 },
      { at: 50, stage: 1 },
      { at: 55, stage: 4 },
    ],
    value: 5000,
    reason: 'Price',
  });
  // lost at the period's first instant (1 Jan 00:00) from Qualified: counted
  await deal('Early', {
    path: [
      { at: -10, stage: 0 },
      { at: -4, stage: 4 },
    ],
    value: 100,
    reason: 'Competitor',
  });
  // won, and another pipeline's lost deal: not counted
  await deal('Winner', {
    path: [
      { at: 0, stage: 0 },
      { at: 10, stage: 3 },
    ],
    value: 8000,
  });
  await deal('Elsewhere', {
    pipeline: other,
    path: [
      { at: 0, stage: 0 },
      { at: 10, stage: 2 },
    ],
    value: 6000,
    reason: 'Price',
  });
});

const stageId = (i: number) => p.stages[i]!.id;

describe('getLostDealsReport', () => {
  it('counts the period’s lost deals by reason, with shares and values per currency', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: p.pipeline.id, period: PERIOD } });
    // Acme, Globex, Initech, Hooli, Umbrella, Soylent, Early
    // no EUR rate: the EUR deal stays out of the USD figure, named apart
    expect(report.total).toMatchObject({
      count: 7,
      share: 100,
      value: { EUR: 500n, USD: 4500n },
      deleted: 1,
      converted: { currency: 'USD', value: 4500n, unconverted: [{ currency: 'EUR', count: 1, value: 500n, reason: 'no EUR rate' }] },
    });
    expect(report.ratesUsed).toEqual([]);
    expect(report.reasons.map((r) => [r.reason, r.count, r.share, r.value])).toEqual([
      ['Price', 3, 42.9, { EUR: 500n, USD: 1700n }],
      ['Timing', 2, 28.6, { USD: 2400n }],
      ['Competitor', 1, 14.3, { USD: 100n }],
      [null, 1, 14.3, { USD: 300n }],
    ]);
  });

  it('puts each deal under the stage it was lost from: the move’s from-stage, or where it stood when marked lost', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: p.pipeline.id, period: PERIOD } });
    expect(report.stages.map((s) => [s.stageId, s.count, s.share, s.value])).toEqual([
      [stageId(0), 3, 42.9, { USD: 800n }], // Hooli, Soylent, Early
      [stageId(1), 2, 28.6, { USD: 3000n }], // Acme, Initech
      [stageId(2), 2, 28.6, { EUR: 500n, USD: 700n }], // Globex, Umbrella (marked lost in Negotiation)
    ]);
  });

  it('sums by owner and month by month', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: p.pipeline.id, period: PERIOD } });
    expect(report.owners.map((o) => [o.ownerId, o.count, o.share])).toEqual([
      [ctx.user.id, 5, 71.4],
      [riley.id, 2, 28.6],
    ]);
    expect(report.ownerNames).toEqual(expect.arrayContaining([{ id: riley.id, name: 'Riley Rep' }]));
    expect(report.months.map((m) => [m.month.toISOString().slice(0, 7), m.count, m.share, m.value, m.reasons])).toEqual([
      [
        '2026-01',
        6,
        85.7,
        { EUR: 500n, USD: 2500n },
        [
          { reason: 'Price', count: 3 },
          { reason: 'Timing', count: 1 },
          { reason: 'Competitor', count: 1 },
          { reason: null, count: 1 },
        ],
      ],
      ['2026-02', 1, 14.3, { USD: 2000n }, [{ reason: 'Timing', count: 1 }]],
    ]);
  });

  it('narrows to one owner, and to a period without losses', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: p.pipeline.id, ownerId: riley.id, period: PERIOD } });
    expect(report.total).toMatchObject({ count: 2, value: { EUR: 500n, USD: 700n } });
    expect(report.reasons.map((r) => [r.reason, r.count, r.share])).toEqual([['Price', 2, 100]]);
    const empty = await getLostDealsReport({
      ctx,
      input: { pipelineId: p.pipeline.id, period: { from: new Date(Date.UTC(2025, 5, 1)), to: new Date(Date.UTC(2025, 6, 1)) } },
    });
    expect(empty.total).toMatchObject({ count: 0, share: null, value: {} });
    expect(empty.reasons).toEqual([]);
    expect(empty.months.map((m) => m.count)).toEqual([0]);
  });

  it('writes the figures as CSV: one record per figure and currency', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: p.pipeline.id, period: PERIOD } });
    const rows = reportCsvRows({ slug: 'lost-deals', report }, { asOf: '', compare: '' });
    // as the other reports' CSVs: the converted figure first, the money without a rate named, then per currency, then the rates used
    expect(rows[0]).toEqual(['breakdown', 'item', 'deals', 'share_pct', 'Value (USD)', 'Unconverted', 'currency', 'value']);
    expect(rows).toContainEqual(['reason', 'Price', 3, 42.9, '17.00', 'EUR 5.00 (1 deal): no EUR rate', 'EUR', '5.00']);
    expect(rows).toContainEqual(['reason', 'Price', null, null, null, null, 'USD', '17.00']);
    expect(rows).toContainEqual(['reason', '(no reason given)', 1, 14.3, '3.00', null, 'USD', '3.00']);
    expect(rows).toContainEqual(['lost_from_stage', 'Negotiation', 2, 28.6, '7.00', 'EUR 5.00 (1 deal): no EUR rate', 'EUR', '5.00']);
    expect(rows).toContainEqual(['owner', 'Riley Rep', 2, 28.6, '7.00', 'EUR 5.00 (1 deal): no EUR rate', 'EUR', '5.00']);
    expect(rows).toContainEqual(['month', '2026-02', 1, 14.3, '20.00', null, 'USD', '20.00']);
    expect(toCsv(rows).split('\r\n')[1]).toBe('total,(all lost deals),7,100,45.00,EUR 5.00 (1 deal): no EUR rate,EUR,5.00');
    expect(rows.slice(-2)).toEqual([
      ['converted_to', 'rate_currency', 'rate', 'valid_from'],
      ['USD', null, null, null],
    ]);
  });
});

describe('GET /api/v1/reports/lost-reasons', () => {
  const path = (query: string) => `/api/v1/reports/lost-reasons?${query}`;

  it('answers the same figures to a rep (everyone reads reports)', async () => {
    const answer = await call(lostReasonsRoute.GET, 'GET', path(`pipeline_id=${toPublicId('pipeline', p.pipeline.id)}&from=2026-01-01&to=2026-02-28`), {
      key: repKey,
    });
    expect(answer.status).toBe(200);
    const data = answer.json.data;
    expect(data).toMatchObject({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', owner_id: null, currency: 'USD' });
    // converted as in the other report APIs: a `converted` figure beside each `value`, and the rates used
    expect(data.total).toEqual({
      count: 7,
      share: 100,
      value: { EUR: 500, USD: 4500 },
      converted: { currency: 'USD', value: 4500, unconverted: [{ currency: 'EUR', count: 1, value: 500, reason: 'no EUR rate' }] },
      deleted: 1,
    });
    expect(data.rates_used).toEqual([]);
    expect(data.reasons.map((r: { reason: string | null; count: number; share: number }) => [r.reason, r.count, r.share])).toEqual([
      ['Price', 3, 42.9],
      ['Timing', 2, 28.6],
      ['Competitor', 1, 14.3],
      [null, 1, 14.3],
    ]);
    expect(data.lost_from_stages.map((s: { stage_id: string; name: string; count: number }) => [s.name, s.count])).toEqual([
      ['Qualified', 3],
      ['Proposal', 2],
      ['Negotiation', 2],
    ]);
    expect(data.lost_from_stages[0].stage_id).toBe(toPublicId('stage', stageId(0)));
    expect(data.owners.map((o: { name: string; count: number }) => [o.name, o.count])).toEqual([
      ['Maya Manager', 5],
      ['Riley Rep', 2],
    ]);
    expect(data.months.map((m: { month: string; count: number }) => [m.month, m.count])).toEqual([
      ['2026-01', 6],
      ['2026-02', 1],
    ]);
  });

  it('filters by owner', async () => {
    const answer = await call(
      lostReasonsRoute.GET,
      'GET',
      path(`pipeline_id=${toPublicId('pipeline', p.pipeline.id)}&owner_id=${toPublicId('user', riley.id)}&from=2026-01-01&to=2026-02-28`),
      { key: repKey },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.owner_id).toBe(toPublicId('user', riley.id));
    expect(answer.json.data.total).toMatchObject({ count: 2, value: { EUR: 500, USD: 700 } });
  });

  it('refuses a bad query with a 400 naming the field, and an unknown pipeline with a 422', async () => {
    const bad = await call(lostReasonsRoute.GET, 'GET', path('from=2026-02-30'), { key: repKey });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([expect.objectContaining({ path: 'from' })]);
    const backwards = await call(lostReasonsRoute.GET, 'GET', path('from=2026-03-01&to=2026-01-01'), { key: repKey });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.details).toEqual([expect.objectContaining({ path: 'to' })]);
    const unknown = await call(lostReasonsRoute.GET, 'GET', path('status=lost'), { key: repKey });
    expect(unknown.status).toBe(400);
    const currency = await call(lostReasonsRoute.GET, 'GET', path('currency=XYZ'), { key: repKey });
    expect(currency.status).toBe(400);
    expect(currency.json.error.details).toEqual([expect.objectContaining({ path: 'currency' })]);
    const missing = await call(lostReasonsRoute.GET, 'GET', path(`pipeline_id=${toPublicId('pipeline', 999_999)}`), { key: repKey });
    expect(missing.status).toBe(422);
    expect(missing.json.error.details).toEqual([expect.objectContaining({ path: 'pipeline_id' })]);
    const anonymous = await call(lostReasonsRoute.GET, 'GET', path(''));
    expect(anonymous.status).toBe(401);
  });
});

describe('the deals table’s loss filters', () => {
  const names = async (search: string) => {
    const params = parseDealsTableParams(new URLSearchParams(search));
    const page = await listDealsTable({
      ctx,
      input: {
        filters: params.filters,
        pipelineId: p.pipeline.id,
        stageId: null,
        lostReason: params.lostReason,
        closedFrom: params.closedFrom,
        closedTo: params.closedTo,
        lostFromStageId: params.lostFrom ? fromPublicId('stage', params.lostFrom) : null,
        sort: params.sort,
        dir: params.dir,
        page: 1,
        pageSize: DEALS_TABLE_PAGE_SIZE,
      },
    });
    return { names: page.rows.map((r) => r.name), rows: page.rows };
  };

  it('filters by loss reason (trimmed), and “no reason” finds the lost deals without one', async () => {
    expect((await names('status=lost&lost_reason=Price&sort=name')).names).toEqual(['Acme', 'Globex', 'Late', 'Umbrella']);
    expect((await names(`status=lost&lost_reason=${encodeURIComponent(NO_LOSS_REASON)}`)).names).toEqual(['Hooli']);
    // a reason narrows to lost deals, whatever the status filter says
    expect((await names('status=all&lost_reason=Timing&sort=name')).names).toEqual(['Initech']);
  });

  it('shows each lost deal’s reason, and sorts by it with the deals without one last', async () => {
    const { rows } = await names('status=all&sort=lost_reason');
    const lost = rows.filter((r) => r.status === 'lost').map((r) => [r.name, r.lostReason]);
    expect(lost.slice(0, 5)).toEqual([
      ['Early', 'Competitor'],
      // ties in the deal ID's order
      ['Acme', 'Price'],
      ['Globex', 'Price'],
      ['Umbrella', 'Price'],
      ['Late', 'Price'],
    ]);
    expect(rows.find((r) => r.name === 'Hooli')!.lostReason).toBeNull();
    expect(rows.find((r) => r.name === 'Winner')!.lostReason).toBeNull();
  });

  it('lists exactly the live deals behind each figure of the report', async () => {
    const scope = { pipeline: toPublicId('pipeline', p.pipeline.id), owner: null, from: PERIOD.from, to: PERIOD.to };
    const search = (href: string) => href.slice(href.indexOf('?') + 1);
    const sortedNames = async (href: string) => (await names(search(href))).names.sort();
    expect(await sortedNames(lostDealsHref(scope))).toEqual(['Acme', 'Early', 'Globex', 'Hooli', 'Initech', 'Umbrella']); // Soylent is deleted
    expect(await sortedNames(lostDealsHref(scope, { reason: 'Price' }))).toEqual(['Acme', 'Globex', 'Umbrella']); // Late is after the period
    expect(await sortedNames(lostDealsHref(scope, { reason: null }))).toEqual(['Hooli']);
    expect(await sortedNames(lostDealsHref(scope, { lostFrom: toPublicId('stage', stageId(0)) }))).toEqual(['Early', 'Hooli']);
    expect(await sortedNames(lostDealsHref(scope, { lostFrom: toPublicId('stage', stageId(2)) }))).toEqual(['Globex', 'Umbrella']);
    expect(await sortedNames(lostDealsHref(scope, { owner: toPublicId('user', riley.id) }))).toEqual(['Globex', 'Umbrella']);
    expect(await sortedNames(lostDealsHref(scope, { month: new Date(Date.UTC(2026, 1, 1)) }))).toEqual(['Initech']);
    expect(lostDealsHref(scope, { month: new Date(Date.UTC(2026, 1, 1)) })).toContain('closed_from=2026-02-01&closed_to=2026-02-28');
  });

  it('GET /api/v1/deals filters by loss reason too', async () => {
    const list = async (reason: string) => {
      const answer = await call(
        dealsRoute.GET,
        'GET',
        `/api/v1/deals?pipeline_id=${toPublicId('pipeline', p.pipeline.id)}&lost_reason=${encodeURIComponent(reason)}&sort=name`,
        {
          key: repKey,
        },
      );
      expect(answer.status).toBe(200);
      return answer.json.data.map((d: { name: string }) => d.name);
    };
    expect(await list('Price')).toEqual(['Acme', 'Globex', 'Late', 'Umbrella']);
    expect(await list(NO_LOSS_REASON)).toEqual(['Hooli']);
    const blank = await call(dealsRoute.GET, 'GET', '/api/v1/deals?lost_reason=', { key: repKey });
    expect(blank.status).toBe(400);
  });

  it('offers the reasons live lost deals carry, most used first (free text included)', async () => {
    // Price: Acme, Globex, Umbrella, Late, Elsewhere; Timing: Initech (Soylent is deleted); Competitor: Early
    expect(await listLossReasonsInUse({ ctx, input: { limit: 10 } })).toEqual(['Price', 'Competitor', 'Timing']);
    expect(await listLossReasonsInUse({ ctx, input: { limit: 1 } })).toEqual(['Price']);
  });
});

// last: its exchange rates would convert the EUR deal of the cases above
describe('values in the home currency', () => {
  let c: Pipeline;
  const cPeriod = PERIOD;
  const lostOn = (n: number) => Date.UTC(2026, 0, n);
  beforeAll(async () => {
    c = await createPipelineFixture('Converted', ['Qualified', 'Won', 'Lost']);
    // 1 EUR = 1.10 USD from 20 Jan, 1.20 USD from 1 Feb; no GBP rate at all
    await db.exchangeRate.createMany({
      data: [
        { base: 'USD', currency: 'EUR', rate: '1.1', validFrom: new Date(Date.UTC(2026, 0, 20)) },
        { base: 'USD', currency: 'EUR', rate: '1.2', validFrom: new Date(Date.UTC(2026, 1, 1)) },
      ],
    });
    const lost = async (name: string, value: number, currency: string, at: number, reason: string) => {
      const id = await deal(name, {
        pipeline: c,
        path: [
          { at: -20, stage: 0 },
          { at: (at - DAY0) / DAY, stage: 2 },
        ],
        value,
        currency,
        reason,
      });
      return id;
    };
    await lost('USD deal', 1000, 'USD', lostOn(10), 'Price');
    // two EUR deals on 25 Jan: 1005 × 1.1 = 1105.5 each, rounded half up per deal → 1106 + 1106 (not 2211 from the sum)
    await lost('EUR deal 1', 1005, 'EUR', lostOn(25), 'Price');
    await lost('EUR deal 2', 1005, 'EUR', lostOn(25), 'Price');
    // 3 Feb, the February rate: 1005 × 1.2 = 1206
    await lost('EUR deal 3', 1005, 'EUR', Date.UTC(2026, 1, 3), 'Timing');
    // before EUR's first rate, and a currency without any rate: apart
    await lost('Early EUR deal', 300, 'EUR', lostOn(10), 'Price');
    await lost('GBP deal', 700, 'GBP', lostOn(12), 'Timing');
  });

  it('converts each deal at the rate in force on the day it was lost, then sums; deals without a rate stay apart, named', async () => {
    const report = await getLostDealsReport({ ctx, input: { pipelineId: c.pipeline.id, period: cPeriod } });
    expect(report.currency).toBe('USD');
    const early = { currency: 'EUR', count: 1, value: 300n, reason: 'no EUR rate before 2026-01-20' };
    const gbp = { currency: 'GBP', count: 1, value: 700n, reason: 'no GBP rate' };
    expect(report.total.converted).toEqual({ currency: 'USD', value: 4418n, unconverted: [early, gbp] });
    expect(report.reasons.map((r) => [r.reason, r.count, r.converted])).toEqual([
      ['Price', 4, { currency: 'USD', value: 3212n, unconverted: [early] }],
      ['Timing', 2, { currency: 'USD', value: 1206n, unconverted: [gbp] }],
    ]);
    expect(report.months.map((m) => m.converted?.value)).toEqual([3212n, 1206n]);
    // the rates the converted deals used: January's for 25 Jan, February's for 3 Feb
    expect(report.ratesUsed).toEqual([
      { currency: 'EUR', rate: '1.1', validFrom: '2026-01-20' },
      { currency: 'EUR', rate: '1.2', validFrom: '2026-02-01' },
    ]);
    // the per-currency figures stay available
    expect(report.total.value).toEqual({ EUR: 3315n, GBP: 700n, USD: 1000n });
  });

  it('answers the converted figures through the API, and in another currency on request', async () => {
    const answer = await call(
      lostReasonsRoute.GET,
      'GET',
      `/api/v1/reports/lost-reasons?pipeline_id=${toPublicId('pipeline', c.pipeline.id)}&from=2026-01-01&to=2026-02-28`,
      {
        key: repKey,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.total.converted).toEqual({
      currency: 'USD',
      value: 4418,
      unconverted: [
        { currency: 'EUR', count: 1, value: 300, reason: 'no EUR rate before 2026-01-20' },
        { currency: 'GBP', count: 1, value: 700, reason: 'no GBP rate' },
      ],
    });
    expect(answer.json.data.rates_used).toEqual([
      { currency: 'EUR', rate: '1.1', valid_from: '2026-01-20' },
      { currency: 'EUR', rate: '1.2', valid_from: '2026-02-01' },
    ]);
    const inEuros = await call(
      lostReasonsRoute.GET,
      'GET',
      `/api/v1/reports/lost-reasons?pipeline_id=${toPublicId('pipeline', c.pipeline.id)}&from=2026-01-01&to=2026-02-28&currency=EUR`,
      { key: repKey },
    );
    expect(inEuros.status).toBe(200);
    // EUR deals convert at 1 on any day; the USD deal (10 Jan) had no EUR rate to go through
    expect(inEuros.json.data).toMatchObject({ currency: 'EUR' });
    expect(inEuros.json.data.total.converted).toEqual({
      currency: 'EUR',
      value: 3315,
      unconverted: [
        { currency: 'GBP', count: 1, value: 700, reason: 'no GBP rate' },
        { currency: 'USD', count: 1, value: 1000, reason: 'no EUR rate before 2026-01-20' },
      ],
    });
    // converting EUR into EUR needs no rate
    expect(inEuros.json.data.rates_used).toEqual([]);
  });
});
