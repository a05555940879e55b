import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import type { ServiceContext } from '../../lib/services/context';
import { getForecastReport } from '../../lib/services/reports/get-forecast-report';
import { getFunnelReport } from '../../lib/services/reports/get-funnel-report';
import { getMovementReport } from '../../lib/services/reports/get-movement-report';
import { getPipelineSnapshot } from '../../lib/services/reports/get-pipeline-snapshot';
import { getSnapshotChanges } from '../../lib/services/reports/get-snapshot-changes';
import { getStageDurationsReport } from '../../lib/services/reports/get-stage-durations-report';
import { createPipelineFixture } from '../setup/api';

// The reports on hand-computed histories. Deals and their stage-history rows are written straight
// to the database (fixtures, not services), at known days, so every expected number below can be
// worked out by hand from the paths written next to it.

const DAY = 86_400_000;
const DAY0 = Date.UTC(2026, 0, 5); // a Monday
const day = (n: number) => new Date(DAY0 + n * DAY);

let ctx: ServiceContext;
let otherOwner: { id: number };

beforeAll(async () => {
  const user = await db.user.create({
    data: { email: 'manager@reports.test', name: 'Maya Manager', role: 'manager' },
    select: { id: true, name: true, email: true, role: true },
  });
  ctx = { user, source: 'api' };
  otherOwner = await db.user.create({ data: { email: 'rep@reports.test', name: 'Riley Rep', role: 'rep' }, select: { id: true } });
});

type Pipeline = Awaited<ReturnType<typeof createPipelineFixture>>;

interface DealFixture {
  pipeline: Pipeline;
  /** [day, stage index in `pipeline` (or another pipeline's stage via `to`), value?] in order; the first is the creation */
  path: { at: number; stage: number; pipeline?: Pipeline; value?: number }[];
  currency?: string;
  value?: number;
  ownerId?: number | null;
  status?: 'open' | 'won' | 'lost' | 'stalled';
  deletedAt?: Date | null;
  expectedClose?: Date | null;
  closedAt?: Date | null;
}

let dealCounter = 0;

/** A deal whose current state is the end of its path, with one history row per step. */
async function deal(fixture: DealFixture): Promise<number> {
  dealCounter += 1;
  const last = fixture.path[fixture.path.length - 1]!;
  const lastPipeline = last.pipeline ?? fixture.pipeline;
  const lastStage = lastPipeline.stages[last.stage]!;
  const created = await db.deal.create({
    data: {
      name: `Deal ${dealCounter}`,
      pipelineId: lastPipeline.pipeline.id,
      stageId: lastStage.id,
      value: BigInt(fixture.value ?? last.value ?? 1000),
      currency: fixture.currency ?? 'USD',
      status: fixture.status ?? lastStage.outcome ?? 'open',
      ownerId: fixture.ownerId === undefined ? ctx.user.id : fixture.ownerId,
      createdAt: day(fixture.path[0]!.at),
      stageEnteredAt: day(last.at),
      deletedAt: fixture.deletedAt ?? null,
      expectedClose: fixture.expectedClose ?? null,
      closedAt: fixture.closedAt ?? (lastStage.outcome ? day(last.at) : null),
    },
    select: { id: true },
  });
  await db.stageHistory.createMany({
    data: fixture.path.map((step, i) => {
      const pipeline = step.pipeline ?? fixture.pipeline;
      const previous = i === 0 ? null : fixture.path[i - 1]!;
      const previousPipeline = previous ? (previous.pipeline ?? fixture.pipeline) : null;
      const stage = pipeline.stages[step.stage]!;
      return {
        dealId: created.id,
        fromStageId: previous ? previousPipeline!.stages[previous.stage]!.id : null,
        fromPipelineId: previousPipeline ? previousPipeline.pipeline.id : null,
        toStageId: stage.id,
        toPipelineId: pipeline.pipeline.id,
        changedAt: day(step.at),
        changedById: ctx.user.id,
        value: BigInt(step.value ?? fixture.value ?? 1000),
        currency: fixture.currency ?? 'USD',
        probability: stage.probability,
      };
    }),
  });
  return created.id;
}

const SECONDS_PER_DAY = 86_400;
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('time in stage', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await createPipelineFixture('Durations', ['A', 'B', 'C', 'D', 'Won', 'Lost']);
  });

  it('adds up a deal’s stays: A on day 0, B on day 3, back to A on day 5, C on day 10 → 8 days in A, 2 in B', async () => {
    await deal({
      pipeline: p,
      path: [
        { at: 0, stage: 0 },
        { at: 3, stage: 1 },
        { at: 5, stage: 0 },
        { at: 10, stage: 2 },
      ],
    });
    const report = await getStageDurationsReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(0), to: day(20) }, now: day(20) } });
    const [a, b, c] = [0, 1, 2].map((i) => report.durations.find((d) => d.stageId === p.stages[i]!.id)!);
    expect(a).toMatchObject({ deals: 1, stays: 2, medianSeconds: 8 * SECONDS_PER_DAY, p75Seconds: 8 * SECONDS_PER_DAY, meanSeconds: 8 * SECONDS_PER_DAY });
    expect(b).toMatchObject({ deals: 1, stays: 1, medianSeconds: 2 * SECONDS_PER_DAY, p75Seconds: 2 * SECONDS_PER_DAY, meanSeconds: 2 * SECONDS_PER_DAY });
    // C's stay has not ended: no closed stay, but the deal sits there now
    expect(c).toMatchObject({ deals: 0, stays: 0, medianSeconds: null, currentDeals: 1 });
    // won/lost stages are not stages deals "spend time" in
    expect(report.durations.map((d) => d.stageId)).toEqual(p.stages.slice(0, 4).map((s) => s.id));
  });
});

describe('time in stage over a period', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await createPipelineFixture('Durations 2', ['A', 'B', 'C', 'Won', 'Lost']);
    await db.stage.update({ where: { id: p.stages[1]!.id }, data: { rottingDays: 5 } });
    // stays in A that end in [day 10, day 30): 4 days (x), 12 days begun before the period (y), 8 = 3 + 5 (z)
    await deal({
      pipeline: p,
      path: [
        { at: 10, stage: 0 },
        { at: 14, stage: 1 },
        { at: 20, stage: 2 },
      ],
    }); // x: A 4, B 6
    await deal({
      pipeline: p,
      path: [
        { at: 0, stage: 0 },
        { at: 12, stage: 1 },
      ],
    }); // y: A 12 (started before), now in B since day 12
    await deal({
      pipeline: p,
      path: [
        { at: 11, stage: 0 },
        { at: 14, stage: 1 },
        { at: 16, stage: 0 },
        { at: 21, stage: 3 },
      ],
    }); // z: A 3+5, B 2
    // a stay that ends after the period does not count; one that ended before it neither
    await deal({
      pipeline: p,
      path: [
        { at: 25, stage: 0 },
        { at: 31, stage: 1 },
        { at: 33, stage: 2 },
      ],
    });
    await deal({
      pipeline: p,
      path: [
        { at: 1, stage: 0 },
        { at: 3, stage: 1 },
        { at: 5, stage: 2 },
      ],
    });
    // a deleted deal's history still counts: B for 10 days
    await deal({
      pipeline: p,
      path: [
        { at: 12, stage: 1 },
        { at: 22, stage: 2 },
      ],
      deletedAt: day(23),
    });
    // w: A 1 day, B 2 days, back in A at the end of the period (an open stay: not counted)
    await deal({
      pipeline: p,
      path: [
        { at: 12, stage: 0 },
        { at: 13, stage: 1 },
        { at: 15, stage: 0 },
        { at: 35, stage: 2 },
      ],
    });
  });

  it('takes median, 75th percentile and mean per stage over deals whose stays ended in the period', async () => {
    const report = await getStageDurationsReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(10), to: day(30) }, now: day(40) } });
    const a = report.durations.find((d) => d.stageId === p.stages[0]!.id)!;
    const b = report.durations.find((d) => d.stageId === p.stages[1]!.id)!;
    // A: 1 (w), 4 (x), 8 (z), 12 (y) → median 6, p75 9 (percentile_cont: 8 + 0.25 × 4), mean 6.25
    expect(a).toMatchObject({ deals: 4, stays: 5, medianSeconds: 6 * SECONDS_PER_DAY, p75Seconds: 9 * SECONDS_PER_DAY, meanSeconds: 6.25 * SECONDS_PER_DAY });
    // B: 2 (w), 2 (z), 6 (x), 10 (deleted) → median 4, p75 7, mean 5
    expect(b).toMatchObject({ deals: 4, stays: 4, medianSeconds: 4 * SECONDS_PER_DAY, p75Seconds: 7 * SECONDS_PER_DAY, meanSeconds: 5 * SECONDS_PER_DAY });
  });

  it('lists the deals sitting in a stage longer than its 75th percentile or rotting days', async () => {
    const report = await getStageDurationsReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(10), to: day(30) }, now: day(40) } });
    const b = report.durations.find((d) => d.stageId === p.stages[1]!.id)!;
    // y has sat in B since day 12: 28 days > p75 (7) and > rotting (5); the day-31 deal moved on to C
    expect(b).toMatchObject({ currentDeals: 1, overP75: 1, rotting: 1, stuck: 1 });
    expect(report.stuckDeals.map((d) => [d.stageId, Math.round(d.secondsInStage / SECONDS_PER_DAY), d.overP75, d.rotting])).toEqual([
      [p.stages[1]!.id, 28, true, true],
    ]);
    expect(report.stuckTotal).toBe(1);
  });

  it('filters by the deals’ current owner', async () => {
    await deal({
      pipeline: p,
      path: [
        { at: 10, stage: 0 },
        { at: 11, stage: 1 },
        { at: 12, stage: 2 },
      ],
      ownerId: otherOwner.id,
    });
    const report = await getStageDurationsReport({
      ctx,
      input: { pipelineId: p.pipeline.id, ownerId: otherOwner.id, period: { from: day(10), to: day(30) }, now: day(40) },
    });
    expect(report.durations.find((d) => d.stageId === p.stages[0]!.id)).toMatchObject({ deals: 1, medianSeconds: SECONDS_PER_DAY });
    expect(report.durations.find((d) => d.stageId === p.stages[1]!.id)).toMatchObject({ deals: 1, medianSeconds: SECONDS_PER_DAY, currentDeals: 0 });
  });
});

describe('funnel', () => {
  let p: Pipeline;
  const S1 = 0;
  const S2 = 1;
  const S3 = 2;
  const WON = 3;
  const LOST = 4;
  beforeAll(async () => {
    p = await createPipelineFixture('Funnel', ['S1', 'S2', 'S3', 'Won', 'Lost']);
    const o1 = ctx.user.id;
    const o2 = otherOwner.id;
    // ten deals entering S1 in the period [day 0, day 10), with known paths; moves after the period still count
    const paths: [number, number[]][] = [
      [o1, [S1, S2, S3, WON]], // d1
      [o1, [S1, S2, S3, WON]], // d2
      [o1, [S1, S2, S3, LOST]], // d3
      [o1, [S1, S2, LOST]], // d4
      [o1, [S1, S2]], // d5
      [o2, [S1, S3, WON]], // d6 skips S2
      [o2, [S1, LOST]], // d7
      [o2, [S1, LOST]], // d8
      [o2, [S1]], // d9
      [o2, [S1, S2, S1, S2, S3]], // d10 back and forth
    ];
    for (const [i, [owner, stages]] of paths.entries()) {
      await deal({ pipeline: p, ownerId: owner, path: stages.map((stage, k) => ({ at: 1 + (i % 3) + k * 4, stage })) });
    }
    // outside the cohorts: entered S1 before the period; created after it
    await deal({
      pipeline: p,
      path: [
        { at: -5, stage: S1 },
        { at: -2, stage: S2 },
      ],
    });
    await deal({
      pipeline: p,
      path: [
        { at: 12, stage: S1 },
        { at: 13, stage: WON },
      ],
    });
  });

  it('gives the known rates of ten deals with known paths', async () => {
    const report = await getFunnelReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(0), to: day(10) } } });
    const step = (i: number) => report.steps.find((s) => s.stageId === p.stages[i]!.id);
    // S1: all 10; 7 reached S2 or beyond (d1–d6, d10); 5 reached S3 or beyond; 3 won; 4 lost
    expect(step(S1)).toMatchObject({ entered: 10, reachedNext: 7, won: 3, lost: 4 });
    expect(step(S1)!.reached).toEqual([
      { stageId: p.stages[S2]!.id, count: 7 },
      { stageId: p.stages[S3]!.id, count: 5 },
      { stageId: p.stages[WON]!.id, count: 3 },
    ]);
    // S2 entered in the period by d1–d5 and d10 (d10 once, though twice); d6 skipped it
    // (d10's S2 entries are on days 5 and 13: the first is in the period)
    expect(step(S2)).toMatchObject({ entered: 6, reachedNext: 4, won: 2, lost: 2 });
    // S3 is entered in [0, 10) by d1 (day 9) and d6 (day 7), both later won
    expect(step(S3)).toMatchObject({ entered: 2, reachedNext: 2, won: 2, lost: 0 });
    expect(report.overall).toEqual({ entered: 10, won: 3, lost: 4 });
  });

  it('splits the numbers per owner', async () => {
    const report = await getFunnelReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(0), to: day(10) } } });
    const maya = report.owners.find((o) => o.owner?.id === ctx.user.id)!;
    const riley = report.owners.find((o) => o.owner?.id === otherOwner.id)!;
    expect(maya.overall).toEqual({ entered: 5, won: 2, lost: 2 });
    expect(riley.overall).toEqual({ entered: 5, won: 1, lost: 2 });
    expect(maya.steps.find((s) => s.stageId === p.stages[S1]!.id)).toMatchObject({ entered: 5, reachedNext: 5, won: 2 });
    expect(riley.steps.find((s) => s.stageId === p.stages[S1]!.id)).toMatchObject({ entered: 5, reachedNext: 2, won: 1 });
  });

  it('follows the cohort of a longer period to the end', async () => {
    const report = await getFunnelReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(0), to: day(30) } } });
    const step = (i: number) => report.steps.find((s) => s.stageId === p.stages[i]!.id);
    // now S3 holds d1, d2, d3, d6, d10 (entered days 9–18); won later: d1, d2, d6
    expect(step(S3)).toMatchObject({ entered: 5, reachedNext: 3, won: 3, lost: 1 });
    expect(step(S2)).toMatchObject({ entered: 6, reachedNext: 4, won: 2, lost: 2 });
    // S1 also holds the deal created on day 12, won on day 13
    expect(step(S1)).toMatchObject({ entered: 11, reachedNext: 8, won: 4, lost: 4 });
  });

  it('counts a pipeline without won or lost stages, and one with two won stages', async () => {
    const plain = await createPipelineFixture('Funnel plain', ['P1', 'P2', 'P3']);
    await deal({
      pipeline: plain,
      path: [
        { at: 1, stage: 0 },
        { at: 2, stage: 2 },
      ],
    }); // skips P2
    await deal({
      pipeline: plain,
      path: [
        { at: 1, stage: 0 },
        { at: 3, stage: 1 },
      ],
    });
    await deal({ pipeline: plain, path: [{ at: 2, stage: 0 }] });
    const report = await getFunnelReport({ ctx, input: { pipelineId: plain.pipeline.id, period: { from: day(0), to: day(10) } } });
    expect(report.steps.map((s) => [s.entered, s.reachedNext, s.won, s.lost])).toEqual([
      [3, 2, 0, 0], // P1: two went further
      [1, 0, 0, 0], // P2
      [1, 0, 0, 0], // P3
    ]);
    expect(report.steps[0]!.reached.map((r) => r.count)).toEqual([2, 1]);

    const twoWon = await createPipelineFixture('Funnel two won', ['Q1', 'Won', 'Won']);
    await deal({
      pipeline: twoWon,
      path: [
        { at: 1, stage: 0 },
        { at: 2, stage: 1 },
      ],
    });
    await deal({
      pipeline: twoWon,
      path: [
        { at: 1, stage: 0 },
        { at: 2, stage: 2 },
      ],
    });
    await deal({ pipeline: twoWon, path: [{ at: 1, stage: 0 }] });
    const won = await getFunnelReport({ ctx, input: { pipelineId: twoWon.pipeline.id, period: { from: day(0), to: day(10) } } });
    expect(won.steps).toHaveLength(1);
    expect(won.steps[0]).toMatchObject({ entered: 3, reachedNext: 2, won: 2, lost: 0 });
    expect(won.overall).toEqual({ entered: 3, won: 2, lost: 0 });
  });
});

describe('snapshot of a past moment', () => {
  let p: Pipeline;
  let other: Pipeline;
  const ids = {} as Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5' | 'e6' | 'e7', number>;
  beforeAll(async () => {
    p = await createPipelineFixture('Snapshot', ['A', 'B', 'C', 'Won', 'Lost']);
    other = await createPipelineFixture('Elsewhere', ['X', 'Y']);
    // e1 moves A → B → C, its value rising at each move; today it is worth 2500
    ids.e1 = await deal({
      pipeline: p,
      value: 2500,
      path: [
        { at: 0, stage: 0, value: 1000 },
        { at: 5, stage: 1, value: 1500 },
        { at: 10, stage: 2, value: 2000 },
      ],
    });
    // e2 is created in A (EUR) and deleted on day 9
    ids.e2 = await deal({ pipeline: p, currency: 'EUR', path: [{ at: 2, stage: 0, value: 500 }], deletedAt: day(9) });
    // e3 is created on day 8
    ids.e3 = await deal({ pipeline: p, path: [{ at: 8, stage: 0, value: 700 }] });
    // e4 leaves for another pipeline on day 6; e5 arrives from one on day 4
    ids.e4 = await deal({
      pipeline: p,
      path: [
        { at: 1, stage: 0, value: 300 },
        { at: 6, stage: 0, pipeline: other, value: 300 },
      ],
    });
    ids.e5 = await deal({
      pipeline: other,
      path: [
        { at: 1, stage: 0, value: 400 },
        { at: 4, stage: 1, pipeline: p, value: 450 },
      ],
    });
    // e6 is won on day 3
    ids.e6 = await deal({
      pipeline: p,
      path: [
        { at: 0, stage: 0, value: 900 },
        { at: 3, stage: 3, value: 950 },
      ],
    });
    // e7 was deleted on day 5, before the snapshot
    ids.e7 = await deal({ pipeline: p, path: [{ at: 0, stage: 1, value: 100 }], deletedAt: day(5) });
  });

  it('puts each deal in the stage it was in then, with the value it had then', async () => {
    const snapshot = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: day(7) } });
    const column = (i: number) => snapshot.columns.find((c) => c.stageId === p.stages[i]!.id)!;
    // A: e2 (deleted later: kept); e3 not created yet; e4 gone to the other pipeline; e7 deleted before
    expect(column(0)).toMatchObject({ count: 1, value: { EUR: 500n } });
    expect(column(0).deals).toEqual([{ id: ids.e2, name: expect.any(String), value: 500n, currency: 'EUR', converted: null, deleted: true }]);
    // B: e1 at the value of its day-5 move (not today's 2500), e5 from the other pipeline
    expect(column(1)).toMatchObject({ count: 2, value: { USD: 1950n } });
    expect(column(1).deals.map((d) => [d.id, d.value])).toEqual([
      [ids.e1, 1500n],
      [ids.e5, 450n],
    ]);
    expect(column(2)).toMatchObject({ count: 0, value: {} });
    expect(column(3)).toMatchObject({ count: 1, value: { USD: 950n } });
    expect(snapshot.totals).toEqual({
      count: 4,
      value: { EUR: 500n, USD: 2900n },
      // no exchange rates here: the EUR deal is named apart, not counted as 0
      converted: { currency: 'USD', value: 2900n, unconverted: [{ currency: 'EUR', count: 1, value: 500n, reason: 'no EUR rate' }] },
    });
  });

  it('leaves out deals created later and deals deleted before', async () => {
    const before = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: new Date(day(2).getTime() - 1) } });
    // just before day 2: e1, e4 and e6 (won only on day 3) in A, e7 in B; e2 is not created yet, e5 is elsewhere
    expect(sorted(before.columns.find((c) => c.stageId === p.stages[0]!.id)!.deals.map((d) => d.id))).toEqual(sorted([ids.e1, ids.e4, ids.e6]));
    expect(before.columns.find((c) => c.stageId === p.stages[1]!.id)!.deals.map((d) => d.id)).toEqual([ids.e7]);
    const later = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: day(12) } });
    expect(sorted(later.columns.flatMap((c) => c.deals.map((d) => d.id)))).toEqual(sorted([ids.e1, ids.e3, ids.e5, ids.e6]));
    // the other pipeline's board at day 7 holds e4
    const elsewhere = await getPipelineSnapshot({ ctx, input: { pipelineId: other.pipeline.id, asOf: day(7) } });
    expect(elsewhere.columns.flatMap((c) => c.deals.map((d) => d.id))).toEqual([ids.e4]);
  });

  it('lists the highest-value deals of a column and says when there are more', async () => {
    const snapshot = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: day(7), dealsPerStage: 1 } });
    const b = snapshot.columns.find((c) => c.stageId === p.stages[1]!.id)!;
    expect(b).toMatchObject({ count: 2, hasMoreDeals: true });
    expect(b.deals.map((d) => d.id)).toEqual([ids.e1]);
  });

  it('compares two dates: moves, wins, arrivals, departures and deletions', async () => {
    const changes = await getSnapshotChanges({ ctx, input: { pipelineId: p.pipeline.id, from: new Date(day(2).getTime() + 1), to: day(11) } });
    // day 2+: A: e1, e2, e4, e6; B: e7 — day 11: A: e3; B: e5; C: e1; Won: e6 (e2, e7 deleted; e4 left)
    const byDeal = Object.fromEntries(changes.deals.map((d) => [d.id, d.change]));
    expect(byDeal).toEqual({
      [ids.e1]: 'forward',
      [ids.e2]: 'deleted',
      [ids.e3]: 'created',
      [ids.e4]: 'transferred_out',
      [ids.e5]: 'transferred_in',
      [ids.e6]: 'won',
      [ids.e7]: 'deleted',
    });
    const summary = Object.fromEntries(changes.summary.map((s) => [s.change, [s.count, s.value]]));
    expect(summary.won).toEqual([1, { USD: 950n }]);
    expect(summary.forward).toEqual([1, { USD: 2000n }]);
    expect(summary.deleted).toEqual([2, { EUR: 500n, USD: 100n }]);
    expect(changes.total).toBe(7);
    expect(changes.deals.find((d) => d.id === ids.e1)).toMatchObject({
      fromStageId: p.stages[0]!.id,
      toStageId: p.stages[2]!.id,
      valueBefore: 1000n,
      valueAfter: 2000n,
    });
  });

  it('flags the deals that slipped: still open at the later date, today’s expected close between the two', async () => {
    const q = await createPipelineFixture('Slips', ['A', 'B', 'Won', 'Lost']);
    const sat = await deal({ pipeline: q, expectedClose: day(8), path: [{ at: 0, stage: 0 }] });
    const movedOn = await deal({
      pipeline: q,
      expectedClose: day(9),
      path: [
        { at: 0, stage: 0 },
        { at: 6, stage: 1 },
      ],
    });
    const won = await deal({
      pipeline: q,
      expectedClose: day(8),
      path: [
        { at: 0, stage: 0 },
        { at: 7, stage: 2 },
      ],
    });
    await deal({ pipeline: q, expectedClose: day(20), path: [{ at: 0, stage: 0 }] }); // not due yet
    await deal({ pipeline: q, expectedClose: day(3), path: [{ at: 0, stage: 0 }] }); // overdue before the first date
    const changes = await getSnapshotChanges({ ctx, input: { pipelineId: q.pipeline.id, from: day(5), to: day(10) } });
    expect(changes.slipped).toEqual({ count: 2, value: { USD: 2000n } });
    expect(changes.deals.map((d) => [d.id, d.change, d.slipped])).toEqual([
      [won, 'won', false],
      [movedOn, 'forward', true],
      [sat, null, true],
    ]);
    expect(changes.total).toBe(3);
  });
});

describe('movement', () => {
  let p: Pipeline;
  let other: Pipeline;
  beforeAll(async () => {
    p = await createPipelineFixture('Movement', ['A', 'B', 'C', 'Won', 'Lost']);
    other = await createPipelineFixture('Movement elsewhere', ['X']);
    await deal({
      pipeline: p,
      path: [
        { at: 0, stage: 0, value: 100 },
        { at: 2, stage: 1, value: 200 },
        { at: 4, stage: 2, value: 300 },
        { at: 6, stage: 3, value: 400 },
      ],
    });
    await deal({
      pipeline: p,
      path: [
        { at: 1, stage: 0, value: 50 },
        { at: 3, stage: 1, value: 50 },
        { at: 5, stage: 0, value: 60 },
      ],
    }); // back from B to A
    await deal({
      pipeline: p,
      currency: 'EUR',
      path: [
        { at: 1, stage: 0, value: 70 },
        { at: 2, stage: 1, value: 80 },
      ],
      deletedAt: day(8),
    }); // deleted later
    await deal({
      pipeline: p,
      path: [
        { at: 1, stage: 0, value: 10 },
        { at: 3, stage: 4, value: 10 },
        { at: 4, stage: 1, value: 15 },
      ],
    }); // lost, reopened
    await deal({
      pipeline: p,
      path: [
        { at: 1, stage: 0, value: 5 },
        { at: 2, stage: 0, pipeline: other, value: 5 },
      ],
    }); // leaves
    await deal({
      pipeline: other,
      path: [
        { at: 1, stage: 0, value: 7 },
        { at: 2, stage: 2, pipeline: p, value: 8 },
      ],
    }); // arrives
    // closed by status where it sits (no stage move), on day 5
    await deal({ pipeline: p, path: [{ at: 1, stage: 1, value: 90 }], status: 'lost', closedAt: day(5) });
    // outside the period
    await deal({
      pipeline: p,
      path: [
        { at: 12, stage: 0, value: 1 },
        { at: 13, stage: 1, value: 1 },
      ],
    });
  });

  it('counts every move from each stage to each other, with the values at the moment of the move', async () => {
    const report = await getMovementReport({ ctx, input: { pipelineId: p.pipeline.id, period: { from: day(0), to: day(10) } } });
    const s = (i: number) => p.stages[i]!.id;
    const cells = report.cells.map((c) => [c.fromStageId, c.toStageId, c.fromPipelineId, c.toPipelineId, c.direction, c.count, c.value]);
    expect(cells).toEqual([
      [null, s(0), null, null, 'new', 5, { EUR: 70n, USD: 165n }],
      [null, s(1), null, null, 'new', 1, { USD: 90n }],
      [null, s(2), other.pipeline.id, null, 'transfer_in', 1, { USD: 8n }],
      [s(0), s(1), null, null, 'forward', 3, { EUR: 80n, USD: 250n }],
      [s(0), s(4), null, null, 'lost', 1, { USD: 10n }],
      [s(0), null, null, other.pipeline.id, 'transfer_out', 1, { USD: 5n }],
      [s(1), s(0), null, null, 'backward', 1, { USD: 60n }],
      [s(1), s(2), null, null, 'forward', 1, { USD: 300n }],
      [s(1), null, null, null, 'lost', 1, { USD: 90n }],
      [s(2), s(3), null, null, 'won', 1, { USD: 400n }],
      [s(4), s(1), null, null, 'reopened', 1, { USD: 15n }],
    ]);
    const totals = Object.fromEntries(report.totals.map((t) => [t.direction, [t.count, t.value]]));
    expect(totals).toEqual({
      new: [6, { EUR: 70n, USD: 255n }],
      forward: [4, { EUR: 80n, USD: 550n }],
      backward: [1, { USD: 60n }],
      won: [1, { USD: 400n }],
      lost: [2, { USD: 100n }],
      reopened: [1, { USD: 15n }],
      transfer_in: [1, { USD: 8n }],
      transfer_out: [1, { USD: 5n }],
    });
    expect(report.otherPipelines).toEqual([{ id: other.pipeline.id, name: 'Movement elsewhere' }]);
    // the matrix's row and column sums, and arrivals per stage by direction, come from the same statement
    const out = Object.fromEntries(report.rowTotals.map((r) => [`${r.fromStageId}/${r.fromPipelineId}`, [r.count, r.value]]));
    expect(out).toEqual({
      'null/null': [6, { EUR: 70n, USD: 255n }],
      [`null/${other.pipeline.id}`]: [1, { USD: 8n }],
      [`${s(0)}/null`]: [5, { EUR: 80n, USD: 265n }],
      [`${s(1)}/null`]: [3, { USD: 450n }],
      [`${s(2)}/null`]: [1, { USD: 400n }],
      [`${s(4)}/null`]: [1, { USD: 15n }],
    });
    const into = Object.fromEntries(report.columnTotals.map((c) => [`${c.toStageId}/${c.toPipelineId}/${c.statusClose}`, c.count]));
    expect(into).toEqual({
      [`${s(0)}/null/null`]: 6,
      [`${s(1)}/null/null`]: 5,
      [`${s(2)}/null/null`]: 2,
      [`${s(3)}/null/null`]: 1,
      [`${s(4)}/null/null`]: 1,
      [`null/${other.pipeline.id}/null`]: 1,
      'null/null/lost': 1,
    });
    expect(
      report.arrivals
        .filter((a) => a.toStageId === s(1))
        .map((a) => [a.direction, a.count])
        .sort(),
    ).toEqual([
      ['forward', 3],
      ['new', 1],
      ['reopened', 1],
    ]);
  });

  it('does not change a past period when a deal is deleted today', async () => {
    const period = { from: day(0), to: day(10) };
    const before = await getMovementReport({ ctx, input: { pipelineId: p.pipeline.id, period } });
    const victim = await db.deal.findFirstOrThrow({ where: { pipelineId: p.pipeline.id, deletedAt: null, stageId: p.stages[3]!.id } });
    await db.deal.update({ where: { id: victim.id }, data: { deletedAt: new Date() } });
    const after = await getMovementReport({ ctx, input: { pipelineId: p.pipeline.id, period } });
    expect(after.cells).toEqual(before.cells);
    expect(after.totals).toEqual(before.totals);
  });
});

describe('forecast', () => {
  let p: Pipeline;
  beforeAll(async () => {
    // probabilities: A 20, B 40, C 60
    p = await createPipelineFixture('Forecast', ['A', 'B', 'C', 'Won', 'Lost']);
    const march = new Date(Date.UTC(2026, 2, 15));
    const april = new Date(Date.UTC(2026, 3, 30));
    await deal({ pipeline: p, value: 1001, expectedClose: march, path: [{ at: 0, stage: 0 }] }); // 20% of 1001 = 200.2
    await deal({ pipeline: p, value: 1000, expectedClose: march, path: [{ at: 0, stage: 1 }] }); // 40% = 400
    await deal({ pipeline: p, value: 999, currency: 'EUR', expectedClose: april, path: [{ at: 0, stage: 2 }] }); // 60% = 599.4
    await deal({ pipeline: p, value: 500, expectedClose: null, path: [{ at: 0, stage: 2 }] }); // no date
    await deal({ pipeline: p, value: 800, expectedClose: april, path: [{ at: 0, stage: 0 }], status: 'stalled' }); // not open
    await deal({ pipeline: p, value: 700, expectedClose: april, path: [{ at: 0, stage: 0 }], deletedAt: day(1) }); // deleted: not in the pipeline
    await deal({ pipeline: p, value: 3000, expectedClose: march, closedAt: new Date(Date.UTC(2026, 2, 3)), path: [{ at: 0, stage: 3 }] });
    await deal({ pipeline: p, value: 4000, closedAt: new Date(Date.UTC(2026, 3, 3)), path: [{ at: 0, stage: 3 }], deletedAt: day(100) }); // won, deleted later: counts
    await deal({ pipeline: p, value: 6000, closedAt: new Date(Date.UTC(2026, 3, 4)), path: [{ at: 0, stage: 4 }] }); // lost
  });

  it('sums open deals by expected close month, raw and weighted, against won value', async () => {
    const report = await getForecastReport({
      ctx,
      input: { pipelineId: p.pipeline.id, period: { from: new Date(Date.UTC(2026, 1, 1)), to: new Date(Date.UTC(2026, 4, 1)) } },
    });
    expect(report.months.map((m) => [m.month.toISOString().slice(0, 7), m.open.count, m.open.value, m.open.weighted, m.won.count, m.won.value])).toEqual([
      ['2026-02', 0, {}, {}, 0, {}],
      ['2026-03', 2, { USD: 2001n }, { USD: 600n }, 1, { USD: 3000n }],
      ['2026-04', 1, { EUR: 999n }, { EUR: 599n }, 1, { USD: 4000n }],
    ]);
    expect(report.totals.open).toEqual({
      count: 3,
      countByCurrency: { EUR: 1, USD: 2 },
      value: { EUR: 999n, USD: 2001n },
      weighted: { EUR: 599n, USD: 600n },
      // no exchange rates here: the EUR deal is named apart, not counted as 0
      converted: { currency: 'USD', value: 2001n, unconverted: [{ currency: 'EUR', count: 1, value: 999n, reason: 'no EUR rate' }] },
      convertedWeighted: { currency: 'USD', value: 600n, unconverted: [{ currency: 'EUR', count: 1, value: 599n, reason: 'no EUR rate' }] },
    });
    const usd = (value: bigint) => ({ currency: 'USD', value, unconverted: [] });
    expect(report.totals.won).toEqual({ count: 2, countByCurrency: { USD: 2 }, value: { USD: 7000n }, converted: usd(7000n) });
    expect(report.noExpectedClose).toEqual({
      count: 1,
      countByCurrency: { USD: 1 },
      value: { USD: 500n },
      weighted: { USD: 300n },
      converted: usd(500n),
      convertedWeighted: usd(300n),
    });
  });

  it('counts each month’s deals per currency, so every currency row has its own count', async () => {
    const report = await getForecastReport({
      ctx,
      input: { pipelineId: p.pipeline.id, period: { from: new Date(Date.UTC(2026, 2, 1)), to: new Date(Date.UTC(2026, 4, 1)) } },
    });
    expect(report.months.map((m) => [m.month.toISOString().slice(0, 7), m.open.countByCurrency, m.won.countByCurrency])).toEqual([
      ['2026-03', { USD: 2 }, { USD: 1 }],
      ['2026-04', { EUR: 1 }, { USD: 1 }],
    ]);
  });
});
