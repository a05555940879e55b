import { beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import { db } from '../../lib/db';
import { fromPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Creating a deal keeps the stage and the deal custom field definitions it read, per process
// (lib/services/deals/stage-for-new-deal.ts). Every change below is written straight to the
// database, as another server process would write it — nothing tells this process — and the very
// next create must still follow it.

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key } = await createUserWithKey('rep'));
  sales = await createPipelineFixture('Kept stages', ['Qualified', 'Demo', 'Proposal']);
});

const create = (stageIndex: number, body: Record<string, unknown> = {}) =>
  call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name: 'Kept stage deal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[stageIndex], value: 1000, ...body },
  });

async function firstHistoryRow(publicDealId: string) {
  return db.stageHistory.findFirstOrThrow({ where: { dealId: fromPublicId('deal', publicDealId)! }, orderBy: { id: 'asc' } });
}

describe('POST /deals after the stage or the custom fields change elsewhere', () => {
  it('records the stage probability of the moment, not the one read by an earlier create', async () => {
    const before = await create(0);
    expect(before.status).toBe(201);
    expect((await firstHistoryRow(before.json.data.id)).probability).toBe(20);
    await db.stage.update({ where: { id: sales.stages[0]!.id }, data: { probability: 35 } });
    const after = await create(0);
    expect(after.status).toBe(201);
    expect((await firstHistoryRow(after.json.data.id)).probability).toBe(35);
  });

  it('gives the deal the status of a stage that became a won stage', async () => {
    expect((await create(1)).json.data.status).toBe('open');
    await db.stage.update({ where: { id: sales.stages[1]!.id }, data: { outcome: 'won', probability: 100 } });
    const after = await create(1);
    expect(after.status).toBe(201);
    expect(after.json.data).toMatchObject({ status: 'won', stage_id: sales.stageIds[1] });
    expect(after.json.data.closed_at).not.toBeNull();
    await db.stage.update({ where: { id: sales.stages[1]!.id }, data: { outcome: null, probability: 40 } });
    expect((await create(1)).json.data.status).toBe('open');
  });

  it('asks for a custom field that became required, and checks values against a changed definition', async () => {
    expect((await create(2)).status).toBe(201);
    const field = await db.customFieldDefinition.create({
      data: { key: 'kept_region', label: 'Region', type: 'select', options: ['EMEA', 'APAC'], required: true },
    });
    try {
      const missing = await create(2);
      expect(missing.status).toBe(400);
      expect(missing.json.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'custom_fields.kept_region' })]));
      expect((await create(2, { custom_fields: { kept_region: 'EMEA' } })).status).toBe(201);
      await db.customFieldDefinition.update({ where: { id: field.id }, data: { options: ['AMER'] } });
      expect((await create(2, { custom_fields: { kept_region: 'EMEA' } })).status).toBe(400);
      const renamed = await create(2, { custom_fields: { kept_region: 'AMER' } });
      expect(renamed.status).toBe(201);
      expect(renamed.json.data.custom_fields).toEqual({ kept_region: 'AMER' });
    } finally {
      await db.customFieldDefinition.delete({ where: { id: field.id } });
    }
    expect((await create(2)).status).toBe(201);
  });

  it('refuses a stage deleted since, and a stage of a deleted pipeline, writing nothing', async () => {
    expect((await create(0)).status).toBe(201);
    const count = await db.deal.count();
    await db.stage.update({ where: { id: sales.stages[0]!.id }, data: { deletedAt: new Date() } });
    const gone = await create(0);
    expect(gone.status).toBe(422);
    expect(gone.json.error.details).toEqual([expect.objectContaining({ path: 'stage_id' })]);
    await db.stage.update({ where: { id: sales.stages[0]!.id }, data: { deletedAt: null } });

    expect((await create(2)).status).toBe(201);
    await db.pipeline.update({ where: { id: sales.pipeline.id }, data: { deletedAt: new Date() } });
    expect((await create(2)).status).toBe(422);
    await db.pipeline.update({ where: { id: sales.pipeline.id }, data: { deletedAt: null } });
    expect(await db.deal.count()).toBe(count + 1);
  });
});
