import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as stageRoute from '../../app/api/v1/deals/[id]/stage/route';
import * as stageItemRoute from '../../app/api/v1/stages/[id]/route';
import { db } from '../../lib/db';
import { fromPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// A history row knows when the deal left the stage it entered (left_at = the deal's next row's
// changed_at). Reports read time in stage and "the board on date X" from it, so it must hold for
// every writer: API moves, stage deletion moving deals, and rows written in bulk or out of order.

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  sales = await createPipelineFixture('Left-at Sales', ['One', 'Two', 'Three', 'Won', 'Lost']);
});

async function newDeal(stageIndex = 0): Promise<{ dealId: number; publicId: string }> {
  const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name: 'Stay deal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[stageIndex], value: 1000 },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return { dealId: fromPublicId('deal', answer.json.data.id)!, publicId: answer.json.data.id };
}

async function rowsOf(dealId: number) {
  return db.stageHistory.findMany({
    where: { dealId },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    select: { toStageId: true, changedAt: true, leftAt: true },
  });
}

/** every row is left when the next begins; the last is still open */
function expectChain(rows: { changedAt: Date; leftAt: Date | null }[]) {
  rows.forEach((row, i) => {
    expect(row.leftAt).toEqual(rows[i + 1]?.changedAt ?? null);
  });
}

describe('stage_history.left_at', () => {
  it('is closed by each API move and stays open on the current row', async () => {
    const { dealId, publicId } = await newDeal();
    for (const stage of [1, 2, 0]) {
      const answer = await call(stageRoute.POST, 'POST', `/api/v1/deals/${publicId}/stage`, {
        key,
        params: { id: publicId },
        body: { stage_id: sales.stageIds[stage] },
      });
      expect(answer.status).toBe(200);
    }
    const rows = await rowsOf(dealId);
    expect(rows.map((r) => r.toStageId)).toEqual([0, 1, 2, 0].map((i) => sales.stages[i]!.id));
    expectChain(rows);
    expect(rows[3]!.leftAt).toBeNull();
  });

  it('is closed when deleting a stage moves its deals to another', async () => {
    const { dealId } = await newDeal(2);
    const doomed = sales.stageIds[2]!;
    const answer = await call(stageItemRoute.DELETE, 'DELETE', `/api/v1/stages/${doomed}?move_deals_to=${sales.stageIds[1]}`, { key, params: { id: doomed } });
    expect(answer.status).toBeLessThan(300);
    const rows = await rowsOf(dealId);
    expect(rows).toHaveLength(2);
    expectChain(rows);
  });

  it('is right for rows written in bulk and out of time order (an import of past moves)', async () => {
    const { dealId } = await newDeal();
    const [first] = await rowsOf(dealId);
    const t0 = first!.changedAt.getTime();
    const at = (hours: number) => new Date(t0 + hours * 3_600_000);
    const row = (stage: number, hours: number) => ({ dealId, toStageId: sales.stages[stage]!.id, toPipelineId: sales.pipeline.id, changedAt: at(hours) });
    // two later moves in one statement, then one that happened between the creation and them
    await db.stageHistory.createMany({ data: [row(1, 48), row(2, 24 * 5)] });
    await db.stageHistory.createMany({ data: [row(2, 12)] });
    const rows = await rowsOf(dealId);
    expect(rows.map((r) => r.changedAt.getTime())).toEqual([0, 12, 48, 120].map((h) => at(h).getTime()));
    expectChain(rows);
  });

  it('closes each deal’s previous stay when one statement adds the latest row of several deals', async () => {
    const deals = [await newDeal(), await newDeal(1), await newDeal(4)]; // (stage 2 was deleted above)
    const later = new Date(Date.now() + 60_000);
    // one row per deal, each after everything its deal has: the trigger's short path
    await db.stageHistory.createMany({
      data: deals.map(({ dealId }, i) => ({
        dealId,
        toStageId: sales.stages[3]!.id,
        toPipelineId: sales.pipeline.id,
        changedAt: new Date(later.getTime() + i),
      })),
    });
    for (const { dealId } of deals) {
      const rows = await rowsOf(dealId);
      expect(rows).toHaveLength(2);
      expectChain(rows);
    }
    // then a row before the latest of one deal (the long path) still leaves a chain
    await db.stageHistory.create({
      data: { dealId: deals[0]!.dealId, toStageId: sales.stages[1]!.id, toPipelineId: sales.pipeline.id, changedAt: new Date(later.getTime() - 1_000) },
    });
    const rows = await rowsOf(deals[0]!.dealId);
    expect(rows.map((r) => r.toStageId)).toEqual([sales.stages[0]!.id, sales.stages[1]!.id, sales.stages[3]!.id]);
    expectChain(rows);
  });
});
