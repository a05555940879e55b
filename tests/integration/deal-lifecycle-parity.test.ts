import { beforeAll, describe, expect, it } from 'vitest';
import * as concordDealRoute from '@/app/api/concord/deals/[id]/route';
import * as hubspotDealRoute from '@/app/api/hubspot/deals/v1/deal/[dealId]/route';
import * as recotapDealsRoute from '@/app/api/recotap/v1/deals/route';
import * as dealRoute from '@/app/api/v1/deals/[id]/route';
import * as dealStageRoute from '@/app/api/v1/deals/[id]/stage/route';
import { enterStage, type DealStatus, type StageOutcome } from '@/lib/deal-lifecycle/stage-rules';
import { db } from '@/lib/db';
import { toPublicId } from '@/lib/ids';
import type { ServiceContext } from '@/lib/services/context';
import { bulkMoveDeals } from '@/lib/services/deals/bulk-move-deals';
import { moveDealToStage } from '@/lib/services/deals/move-deal-to-stage';
import { deleteStage } from '@/lib/services/stages/delete-stage';
import { call, createUserWithKey } from '../setup/api';

// One rule for what entering a stage does (lib/deal-lifecycle/stage-rules.ts): every combination of
// target stage outcome × current stage outcome × current status, through the pure rules and through
// every door that moves a deal — the hot single-statement move, the general move (an explicit
// place), the REST move and PATCH, the board, the bulk action, stage deletion, and the HubSpot and
// Concord dialects — must leave the deal the same: status, closed_at, loss reason,
// stage_entered_at, and one history row. (The Recotap upsert names stages by their external IDs.)

const OUTCOMES: StageOutcome[] = [null, 'won', 'lost'];
const STATUSES: DealStatus[] = ['open', 'won', 'lost', 'stalled'];
const CLOSED_BEFORE = new Date('2026-01-05T10:00:00.000Z');
const ENTERED_BEFORE = new Date('2026-01-04T10:00:00.000Z');

type Door =
  | 'single statement'
  | 'general path'
  | 'REST move'
  | 'REST PATCH'
  | 'board'
  | 'bulk move'
  | 'stage deletion'
  | 'HubSpot PUT'
  | 'Concord PUT'
  | 'Recotap upsert';
const DOORS: Door[] = [
  'single statement',
  'general path',
  'REST move',
  'REST PATCH',
  'board',
  'bulk move',
  'stage deletion',
  'HubSpot PUT',
  'Concord PUT',
  'Recotap upsert',
];

let ctx: ServiceContext;
let key: string;

beforeAll(async () => {
  const admin = await createUserWithKey('admin', 'Lifecycle Admin');
  ctx = { user: admin.user, source: 'api' };
  key = admin.key;
  // the loss reason the deals carry is one the workspace offers (bulk moves into a lost stage ask for one)
  await db.lostReason.create({ data: { label: 'Price' } });
});

let pipelineCount = 0;

/** A pipeline with a plain, a won and a lost stage to start from, and one of each to move to. */
async function pipelineFor(label: string) {
  pipelineCount += 1;
  const pipeline = await db.pipeline.create({ data: { name: `Lifecycle ${label}`, externalId: `lifecycle-${pipelineCount}` } });
  const stage = (name: string, position: number, outcome: StageOutcome) =>
    db.stage.create({
      data: {
        pipelineId: pipeline.id,
        name,
        position,
        outcome,
        probability: outcome === 'won' ? 100 : outcome === 'lost' ? 0 : 40,
        externalId: `stage-${position}`,
      },
    });
  const from = { null: await stage('Plain A', 0, null), won: await stage('Won A', 1, 'won'), lost: await stage('Lost A', 2, 'lost') };
  const to = { null: await stage('Plain B', 3, null), won: await stage('Won B', 4, 'won'), lost: await stage('Lost B', 5, 'lost') };
  return { pipeline, from, to };
}

const key_ = (outcome: StageOutcome) => String(outcome) as 'null' | 'won' | 'lost';

async function moveThrough(door: Door, dealId: number, target: { id: number; pipelineId: number; externalId: string | null }, fromStageId: number) {
  const publicId = toPublicId('deal', dealId);
  const ok = (answer: { status: number; json: unknown }) => expect(answer.status, `${door}: ${JSON.stringify(answer.json)}`).toBeLessThan(300);
  switch (door) {
    case 'single statement':
      return void (await moveDealToStage({ ctx, input: { dealId, stageId: target.id } }));
    case 'general path':
      return void (await moveDealToStage({ ctx, input: { dealId, stageId: target.id, position: 0 } }));
    case 'REST move':
      return ok(
        await call(dealStageRoute.POST, 'POST', `/api/v1/deals/${publicId}/stage`, {
          key,
          params: { id: publicId },
          body: { stage_id: toPublicId('stage', target.id) },
        }),
      );
    case 'REST PATCH':
      return ok(
        await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${publicId}`, {
          key,
          params: { id: publicId },
          body: { stage_id: toPublicId('stage', target.id) },
        }),
      );
    case 'board':
      return void (await moveDealToStage({ ctx: { ...ctx, source: 'ui' }, input: { dealId, stageId: target.id, afterDealId: null, beforeDealId: null } }));
    case 'bulk move':
      return void (await bulkMoveDeals({ ctx: { ...ctx, source: 'ui' }, input: { dealIds: [dealId], stageId: target.id, lossReason: 'Price' } }));
    case 'stage deletion':
      return void (await deleteStage({ ctx, input: { stageId: fromStageId, moveDealsTo: target.id } }));
    case 'HubSpot PUT':
      return ok(
        await call(hubspotDealRoute.PUT, 'PUT', `/api/hubspot/deals/v1/deal/${dealId}`, {
          key,
          params: { dealId: String(dealId) },
          body: { properties: [{ name: 'dealstage', value: String(target.id) }] },
        }),
      );
    case 'Recotap upsert': {
      const pipeline = await db.pipeline.findUniqueOrThrow({ where: { id: target.pipelineId }, select: { externalId: true } });
      const deal = await db.deal.findUniqueOrThrow({ where: { id: dealId }, select: { externalId: true, name: true } });
      const answer = await call(recotapDealsRoute.POST, 'POST', '/api/recotap/v1/deals', {
        key,
        body: { deals: [{ externalDealId: deal.externalId, name: deal.name, pipelineId: pipeline.externalId, stageId: target.externalId }] },
      });
      ok(answer);
      return expect((answer.json as { data: { summary: { failed: number } } }).data.summary.failed, JSON.stringify(answer.json)).toBe(0);
    }
    case 'Concord PUT':
      return ok(
        await call(concordDealRoute.PUT, 'PUT', `/api/concord/deals/${dealId}`, {
          key,
          params: { id: String(dealId) },
          headers: { authorization: `Bearer ${key}` },
          body: { stage_id: target.id },
        }),
      );
  }
}

describe('entering a stage', () => {
  for (const door of DOORS) {
    it(`does what the pure rules say, through ${door}, for every outcome and status`, async () => {
      const mismatches: string[] = [];
      for (const fromOutcome of OUTCOMES) {
        for (const status of STATUSES) {
          for (const toOutcome of OUTCOMES) {
            // stage deletion deletes the stage the deal is in: a pipeline of its own each time
            const { from, to } = await pipelineFor(`${door} ${fromOutcome} ${status} ${toOutcome}`);
            const current = from[key_(fromOutcome)];
            const target = to[key_(toOutcome)];
            const deal = await db.deal.create({
              data: {
                name: `${fromOutcome}/${status} → ${toOutcome}`,
                pipelineId: current.pipelineId,
                stageId: current.id,
                status,
                // an open deal may carry a closed_at and a loss reason from older data: the rules clear them
                closedAt: CLOSED_BEFORE,
                lostReason: 'Price',
                stageEnteredAt: ENTERED_BEFORE,
                ownerId: ctx.user.id,
                externalSource: 'recotap',
                externalId: `lifecycle-deal-${pipelineCount}`,
              },
            });
            const startedAt = Date.now();
            const expected = enterStage(
              { stageId: current.id, status, closedAt: CLOSED_BEFORE, lostReason: 'Price', stageEnteredAt: ENTERED_BEFORE, currentOutcome: fromOutcome },
              target,
              new Date(startedAt),
            );
            await moveThrough(door, deal.id, target, current.id);
            const after = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
            const history = await db.stageHistory.count({ where: { dealId: deal.id } });
            const closedAt = (date: Date | null) =>
              date === null ? 'none' : date.getTime() === CLOSED_BEFORE.getTime() ? 'kept' : date.getTime() >= startedAt - 1000 ? 'now' : date.toISOString();
            const got = {
              stage: after.stageId,
              status: after.status,
              closedAt: closedAt(after.closedAt),
              lostReason: after.lostReason,
              entered: after.stageEnteredAt.getTime() >= startedAt - 1000,
              history,
            };
            const want = {
              stage: target.id,
              status: expected.status,
              closedAt: closedAt(expected.closedAt),
              lostReason: expected.lostReason,
              entered: true,
              history: expected.recordsHistory ? 1 : 0,
            };
            if (JSON.stringify(got) !== JSON.stringify(want))
              mismatches.push(`${fromOutcome}-stage ${status} deal → ${toOutcome}-stage: got ${JSON.stringify(got)}, rules say ${JSON.stringify(want)}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
