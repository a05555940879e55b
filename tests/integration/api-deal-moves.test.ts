import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as stageRoute from '../../app/api/v1/deals/[id]/stage/route';
import * as historyRoute from '../../app/api/v1/deals/[id]/history/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Stage moves: one history row per move, atomically; the history stays a chain under concurrency.

let key: string;
let userId: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let partners: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key, publicId: userId } = await createUserWithKey('rep'));
  sales = await createPipelineFixture('Sales');
  partners = await createPipelineFixture('Partnerships', ['Intro', 'Signed']);
});

async function newDeal(name = 'Deal', value = 250000) {
  const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value },
  });
  return answer.json.data;
}

function move(id: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key, params: { id }, body, headers });
}

async function historyOf(id: string) {
  return (await call(historyRoute.GET, 'GET', `/api/v1/deals/${id}/history?limit=200`, { key, params: { id } })).json.data;
}

describe('POST /deals/:id/stage', () => {
  it('moves the deal and writes one history row with the value, probability, source and reason', async () => {
    const deal = await newDeal();
    const answer = await move(deal.id, { stage_id: sales.stageIds[2], reason: 'Budget approved' });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ stage_id: sales.stageIds[2], status: 'open', days_in_stage: 0 });
    expect(answer.json.data.relationships.stage).toEqual({ type: 'stage', id: sales.stageIds[2], name: 'Proposal Sent' });
    expect(answer.headers.get('etag')).toBe('"2"');
    const history = await historyOf(deal.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      from_stage_id: sales.stageIds[0],
      to_stage_id: sales.stageIds[2],
      changed_by: userId,
      source: 'api',
      value: 250000,
      currency: 'USD',
      probability: 60,
      reason: 'Budget approved',
    });
  });

  it('moving to the stage it is in writes no history', async () => {
    const deal = await newDeal();
    const answer = await move(deal.id, { stage_id: sales.stageIds[0] });
    expect(answer.status).toBe(200);
    expect(await historyOf(deal.id)).toHaveLength(1);
  });

  it('a won or lost stage sets the status; leaving it reopens the deal', async () => {
    const deal = await newDeal();
    const won = await move(deal.id, { stage_id: sales.stageIds[3] });
    expect(won.json.data.status).toBe('won');
    expect(won.json.data.closed_at).not.toBeNull();
    const back = await move(deal.id, { stage_id: sales.stageIds[1] });
    expect(back.json.data).toMatchObject({ status: 'open', closed_at: null });
  });

  it('a stage of another pipeline moves the deal to that pipeline', async () => {
    const deal = await newDeal();
    const answer = await move(deal.id, { stage_id: partners.stageIds[0] });
    expect(answer.json.data).toMatchObject({ pipeline_id: partners.pipelineId, stage_id: partners.stageIds[0] });
    const history = await historyOf(deal.id);
    expect(history[1]).toMatchObject({ from_pipeline_id: sales.pipelineId, to_pipeline_id: partners.pipelineId });
  });

  it('places the deal at the requested position inside the stage', async () => {
    const board = await createPipelineFixture('Ordering', ['Left', 'Right']);
    const names = async () => {
      const list = await call(dealsRoute.GET, 'GET', `/api/v1/deals?stage_id=${board.stageIds[1]}&sort=position`, { key });
      return list.json.data.map((d: { name: string }) => d.name);
    };
    const deals: Record<string, { id: string }> = {};
    for (const name of ['A', 'B', 'C']) {
      deals[name] = (
        await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: { name, pipeline_id: board.pipelineId, stage_id: board.stageIds[0] } })
      ).json.data;
      await move(deals[name]!.id, { stage_id: board.stageIds[1] });
    }
    expect(await names()).toEqual(['A', 'B', 'C']);
    await move(deals.C!.id, { stage_id: board.stageIds[1], position: 0 });
    expect(await names()).toEqual(['C', 'A', 'B']);
    await move(deals.C!.id, { stage_id: board.stageIds[1], position: 1 });
    expect(await names()).toEqual(['A', 'C', 'B']);
    await move(deals.A!.id, { stage_id: board.stageIds[1], position: 2 });
    expect(await names()).toEqual(['C', 'B', 'A']);
    // reordering inside a stage is not a stage change: no history rows beyond the one move in
    expect(await historyOf(deals.A!.id)).toHaveLength(2);
  });

  it('refuses an unknown stage with 422, a deleted deal with 404, a stale If-Match with 412', async () => {
    const deal = await newDeal();
    const unknown = await move(deal.id, { stage_id: toPublicId('stage', 999999) });
    expect(unknown.status).toBe(422);
    const missing = await move(deal.id, { stage_id: sales.stageIds[0]!.replace(/.$/, '') });
    expect(missing.status).toBe(400);
    const stale = await move(deal.id, { stage_id: sales.stageIds[1] }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(await historyOf(deal.id)).toHaveLength(1);
    await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.id}`, { key, params: { id: deal.id } });
    const gone = await move(deal.id, { stage_id: sales.stageIds[1] });
    expect(gone.status).toBe(404);
  });

  it('20 concurrent moves of one deal are all answered and the history stays a chain', async () => {
    const deal = await newDeal('Contended');
    const targets = Array.from({ length: 20 }, (_, i) => sales.stageIds[(i % 3) + 1]!);
    const answers = await Promise.all(targets.map((stageId) => move(deal.id, { stage_id: stageId })));
    for (const answer of answers) expect(answer.status).toBe(200);
    const history = await historyOf(deal.id);
    expect(history[0].from_stage_id).toBeNull();
    for (let i = 1; i < history.length; i += 1) {
      expect(history[i].from_stage_id).toBe(history[i - 1].to_stage_id);
      expect(history[i].from_stage_id).not.toBe(history[i].to_stage_id);
    }
    const final = await call(dealRoute.GET, 'GET', `/api/v1/deals/${deal.id}`, { key, params: { id: deal.id } });
    expect(final.json.data.stage_id).toBe(history[history.length - 1].to_stage_id);
    // every move that changed the stage bumped the version once and wrote one row: nothing was lost
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.number } });
    expect(row.version).toBe(history.length);
    // and each stay ends where the next begins (the left_at the reports read), the last still open
    const stays = await db.stageHistory.findMany({ where: { dealId: deal.number }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] });
    expect(stays.map((stay) => stay.leftAt?.getTime() ?? null)).toEqual([...stays.slice(1).map((stay) => stay.changedAt.getTime()), null]);
  });
});
