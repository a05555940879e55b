import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../../lib/services/context';
import { createDeal } from '../../lib/services/deals/create-deal';
import { deleteDeal } from '../../lib/services/deals/delete-deal';
import { countStageDeals } from '../../lib/services/stages/count-stage-deals';
import { deleteStage } from '../../lib/services/stages/delete-stage';
import { createPipelineFixture } from '../setup/api';

// The service the settings page adds: how many deals each stage of a pipeline holds, counted the
// way deleteStage counts what it must move (every status, deleted deals not), so the delete dialog
// names the number it will move.

let manager: ServiceContext;
let rep: ServiceContext;

async function user(role: 'manager' | 'rep', name: string): Promise<ServiceContext> {
  const row = await db.user.create({
    data: { email: `${name.toLowerCase().replace(' ', '.')}@settings.test`, name, role },
    select: { id: true, name: true, email: true, role: true },
  });
  return { user: row, source: 'ui' };
}

beforeAll(async () => {
  manager = await user('manager', 'Maya Manager');
  rep = await user('rep', 'Riley Rep');
});

describe('countStageDeals', () => {
  it('counts every live deal per stage (open, won, lost), skips deleted deals, and answers 0 for empty stages', async () => {
    const fixture = await createPipelineFixture('Counting', ['Qualified', 'Proposal', 'Won', 'Lost']);
    const other = await createPipelineFixture('Elsewhere', ['Qualified']);
    const [qualified, proposal, won, lost] = fixture.stages.map((s) => s.id) as [number, number, number, number];
    const add = (stageId: number, name: string, pipelineId = fixture.pipeline.id) =>
      createDeal({ ctx: manager, input: { name, pipeline_id: pipelineId, stage_id: stageId, value: 1000, currency: 'USD' } });
    await add(qualified, 'A');
    await add(qualified, 'B');
    const gone = await add(qualified, 'C');
    await add(won, 'D');
    await add(lost, 'E');
    await add(other.stages[0]!.id, 'F', other.pipeline.id);
    await deleteDeal({ ctx: manager, input: { dealId: gone.id } });

    // every role may read it
    const counts = await countStageDeals({ ctx: rep, input: { pipelineId: fixture.pipeline.id } });
    expect(counts).toEqual({ [qualified]: 2, [proposal]: 0, [won]: 1, [lost]: 1 });
  });

  it('agrees with what deleteStage moves, and forgets a deleted stage', async () => {
    const fixture = await createPipelineFixture('Moving', ['Qualified', 'Proposal']);
    const [qualified, proposal] = fixture.stages.map((s) => s.id) as [number, number];
    for (const name of ['G', 'H', 'I']) {
      await createDeal({ ctx: manager, input: { name, pipeline_id: fixture.pipeline.id, stage_id: qualified, value: 500, currency: 'USD' } });
    }
    const before = await countStageDeals({ ctx: manager, input: { pipelineId: fixture.pipeline.id } });
    const { movedDeals } = await deleteStage({ ctx: manager, input: { stageId: qualified, moveDealsTo: proposal } });
    expect(movedDeals).toBe(before[qualified]);
    expect(await countStageDeals({ ctx: manager, input: { pipelineId: fixture.pipeline.id } })).toEqual({ [proposal]: 3 });
  });

  it('answers 404 for a pipeline that does not exist', async () => {
    const error = await countStageDeals({ ctx: manager, input: { pipelineId: 987_654 } }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('not_found');
  });
});
