import { beforeAll, describe, expect, it } from 'vitest';
import * as forecastRoute from '../../app/api/v1/reports/forecast/route';
import * as movementRoute from '../../app/api/v1/reports/movement/route';
import * as snapshotRoute from '../../app/api/v1/reports/snapshot/route';
import { reportCsvRows } from '../../app/(app)/reports/_lib/report-csv';
import { conversionOn, convertMinorUnits } from '../../lib/currency/convert-money';
import { db } from '../../lib/db';
import type { ServiceContext } from '../../lib/services/context';
import { loadExchangeRateTable } from '../../lib/services/currency/load-exchange-rate-table';
import { putExchangeRates } from '../../lib/services/exchange-rates/put-exchange-rates';
import { getForecastReport } from '../../lib/services/reports/get-forecast-report';
import { getMovementReport } from '../../lib/services/reports/get-movement-report';
import { getPipelineSnapshot } from '../../lib/services/reports/get-pipeline-snapshot';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Converted report figures on a hand-computed history. Home currency USD; EUR is 1.10 from
// 2026-01-01 and 1.20 from 2026-03-01, GBP 1.25 from 2026-02-01, CHF has no rate. Every deal
// converts at the rate of its own day (a move: the move's day; a win: the close date; open deals
// in the forecast: today; the snapshot: its day), rounded half up per deal, then summed.
//
//   #1 EUR 1,000.00  new Feb 10 (Qualified)      → Contact Made Mar 05   open, expected close Apr 10
//   #2 EUR   333.33  new Feb 20 (Qualified)      → Won Mar 10
//   #3 CHF   700.00  new Feb 15 (Qualified)                              open, expected close Apr 10
//   #4 GBP   500.00  new Jan 20 (Qualified)      → Contact Made Feb 05   open, expected close Mar 20
//   #5 USD   100.00  new Mar 02 (Qualified)                              open, no expected close
//   #6 EUR   100.00  new Feb 01 (Qualified)      → Won Feb 20

type Pipeline = Awaited<ReturnType<typeof createPipelineFixture>>;
let ctx: ServiceContext;
let key: string;
let p: Pipeline;
const ids: number[] = [];
const at = (day: string) => new Date(`${day}T12:00:00Z`);

interface Fixture {
  currency: string;
  value: number;
  /** [day, stage index]; the first is the creation */
  path: [string, number][];
  expectedClose?: string;
}

async function deal(fixture: Fixture): Promise<number> {
  const [lastDay, lastIndex] = fixture.path[fixture.path.length - 1]!;
  const stage = p.stages[lastIndex]!;
  const created = await db.deal.create({
    data: {
      name: `${fixture.currency} ${fixture.value}`,
      pipelineId: p.pipeline.id,
      stageId: stage.id,
      value: BigInt(fixture.value),
      currency: fixture.currency,
      status: stage.outcome ?? 'open',
      ownerId: ctx.user.id,
      createdAt: at(fixture.path[0]![0]),
      stageEnteredAt: at(lastDay),
      expectedClose: fixture.expectedClose ? at(fixture.expectedClose) : null,
      closedAt: stage.outcome ? at(lastDay) : null,
    },
    select: { id: true },
  });
  await db.stageHistory.createMany({
    data: fixture.path.map(([day, index], i) => ({
      dealId: created.id,
      fromStageId: i === 0 ? null : p.stages[fixture.path[i - 1]![1]]!.id,
      fromPipelineId: i === 0 ? null : p.pipeline.id,
      toStageId: p.stages[index]!.id,
      toPipelineId: p.pipeline.id,
      changedAt: at(day),
      changedById: ctx.user.id,
      value: BigInt(fixture.value),
      currency: fixture.currency,
      probability: p.stages[index]!.probability,
    })),
  });
  return created.id;
}

/** One deal's value converted on `day` into `target` with the pure conversion (null: no rate). */
async function convertedOn(value: number, currency: string, day: string, target = 'USD'): Promise<bigint | null> {
  const conversion = conversionOn(await loadExchangeRateTable(), currency, target, day);
  return conversion.ok ? convertMinorUnits(BigInt(value), conversion.factor) : null;
}

const sum = (values: (bigint | null)[]) => values.reduce<bigint>((total, v) => total + (v ?? 0n), 0n);
const MOVEMENT_PERIOD = { from: new Date('2026-01-15T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

beforeAll(async () => {
  const manager = await createUserWithKey('manager');
  ctx = { user: manager.user, source: 'api' };
  key = manager.key;
  p = await createPipelineFixture('Currencies');
  await putExchangeRates({
    ctx,
    input: {
      rates: [
        { currency: 'EUR', rate: '1.10', valid_from: '2026-01-01' },
        { currency: 'EUR', rate: '1.20', valid_from: '2026-03-01' },
        { currency: 'GBP', rate: '1.25', valid_from: '2026-02-01' },
      ],
    },
  });
  // Qualified 20 %, Contact Made 40 %, Proposal Sent 60 %, Won, Lost
  ids.push(
    await deal({
      currency: 'EUR',
      value: 100_000,
      path: [
        ['2026-02-10', 0],
        ['2026-03-05', 1],
      ],
      expectedClose: '2026-04-10',
    }),
    await deal({
      currency: 'EUR',
      value: 33_333,
      path: [
        ['2026-02-20', 0],
        ['2026-03-10', 3],
      ],
    }),
    await deal({ currency: 'CHF', value: 70_000, path: [['2026-02-15', 0]], expectedClose: '2026-04-10' }),
    await deal({
      currency: 'GBP',
      value: 50_000,
      path: [
        ['2026-01-20', 0],
        ['2026-02-05', 1],
      ],
      expectedClose: '2026-03-20',
    }),
    await deal({ currency: 'USD', value: 10_000, path: [['2026-03-02', 0]] }),
    await deal({
      currency: 'EUR',
      value: 10_000,
      path: [
        ['2026-02-01', 0],
        ['2026-02-20', 3],
      ],
    }),
  );
});

describe('movement, converted at each move’s day', () => {
  it('sums the moves converted one by one, naming the currencies without a rate', async () => {
    const report = await getMovementReport({ ctx, input: { pipelineId: p.pipeline.id, period: MOVEMENT_PERIOD } });
    const total = (direction: string) => report.totals.find((t) => t.direction === direction)!;
    // new: #1 100000 × 1.10 = 110000, #2 33333 × 1.10 = 36666.3 → 36666, #5 10000, #6 10000 × 1.10 = 11000;
    // #3 CHF has no rate at all, #4 GBP was created before its first rate
    expect(total('new').converted).toEqual({
      currency: 'USD',
      value: 167_666n,
      unconverted: [
        { currency: 'CHF', count: 1, value: 70_000n, reason: 'no CHF rate' },
        { currency: 'GBP', count: 1, value: 50_000n, reason: 'no GBP rate before 2026-02-01' },
      ],
    });
    expect(total('new').value).toEqual({ CHF: 70_000n, EUR: 143_333n, GBP: 50_000n, USD: 10_000n });
    // forward: #1 on Mar 05 at 1.20 = 120000, #4 on Feb 05 at 1.25 = 62500
    expect(total('forward').converted).toEqual({ currency: 'USD', value: 182_500n, unconverted: [] });
    // won: #2 on Mar 10 at 1.20 = 39999.6 → 40000, #6 on Feb 20 at 1.10 = 11000
    expect(total('won').converted).toEqual({ currency: 'USD', value: 51_000n, unconverted: [] });
    // the same figures from the pure conversion, deal by deal
    expect(total('new').converted.value).toBe(
      sum([
        await convertedOn(100_000, 'EUR', '2026-02-10'),
        await convertedOn(33_333, 'EUR', '2026-02-20'),
        await convertedOn(10_000, 'USD', '2026-03-02'),
        await convertedOn(10_000, 'EUR', '2026-02-01'),
      ]),
    );
    expect(total('won').converted.value).toBe(sum([await convertedOn(33_333, 'EUR', '2026-03-10'), await convertedOn(10_000, 'EUR', '2026-02-20')]));
    // a cell and the matrix's row and column sums carry their own converted figures
    const qualifiedToContact = report.cells.find((c) => c.fromStageId === p.stages[0]!.id && c.toStageId === p.stages[1]!.id)!;
    expect(qualifiedToContact.converted.value).toBe(182_500n);
    const wonColumn = report.columnTotals.find((c) => c.toStageId === p.stages[3]!.id)!;
    expect(wonColumn.converted.value).toBe(51_000n);
    expect(report.rowTotals.find((r) => r.fromStageId === null && r.fromPipelineId === null)!.converted.value).toBe(167_666n);
    expect(report.ratesUsed).toEqual([
      { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' },
      { currency: 'EUR', rate: '1.2', validFrom: '2026-03-01' },
      { currency: 'GBP', rate: '1.25', validFrom: '2026-02-01' },
    ]);
  });

  it('answers converted figures in EUR through the API, and refuses an unknown currency with a 400', async () => {
    const path = `/api/v1/reports/movement?pipeline_id=${p.pipelineId}&from=2026-01-15&to=2026-03-31&currency=eur`;
    const answer = await call(movementRoute.GET, 'GET', path, { key });
    expect(answer.status).toBe(200);
    const totals = answer.json.data.totals as { direction: string; value: Record<string, number>; converted: unknown }[];
    const newDeals = totals.find((t) => t.direction === 'new')!;
    // the per-currency figure is unchanged; EUR stays, USD 10000 / 1.20 = 8333.3 → 8333
    expect(newDeals.value).toEqual({ CHF: 70_000, EUR: 143_333, GBP: 50_000, USD: 10_000 });
    expect(newDeals.converted).toEqual({
      currency: 'EUR',
      value: 151_666,
      unconverted: [
        { currency: 'CHF', count: 1, value: 70_000, reason: 'no CHF rate' },
        { currency: 'GBP', count: 1, value: 50_000, reason: 'no GBP rate before 2026-02-01' },
      ],
    });
    // GBP → EUR on Feb 05: 50000 × 1.25 / 1.10 = 56818.18 → 56818
    expect(totals.find((t) => t.direction === 'forward')!.converted).toEqual({ currency: 'EUR', value: 156_818, unconverted: [] });
    expect(answer.json.data.rates_used).toEqual([
      { currency: 'EUR', rate: '1.1', valid_from: '2026-01-01' },
      { currency: 'EUR', rate: '1.2', valid_from: '2026-03-01' },
      { currency: 'GBP', rate: '1.25', valid_from: '2026-02-01' },
    ]);

    for (const bad of ['XYZ', 'euro', '']) {
      const refused = await call(movementRoute.GET, 'GET', `/api/v1/reports/movement?pipeline_id=${p.pipelineId}&currency=${bad}`, { key });
      expect(refused.status).toBe(400);
      expect(refused.json.error.details).toEqual([expect.objectContaining({ path: 'currency' })]);
    }
    const forecast = await call(forecastRoute.GET, 'GET', `/api/v1/reports/forecast?currency=ZZZ`, { key });
    expect(forecast.status).toBe(400);
  });
});

describe('forecast, open deals at today’s rates and wins at their close date’s', () => {
  it('converts each deal, weights it, and names the currencies without a rate', async () => {
    const report = await getForecastReport({
      ctx,
      input: { pipelineId: p.pipeline.id, period: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') }, now: at('2026-03-15') },
    });
    const chf = { currency: 'CHF', count: 1, value: 70_000n, reason: 'no CHF rate' };
    // open on Mar 15: #1 EUR 100000 × 1.20 = 120000 (40 %: 48000), #4 GBP 50000 × 1.25 = 62500 (40 %: 25000), #3 CHF apart (20 %: 14000)
    expect(report.totals.open.converted).toEqual({ currency: 'USD', value: 182_500n, unconverted: [chf] });
    expect(report.totals.open.convertedWeighted).toEqual({ currency: 'USD', value: 73_000n, unconverted: [{ ...chf, value: 14_000n }] });
    // won: #2 on Mar 10 at 1.20 → 40000, #6 on Feb 20 at 1.10 → 11000
    expect(report.totals.won.converted).toEqual({ currency: 'USD', value: 51_000n, unconverted: [] });
    expect(report.totals.won.value).toEqual({ EUR: 43_333n });
    const month = (m: string) => report.months.find((x) => x.month.toISOString().startsWith(m))!;
    expect(month('2026-02').won.converted.value).toBe(11_000n);
    expect(month('2026-03').won.converted.value).toBe(40_000n);
    expect(month('2026-03').open.converted.value).toBe(62_500n);
    expect(month('2026-04').open.converted).toEqual({ currency: 'USD', value: 120_000n, unconverted: [chf] });
    // #5 USD has no expected close
    expect(report.noExpectedClose.converted).toEqual({ currency: 'USD', value: 10_000n, unconverted: [] });
    expect(report.noExpectedClose.convertedWeighted.value).toBe(2_000n);
    expect(report.totals.open.converted.value).toBe(sum([await convertedOn(100_000, 'EUR', '2026-03-15'), await convertedOn(50_000, 'GBP', '2026-03-15')]));
    expect(report.ratesUsed).toEqual([
      { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' },
      { currency: 'EUR', rate: '1.2', validFrom: '2026-03-01' },
      { currency: 'GBP', rate: '1.25', validFrom: '2026-02-01' },
    ]);
  });

  it('converts into EUR on request', async () => {
    const report = await getForecastReport({
      ctx,
      input: {
        pipelineId: p.pipeline.id,
        period: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') },
        now: at('2026-03-15'),
        currency: 'EUR',
      },
    });
    // #1 stays 100000; #4 GBP 50000 × 1.25 / 1.20 = 52083.33 → 52083; wins are EUR already
    expect(report.totals.open.converted.value).toBe(152_083n);
    expect(report.totals.won.converted).toEqual({ currency: 'EUR', value: 43_333n, unconverted: [] });
    // #5 USD 10000 / 1.20 = 8333.3 → 8333
    expect(report.noExpectedClose.converted.value).toBe(8_333n);
  });
});

describe('snapshot, converted at the rates of its day', () => {
  it('converts the board as of Feb 25 at that day’s rates', async () => {
    const snapshot = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: new Date('2026-02-26T00:00:00Z') } });
    const column = (index: number) => snapshot.columns.find((c) => c.stageId === p.stages[index]!.id)!;
    // Qualified: #1 110000 + #2 36666 (+ #3 CHF apart); Contact Made: #4 62500; Won: #6 11000
    expect(column(0).converted).toEqual({
      currency: 'USD',
      value: 146_666n,
      unconverted: [{ currency: 'CHF', count: 1, value: 70_000n, reason: 'no CHF rate' }],
    });
    expect(column(1).converted.value).toBe(62_500n);
    expect(column(3).converted.value).toBe(11_000n);
    expect(snapshot.totals.converted.value).toBe(220_166n);
    expect(column(0).deals.map((d) => [d.currency, d.converted])).toEqual([
      ['EUR', 110_000n],
      ['CHF', null],
      ['EUR', 36_666n],
    ]);
    expect(snapshot.ratesUsed).toEqual([
      { currency: 'EUR', rate: '1.1', validFrom: '2026-01-01' },
      { currency: 'GBP', rate: '1.25', validFrom: '2026-02-01' },
    ]);
  });

  it('names a currency whose first rate came after the snapshot’s day, through the API', async () => {
    const answer = await call(snapshotRoute.GET, 'GET', `/api/v1/reports/snapshot?pipeline_id=${p.pipelineId}&as_of=2026-01-25`, { key });
    expect(answer.status).toBe(200);
    expect(answer.json.data.value).toEqual({ GBP: 50_000 });
    expect(answer.json.data.converted).toEqual({
      currency: 'USD',
      value: 0,
      unconverted: [{ currency: 'GBP', count: 1, value: 50_000, reason: 'no GBP rate before 2026-02-01' }],
    });
    expect(answer.json.data.rates_used).toEqual([]);
  });
});

describe('CSV downloads', () => {
  const days = { asOf: '2026-02-25', compare: '2026-01-26' };

  it('lead with the converted columns, name what has no rate and end with the rates used', async () => {
    const movement = await getMovementReport({ ctx, input: { pipelineId: p.pipeline.id, period: MOVEMENT_PERIOD } });
    const rows = reportCsvRows({ slug: 'movement', report: movement }, days);
    expect(rows[0]).toEqual(['from', 'to', 'direction', 'moves', 'Value (USD)', 'Unconverted', 'currency', 'value']);
    const newDeals = rows.filter((row) => row[0] === '(new deal)');
    // the cell's first row carries the converted figure; the per-currency rows follow
    expect(newDeals).toEqual([
      ['(new deal)', 'Qualified', 'new', 6, '1676.66', 'CHF 700.00 (1 deal): no CHF rate; GBP 500.00 (1 deal): no GBP rate before 2026-02-01', 'CHF', '700.00'],
      ['(new deal)', 'Qualified', 'new', null, null, null, 'EUR', '1433.33'],
      ['(new deal)', 'Qualified', 'new', null, null, null, 'GBP', '500.00'],
      ['(new deal)', 'Qualified', 'new', null, null, null, 'USD', '100.00'],
    ]);
    const rates = rows.findIndex((row) => row[0] === 'converted_to');
    expect(rows.slice(rates)).toEqual([
      ['converted_to', 'rate_currency', 'rate', 'valid_from'],
      ['USD', 'EUR', '1.1', '2026-01-01'],
      ['USD', 'EUR', '1.2', '2026-03-01'],
      ['USD', 'GBP', '1.25', '2026-02-01'],
    ]);
  });

  it('carry the forecast’s and the snapshot’s converted figures', async () => {
    const forecast = await getForecastReport({
      ctx,
      input: { pipelineId: p.pipeline.id, period: { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') }, now: at('2026-03-15') },
    });
    const rows = reportCsvRows({ slug: 'forecast', report: forecast }, days);
    expect(rows[0]!.slice(0, 6)).toEqual(['month', 'Open value (USD)', 'Weighted (USD)', 'Won value (USD)', 'Unconverted', 'currency']);
    expect(rows.filter((row) => row[0] === '2026-04')[0]!.slice(0, 6)).toEqual([
      '2026-04',
      '1200.00',
      '480.00',
      '0.00',
      'open: CHF 700.00 (1 deal): no CHF rate',
      'CHF',
    ]);
    expect(rows.filter((row) => row[0] === '2026-03')[0]!.slice(0, 5)).toEqual(['2026-03', '625.00', '250.00', '400.00', null]);

    const snapshot = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: new Date('2026-02-26T00:00:00Z'), dealsPerStage: 0 } });
    const snapshotRows = reportCsvRows({ slug: 'snapshot', report: snapshot, changes: emptyChanges(snapshot) }, days);
    expect(snapshotRows[0]).toEqual(['as_of', 'stage', 'deals', 'Value (USD)', 'Unconverted', 'currency', 'value']);
    expect(snapshotRows[1]).toEqual(['2026-02-25', 'Qualified', 3, '1466.66', 'CHF 700.00 (1 deal): no CHF rate', 'CHF', '700.00']);
  });
});

function emptyChanges(snapshot: Awaited<ReturnType<typeof getPipelineSnapshot>>) {
  return {
    scope: snapshot.scope,
    stages: snapshot.stages,
    from: snapshot.asOf,
    to: snapshot.asOf,
    summary: [],
    slipped: { count: 0, value: {} },
    total: 0,
    deals: [],
  };
}
