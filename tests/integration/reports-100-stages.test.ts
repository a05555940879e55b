import { beforeAll, describe, expect, it } from 'vitest';
import * as forecastRoute from '../../app/api/v1/reports/forecast/route';
import * as funnelRoute from '../../app/api/v1/reports/funnel/route';
import * as movementRoute from '../../app/api/v1/reports/movement/route';
import * as snapshotChangesRoute from '../../app/api/v1/reports/snapshot-changes/route';
import * as snapshotRoute from '../../app/api/v1/reports/snapshot/route';
import * as durationsRoute from '../../app/api/v1/reports/stage-durations/route';
import { db } from '../../lib/db';
import type { ServiceContext } from '../../lib/services/context';
import { getForecastReport } from '../../lib/services/reports/get-forecast-report';
import { getFunnelReport, type FunnelCounts } from '../../lib/services/reports/get-funnel-report';
import { getMovementReport } from '../../lib/services/reports/get-movement-report';
import { getPipelineSnapshot } from '../../lib/services/reports/get-pipeline-snapshot';
import { getSnapshotChanges } from '../../lib/services/reports/get-snapshot-changes';
import { getStageDurationsReport } from '../../lib/services/reports/get-stage-durations-report';
import type { ReportPeriod } from '../../lib/services/reports/report-period';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Issue 18, finding 2: every report on a pipeline of 100 stages, the most the API allows (98
// ordinary stages, Won, Lost). The funnel used to build a column per stage and per pair of stages,
// and PostgreSQL refused it from 54 stages on (54011, at most 1,664 target-list entries): API, page
// and CSV answered 500. Deals and their history are written straight to the database at known
// hours; the figures below are worked out by hand from the paths, and the whole funnel is held to
// one computed here from the history read through the ORM.

const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 0, 5);
const at = (hours: number) => new Date(DAY0 + hours * HOUR);
const PERIOD: ReportPeriod = { from: at(0), to: at(10 * 24) }; // days 0–9
const WON = 98;
const LOST = 99;

let ctx: ServiceContext;
let otherOwner: number;
let key: string;
let p: Awaited<ReturnType<typeof createPipelineFixture>>;

/** A deal whose current state is the end of its path: one history row per stage, `step` hours apart from `start`. */
async function deal(path: number[], options: { start: number; step?: number; ownerId?: number }): Promise<number> {
  const step = options.step ?? 24;
  const last = p.stages[path[path.length - 1]!]!;
  const lastAt = at(options.start + (path.length - 1) * step);
  const created = await db.deal.create({
    data: {
      name: `Deal ${path.join('-')}`,
      pipelineId: p.pipeline.id,
      stageId: last.id,
      value: 1000n,
      currency: 'USD',
      status: last.outcome ?? 'open',
      ownerId: options.ownerId ?? ctx.user.id,
      createdAt: at(options.start),
      stageEnteredAt: lastAt,
      closedAt: last.outcome ? lastAt : null,
    },
    select: { id: true },
  });
  await db.stageHistory.createMany({
    data: path.map((stage, i) => ({
      dealId: created.id,
      fromStageId: i === 0 ? null : p.stages[path[i - 1]!]!.id,
      fromPipelineId: i === 0 ? null : p.pipeline.id,
      toStageId: p.stages[stage]!.id,
      toPipelineId: p.pipeline.id,
      changedAt: at(options.start + i * step),
      changedById: ctx.user.id,
      value: 1000n,
      currency: 'USD',
      probability: p.stages[stage]!.probability,
    })),
  });
  return created.id;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const stageId = (index: number) => p.stages[index]!.id;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  const user = await db.user.create({
    data: { email: 'manager@hundred.test', name: 'Maya Manager', role: 'manager' },
    select: { id: true, name: true, email: true, role: true },
  });
  ctx = { user, source: 'api' };
  otherOwner = (await db.user.create({ data: { email: 'rep@hundred.test', name: 'Riley Rep', role: 'rep' }, select: { id: true } })).id;
  p = await createPipelineFixture('Hundred', [...range(1, 98).map((n) => `S${n}`), 'Won', 'Lost']);
  expect(p.stages).toHaveLength(100);
  // stage indexes: S1 = 0 … S98 = 97, Won = 98, Lost = 99; every deal below is created in the period
  for (let i = 0; i < 4; i += 1) await deal([0, 1, 2, WON], { start: 24 + i }); // A ×4: won
  for (let i = 0; i < 3; i += 1) await deal([0, 1, LOST], { start: 30 + i, ownerId: otherOwner }); // B ×3: lost
  for (let i = 0; i < 2; i += 1) await deal([0, 60, 97], { start: 36 + i, ownerId: otherOwner }); // C ×2: S1 → S61 → S98
  await deal([0], { start: 40 }); // D: stays in S1
  for (let i = 0; i < 2; i += 1) await deal([50, 51, 52], { start: 44 + i }); // E ×2: created in S51
  await deal([97, WON], { start: 50 }); // F: created in S98, won
  await deal([0, 1, 0, 1, 2], { start: 52 }); // G: back and forth, S2 twice
  await deal([...range(0, 97), WON], { start: 24, step: 1 }); // the marathon: every stage for an hour, then won
  // outside every cohort: created before the period
  await deal([0, 1], { start: -5 * 24, step: 72 });
});

describe('every report on a pipeline of 100 stages', () => {
  it('funnel: the known figures of a few stages', async () => {
    const report = await getFunnelReport({ ctx, input: { pipelineId: p.pipeline.id, period: PERIOD } });
    const step = (index: number) => report.steps.find((s) => s.stageId === stageId(index));
    // S1: A ×4, B ×3, C ×2, D, G, the marathon; all but D went further; won A ×4 and the marathon; lost B ×3
    expect(step(0)).toMatchObject({ entered: 12, reachedNext: 11, won: 5, lost: 3 });
    const reached = Object.fromEntries(step(0)!.reached.map((r) => [r.stageId, r.count]));
    expect(step(0)!.reached).toHaveLength(98); // S2 … S98 and Won
    expect(reached[stageId(1)]).toBe(11);
    expect(reached[stageId(2)]).toBe(8); // A ×4, C ×2 (past it), G, the marathon
    expect(reached[stageId(60)]).toBe(7); // A ×4 (won), C ×2, the marathon
    expect(reached[stageId(61)]).toBe(7);
    expect(reached[stageId(97)]).toBe(7);
    expect(reached[stageId(WON)]).toBe(5);
    // S2: A ×4, B ×3, G (twice, counted once), the marathon; S3 or beyond: A ×4, G, the marathon
    expect(step(1)).toMatchObject({ entered: 9, reachedNext: 6, won: 5, lost: 3 });
    // S51: E ×2 (created there) and the marathon, all went further
    expect(step(50)).toMatchObject({ entered: 3, reachedNext: 3, won: 1, lost: 0 });
    // S98: C ×2 (still there), F and the marathon (both won)
    expect(step(97)).toMatchObject({ entered: 4, reachedNext: 2, won: 2, lost: 0 });
    expect(report.steps).toHaveLength(98); // the marathon entered every ordinary stage
    expect(report.overall).toEqual({ entered: 15, won: 6, lost: 3 });
    const riley = report.owners.find((o) => o.owner?.id === otherOwner)!;
    expect(riley.overall).toEqual({ entered: 5, won: 0, lost: 3 });
    expect(riley.steps.find((s) => s.stageId === stageId(0))).toMatchObject({ entered: 5, reachedNext: 5, won: 0, lost: 3 });
  });

  it('funnel: every figure agrees with the history read through the ORM', async () => {
    for (const period of [PERIOD, { from: at(30), to: at(60) }, { from: at(-10 * 24), to: at(26) }]) {
      for (const ownerId of [undefined, otherOwner]) {
        const report = await getFunnelReport({ ctx, input: { pipelineId: p.pipeline.id, ownerId, period } });
        const expected = await funnelFromOrm(p.pipeline.id, ownerId ?? null, period);
        expect(report.steps).toEqual(expected.steps);
        expect(report.overall).toEqual(expected.overall);
        expect(report.owners.map((o) => ({ ownerId: o.owner?.id ?? null, overall: o.overall, steps: o.steps }))).toEqual(expected.owners);
      }
    }
  });

  it('movement, time in stage, snapshot, changes and forecast answer with the known figures', async () => {
    const input = { pipelineId: p.pipeline.id, period: PERIOD };
    const movement = await getMovementReport({ ctx, input });
    const cell = (from: number, to: number) => movement.cells.find((c) => c.fromStageId === stageId(from) && c.toStageId === stageId(to));
    expect(cell(0, 1)?.count).toBe(10); // A ×4, B ×3, G twice, the marathon
    expect(cell(60, 97)?.count).toBe(2); // C ×2
    expect(cell(96, 97)?.count).toBe(1); // the marathon
    expect(movement.stages).toHaveLength(100);

    const durations = await getStageDurationsReport({ ctx, input: { ...input, now: at(20 * 24) } });
    expect(durations.durations).toHaveLength(98);
    // S50: the marathon's hour only
    expect(durations.durations.find((d) => d.stageId === stageId(49))).toMatchObject({ deals: 1, stays: 1, medianSeconds: 3600, currentDeals: 0 });
    // S98: C ×2 sit there now
    expect(durations.durations.find((d) => d.stageId === stageId(97))).toMatchObject({ currentDeals: 2 });

    const snapshot = await getPipelineSnapshot({ ctx, input: { pipelineId: p.pipeline.id, asOf: at(20 * 24) } });
    const column = (index: number) => snapshot.columns.find((c) => c.stageId === stageId(index))!;
    expect(snapshot.columns).toHaveLength(100);
    expect([column(0).count, column(1).count, column(2).count, column(52).count, column(97).count]).toEqual([1, 1, 1, 2, 2]);
    expect([column(WON).count, column(LOST).count]).toEqual([6, 3]);
    expect(snapshot.totals.count).toBe(16);

    const changes = await getSnapshotChanges({ ctx, input: { pipelineId: p.pipeline.id, from: at(0), to: at(20 * 24) } });
    expect(changes.summary.find((s) => s.change === 'created')?.count).toBe(15);
    expect(changes.total).toBe(15);

    const forecast = await getForecastReport({ ctx, input: { ...input, period: { from: at(0), to: at(60 * 24) } } });
    // open: D, E ×2, C ×2, G and the deal created before the period, none with an expected close
    expect(forecast.noExpectedClose.count).toBe(7);
    expect(forecast.totals.won.count).toBe(6);
  });

  it('the report API answers for the pipeline', async () => {
    const pipeline = `pipeline_id=${p.pipelineId}`;
    const dates = 'from=2026-01-05&to=2026-01-14';
    const funnel = await call(funnelRoute.GET, 'GET', `/api/v1/reports/funnel?${pipeline}&${dates}`, { key });
    expect(funnel.status).toBe(200);
    expect(funnel.json.data.steps.find((s: { stage_id: string }) => s.stage_id === p.stageIds[0])).toMatchObject({
      entered: 12,
      reached_next: 11,
      won: 5,
      lost: 3,
    });
    expect(funnel.json.data.overall).toEqual({ entered: 15, won: 6, lost: 3, win_rate: 40 });
    for (const [handler, path] of [
      [movementRoute.GET, `/api/v1/reports/movement?${pipeline}&${dates}`],
      [durationsRoute.GET, `/api/v1/reports/stage-durations?${pipeline}&${dates}`],
      [snapshotRoute.GET, `/api/v1/reports/snapshot?${pipeline}&as_of=2026-01-25T00:00:00Z`],
      [snapshotChangesRoute.GET, `/api/v1/reports/snapshot-changes?${pipeline}&from=2026-01-05&to=2026-01-25`],
      [forecastRoute.GET, `/api/v1/reports/forecast?${pipeline}&from=2026-01-05&to=2026-03-05`],
    ] as const) {
      const answer = await call(handler, 'GET', path, { key });
      expect(answer.status, path).toBe(200);
      // the forecast is about deals, not stages
      if (handler !== forecastRoute.GET) expect(answer.json.data.stages, path).toHaveLength(100);
    }
  });
});

/**
 * The funnel worked out deal by deal from the history as the ORM reads it (the definitions of
 * get-funnel-report.ts, without its SQL): per ordinary stage, the deals that first entered it in
 * the period and what they did strictly after that entry; per deal entering the pipeline in the
 * period (created in it or moved in), whether it was won or lost at or after that entry.
 */
async function funnelFromOrm(pipelineId: number, ownerId: number | null, period: ReportPeriod) {
  const stages = await db.stage.findMany({ where: { pipelineId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  const open = stages.filter((s) => s.outcome === null).map((s) => s.id);
  const wonRank = open.length + 1;
  const rankOf = (id: number) => (stages.find((s) => s.id === id)?.outcome === 'won' ? wonRank : open.indexOf(id) + 1); // lost: 0
  const isLost = (id: number) => stages.find((s) => s.id === id)?.outcome === 'lost';
  const history = await db.stageHistory.findMany({
    where: { toPipelineId: pipelineId, changedAt: { gte: period.from }, ...(ownerId === null ? {} : { deal: { ownerId } }) },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    select: {
      dealId: true,
      changedAt: true,
      toStageId: true,
      fromPipelineId: true,
      deal: { select: { ownerId: true, status: true, pipelineId: true, closedAt: true } },
    },
  });
  type Counts = FunnelCounts & { reachedRanks: number[] };
  const steps = new Map<number | null, Map<number, Counts>>(); // owner (null key: all) → rank → counts
  const overall = new Map<number | null, { entered: number; won: number; lost: number }>();
  const owners = new Set<number | null>();
  const bump = <T>(map: Map<number | null, T>, key: number | null, empty: () => T) => map.get(key) ?? map.set(key, empty()).get(key)!;
  for (const dealId of new Set(history.map((h) => h.dealId))) {
    const rows = history.filter((h) => h.dealId === dealId);
    const deal = rows[0]!.deal;
    const statusAfter = (status: 'won' | 'lost', from: Date) =>
      deal.status === status && deal.pipelineId === pipelineId && deal.closedAt !== null && deal.closedAt >= from;
    for (const [i, stage] of open.entries()) {
      const entry = rows.find((h) => h.toStageId === stage && h.changedAt < period.to);
      if (!entry) continue;
      const later = rows.filter((h) => h.changedAt > entry.changedAt);
      const won = later.some((h) => rankOf(h.toStageId) === wonRank) || statusAfter('won', entry.changedAt);
      const lost = later.some((h) => isLost(h.toStageId)) || statusAfter('lost', entry.changedAt);
      const reachedRank = won ? wonRank : Math.max(i + 1, ...later.map((h) => rankOf(h.toStageId)));
      owners.add(deal.ownerId);
      for (const key of ['all', deal.ownerId] as const) {
        const counts = bump(
          bump(steps, key === 'all' ? -1 : key, () => new Map()),
          i + 1,
          () => ({ entered: 0, reachedNext: 0, won: 0, lost: 0, reachedRanks: [] }),
        );
        counts.entered += 1;
        counts.reachedNext += reachedRank > i + 1 ? 1 : 0;
        counts.won += won ? 1 : 0;
        counts.lost += lost ? 1 : 0;
        counts.reachedRanks.push(reachedRank);
      }
    }
    const entry = rows.find((h) => h.fromPipelineId !== pipelineId && h.changedAt < period.to);
    if (entry) {
      const won = rows.some((h) => rankOf(h.toStageId) === wonRank && h.changedAt >= entry.changedAt) || statusAfter('won', entry.changedAt);
      const lost = rows.some((h) => isLost(h.toStageId) && h.changedAt >= entry.changedAt) || statusAfter('lost', entry.changedAt);
      owners.add(deal.ownerId);
      for (const key of [-1, deal.ownerId]) {
        const counts = bump(overall, key, () => ({ entered: 0, won: 0, lost: 0 }));
        counts.entered += 1;
        counts.won += won ? 1 : 0;
        counts.lost += lost ? 1 : 0;
      }
    }
  }
  const stepsOf = (key: number | null) =>
    [...(steps.get(key) ?? new Map<number, Counts>())]
      .sort(([a], [b]) => a - b)
      .map(([rank, { reachedRanks, ...counts }]) => ({ rank, stageId: open[rank - 1]!, counts, reachedRanks }));
  const names = new Map((await db.user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const zero = { entered: 0, won: 0, lost: 0 };
  return {
    steps: stepsOf(-1).map(({ rank, stageId, counts, reachedRanks }) => ({
      stageId,
      ...counts,
      reached: stages
        .filter((s) => s.outcome !== 'lost' && rankOf(s.id) > rank)
        .map((s) => ({ stageId: s.id, count: reachedRanks.filter((r) => r >= rankOf(s.id)).length })),
    })),
    overall: overall.get(-1) ?? zero,
    owners: [...owners]
      .map((id) => ({ ownerId: id, overall: overall.get(id) ?? zero, steps: stepsOf(id).map(({ stageId, counts }) => ({ stageId, ...counts })) }))
      .sort((a, b) => b.overall.entered - a.overall.entered || (names.get(a.ownerId!) ?? '\uffff').localeCompare(names.get(b.ownerId!) ?? '\uffff')),
  };
}
