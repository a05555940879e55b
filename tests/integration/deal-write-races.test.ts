import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as dealLineItems from '../../app/api/v1/deals/[id]/line-items/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as dealStage from '../../app/api/v1/deals/[id]/stage/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import { db } from '../../lib/db';
import { fromPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// A stage move racing another write of the same deal: on PostgreSQL each request has its own
// connection, so the second waits for the first's row lock and then re-reads the row as it was
// committed. Every answer must be right — never a 404 for a deal that exists (an integration would
// take it for deleted) — the history a chain, and the version counting every write.
// The embedded database runs one transaction at a time: the same rounds there check the answers.

const ROUNDS = process.env.TEST_ENGINE === 'postgresql' ? 100 : 10;

let key: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  fixture = await createPipelineFixture('Races', ['One', 'Two', 'Three']);
});

// each test writes a few hundred times: a key of its own keeps it under the per-key rate limit
beforeEach(async () => {
  ({ key } = await createUserWithKey('manager', 'Racing Manager'));
});

async function newDeal(name: string) {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], value: 1000, currency: 'USD' },
  });
  expect(created.status).toBe(201);
  const id = fromPublicId('deal', created.json.data.id as string)!;
  const { version } = await db.deal.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return { publicId: created.json.data.id as string, id, version };
}

const move = (publicId: string, stage: number) =>
  call(dealStage.POST, 'POST', `/api/v1/deals/${publicId}/stage`, { key, params: { id: publicId }, body: { stage_id: fixture.stageIds[stage] } });

/** The deal's stage history is a chain: each row starts where the previous one ended. */
async function expectHistoryChain(dealId: number) {
  const rows = await db.stageHistory.findMany({ where: { dealId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }], select: { fromStageId: true, toStageId: true } });
  for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.fromStageId).toBe(rows[i - 1]!.toStageId);
  return rows;
}

describe('a stage move racing', () => {
  it(`a PATCH of the same deal: both land, ${ROUNDS} rounds`, async () => {
    const deal = await newDeal('Raced by a PATCH');
    let stage = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      stage = (stage + 1) % 3;
      const [moved, patched] = await Promise.all([
        move(deal.publicId, stage),
        call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deal.publicId}`, { key, params: { id: deal.publicId }, body: { name: `Round ${round}` } }),
      ]);
      expect(moved.status, `round ${round} move: ${JSON.stringify(moved.json)}`).toBe(200);
      expect(patched.status, `round ${round} PATCH: ${JSON.stringify(patched.json)}`).toBe(200);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { name: true, stageId: true } });
      expect(row).toEqual({ name: `Round ${round}`, stageId: fixture.stages[stage]!.id });
    }
    // the row of its creation, then one per move
    expect(await expectHistoryChain(deal.id)).toHaveLength(ROUNDS + 1);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(deal.version + 2 * ROUNDS);
  });

  it(`a line-items PUT of the same deal: both land, ${ROUNDS} rounds`, async () => {
    const deal = await newDeal('Raced by line items');
    let stage = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      stage = (stage + 1) % 3;
      const [moved, lines] = await Promise.all([
        move(deal.publicId, stage),
        call(dealLineItems.PUT, 'PUT', `/api/v1/deals/${deal.publicId}/line-items`, {
          key,
          params: { id: deal.publicId },
          body: { tax_type: 'exclusive', items: [{ name: `Seat ${round}`, unit_price: 100 * (round + 1), qty: 1 }] },
        }),
      ]);
      expect(moved.status, `round ${round} move: ${JSON.stringify(moved.json)}`).toBe(200);
      expect(lines.status, `round ${round} line items: ${JSON.stringify(lines.json)}`).toBe(200);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { value: true, stageId: true } });
      expect(row).toEqual({ value: BigInt(100 * (round + 1)), stageId: fixture.stages[stage]!.id });
    }
    expect(await expectHistoryChain(deal.id)).toHaveLength(ROUNDS + 1);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(deal.version + 2 * ROUNDS);
  });

  it(`a DELETE of the same deal: the move lands before it or answers 404 after it, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const deal = await newDeal(`Raced by a DELETE ${round}`);
      const [moved, deleted] = await Promise.all([move(deal.publicId, 1), call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.publicId}`, { key, params: { id: deal.publicId } })]);
      expect(deleted.status, `round ${round} DELETE: ${JSON.stringify(deleted.json)}`).toBe(204);
      expect([200, 404], `round ${round} move: ${JSON.stringify(moved.json)}`).toContain(moved.status);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { deletedAt: true, stageId: true } });
      expect(row.deletedAt).not.toBeNull();
      // a move answered 200 is in the deal and its history; one answered 404 left no trace
      const moves = await db.stageHistory.count({ where: { dealId: deal.id, fromStageId: { not: null } } });
      expect({ stage: row.stageId, moves }).toEqual(moved.status === 200 ? { stage: fixture.stages[1]!.id, moves: 1 } : { stage: fixture.stages[0]!.id, moves: 0 });
    }
  });
});
