import { beforeAll, describe, expect, it } from 'vitest';
import * as upsertRoute from '../../app/api/v1/deals/upsert/route';
import * as historyRoute from '../../app/api/v1/deals/[id]/history/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// POST /deals/upsert: up to 100 deals keyed by external_id, one answer per item.

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key } = await createUserWithKey('rep'));
  sales = await createPipelineFixture();
});

const upsert = (deals: unknown[]) => call(upsertRoute.POST, 'POST', '/api/v1/deals/upsert', { key, body: { deals } });

describe('POST /deals/upsert', () => {
  it('creates new deals, updates known ones, and reports a bad item without blocking the others', async () => {
    const first = await upsert([
      { external_id: 'erp-1', name: 'Imported one', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
      { external_id: 'erp-2', name: 'Imported two', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 2000 },
    ]);
    expect(first.status).toBe(200);
    expect(first.json.meta).toEqual({ created: 2, updated: 0, failed: 0 });
    const second = await upsert([
      { external_id: 'erp-1', value: 1500, stage_id: sales.stageIds[2] },
      { external_id: 'erp-3', name: 'Bad stage', pipeline_id: sales.pipelineId, stage_id: toPublicId('stage', 999999) },
      { external_id: 'erp-4', name: 'Typo', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], valeu: 5 },
      { external_id: 'erp-5', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0] },
      { external_id: 'erp-6', name: 'Fine', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[1] },
      { external_id: 'erp-6', name: 'Twice', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[1] },
    ]);
    expect(second.status).toBe(200);
    const byIndex = second.json.data;
    expect(byIndex.map((o: { status: string }) => o.status)).toEqual(['updated', 'failed', 'failed', 'failed', 'created', 'failed']);
    expect(byIndex[0].deal).toMatchObject({ value: 1500, stage_id: sales.stageIds[2], external_id: 'erp-1' });
    expect(byIndex[1].error).toMatchObject({ code: 'unprocessable', details: [{ path: 'stage_id' }] });
    expect(byIndex[2].error.details).toContainEqual({ path: 'valeu', message: 'Unknown field "valeu"' });
    expect(byIndex[3].error.details.map((d: { path: string }) => d.path)).toContain('name');
    expect(byIndex[5].error.code).toBe('conflict');
    expect(second.json.meta).toEqual({ created: 1, updated: 1, failed: 4 });
    expect(await db.deal.count({ where: { externalId: { startsWith: 'erp-' } } })).toBe(3);
    // the update's stage change is in the history, marked as an import
    const history = await call(historyRoute.GET, 'GET', `/api/v1/deals/${byIndex[0].deal.id}/history`, { key, params: { id: byIndex[0].deal.id } });
    expect(history.json.data.map((h: { source: string }) => h.source)).toEqual(['import', 'import']);
  });

  it('takes 100 deals, refuses 101', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      external_id: `bulk-${i}`,
      name: `Bulk ${i}`,
      pipeline_id: sales.pipelineId,
      stage_id: sales.stageIds[0],
      value: i,
    }));
    const answer = await upsert(many);
    expect(answer.json.meta).toEqual({ created: 100, updated: 0, failed: 0 });
    const again = await upsert(many.map((d) => ({ ...d, value: d.value + 1 })));
    expect(again.json.meta).toEqual({ created: 0, updated: 100, failed: 0 });
    const tooMany = await upsert([...many, { external_id: 'one-more', name: 'x', stage_id: sales.stageIds[0] }]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.details[0].path).toBe('deals');
  });
});
