import { beforeAll, describe, expect, it } from 'vitest';
import * as pipelinesRoute from '../../app/api/v1/pipelines/route';
import * as pipelineRoute from '../../app/api/v1/pipelines/[id]/route';
import * as pipelineStagesRoute from '../../app/api/v1/pipelines/[id]/stages/route';
import * as stageRoute from '../../app/api/v1/stages/[id]/route';
import { db } from '../../lib/db';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Pipelines and stages of the native API, driven through the real route handlers.

let manager: string;
let rep: string;

beforeAll(async () => {
  ({ key: manager } = await createUserWithKey('manager', 'Morgan Manager'));
  ({ key: rep } = await createUserWithKey('rep', 'Riley Rep'));
});

const stageNames = (pipeline: { stages: { name: string }[] }) => pipeline.stages.map((s) => s.name);

async function createPipeline(name: string, stages: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const answer = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', { key: manager, body: { name, stages, ...extra } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data;
}

async function getPipeline(id: string) {
  const answer = await call(pipelineRoute.GET, 'GET', `/api/v1/pipelines/${id}`, { key: rep, params: { id } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json.data;
}

async function createDeal(stage: { id: number; pipelineId: number }, data: Record<string, unknown> = {}) {
  return db.deal.create({ data: { name: 'Deal', pipelineId: stage.pipelineId, stageId: stage.id, value: 1000n, ...data } });
}

// First, on the fresh database: the workspace's only pipeline cannot go.
describe('the only pipeline', () => {
  it('can be deleted while another remains, but not when it is the last one; the default passes on', async () => {
    expect(await db.pipeline.count({ where: { deletedAt: null } })).toBe(0);
    const first = await createPipeline('First', [{ name: 'Open' }]);
    const second = await createPipeline('Second', [{ name: 'Open' }]);
    // the first pipeline created becomes the default; a later one does not unless asked
    expect(first.is_default).toBe(true);
    expect(second.is_default).toBe(false);

    const deleted = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${first.id}`, { key: manager, params: { id: first.id } });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    expect((await getPipeline(second.id)).is_default).toBe(true);

    const last = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${second.id}`, { key: manager, params: { id: second.id } });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('conflict');
    expect(last.json.error.message).toMatch(/only pipeline/);
    await getPipeline(second.id);
  });
});

describe('POST /pipelines', () => {
  it('creates the pipeline with its stages in the order given, and GET answers the same shape', async () => {
    const created = await createPipeline('Enterprise', [
      { name: '  Qualified  ', probability: 10, rotting_days: 14 },
      { name: 'Demo', probability: 40 },
      { name: 'Won', outcome: 'won' },
      { name: 'Lost', outcome: 'lost' },
    ]);
    expect(created).toEqual({
      id: expect.stringMatching(/^pipe_/),
      number: expect.any(Number),
      name: 'Enterprise',
      is_default: false,
      position: expect.any(Number),
      stages: [
        {
          id: expect.stringMatching(/^stg_/),
          number: expect.any(Number),
          pipeline_id: created.id,
          name: 'Qualified',
          position: 0,
          probability: 10,
          rotting_days: 14,
          outcome: null,
        },
        {
          id: expect.stringMatching(/^stg_/),
          number: expect.any(Number),
          pipeline_id: created.id,
          name: 'Demo',
          position: 1,
          probability: 40,
          rotting_days: null,
          outcome: null,
        },
        {
          id: expect.stringMatching(/^stg_/),
          number: expect.any(Number),
          pipeline_id: created.id,
          name: 'Won',
          position: 2,
          probability: 100,
          rotting_days: null,
          outcome: 'won',
        },
        {
          id: expect.stringMatching(/^stg_/),
          number: expect.any(Number),
          pipeline_id: created.id,
          name: 'Lost',
          position: 3,
          probability: 0,
          rotting_days: null,
          outcome: 'lost',
        },
      ],
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(created.id).toBe(toPublicId('pipeline', created.number));
    expect(await getPipeline(created.id)).toEqual(created);

    const stages = await call(pipelineStagesRoute.GET, 'GET', `/api/v1/pipelines/${created.id}/stages`, { key: rep, params: { id: created.id } });
    expect(stages.status).toBe(200);
    expect(stages.json).toEqual({ data: created.stages, has_more: false, next_cursor: null });
  });

  it('names an unknown field, also inside a stage, with a 400 and writes nothing', async () => {
    const before = await db.pipeline.count();
    const answer = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', {
      key: manager,
      body: { name: 'Typo', colour: 'red', stages: [{ name: 'A', probabilty: 20 }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.details).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'Unknown field "colour"' },
        { path: 'stages.0.probabilty', message: 'Unknown field "probabilty"' },
      ]),
    );
    expect(await db.pipeline.count()).toBe(before);
  });

  it('refuses bad names, probabilities, rotting days and outcomes with 400 naming each field', async () => {
    const answer = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', {
      key: manager,
      body: {
        name: '   ',
        stages: [
          { name: 'x'.repeat(201), probability: 101 },
          { name: 'B', probability: 12.5, rotting_days: 0, outcome: 'maybe' },
        ],
      },
    });
    expect(answer.status).toBe(400);
    const paths = answer.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'stages.0.name', 'stages.0.probability', 'stages.1.probability', 'stages.1.rotting_days', 'stages.1.outcome']),
    );

    const noStages = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', { key: manager, body: { name: 'Empty', stages: [] } });
    expect(noStages.status).toBe(400);
    expect(noStages.json.error.details[0].path).toBe('stages');
  });

  it('is refused to a rep with 403, while a rep may read', async () => {
    const answer = await call(pipelinesRoute.POST, 'POST', '/api/v1/pipelines', { key: rep, body: { name: 'Mine', stages: [{ name: 'A' }] } });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('forbidden');
    const list = await call(pipelinesRoute.GET, 'GET', '/api/v1/pipelines', { key: rep });
    expect(list.status).toBe(200);
    expect(list.json.data.map((p: { name: string }) => p.name)).not.toContain('Mine');
  });
});

describe('GET /pipelines', () => {
  it('pages through the pipelines in position order without repeats, each item shaped like GET one', async () => {
    await createPipeline('Page A', [{ name: 'A' }]);
    await createPipeline('Page B', [{ name: 'B' }]);
    await createPipeline('Page C', [{ name: 'C' }]);
    const seen: { id: string; position: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const answer = await call(pipelinesRoute.GET, 'GET', `/api/v1/pipelines${query}`, { key: rep });
      expect(answer.status).toBe(200);
      expect(answer.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...answer.json.data);
      cursor = answer.json.next_cursor;
      expect(answer.json.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 20);

    const live = await db.pipeline.findMany({ where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
    expect(seen.map((p) => p.id)).toEqual(live.map((p) => toPublicId('pipeline', p.id)));
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    const one = seen.find((p) => p.id === toPublicId('pipeline', live[0]!.id))!;
    expect(one).toEqual(await getPipeline(one.id));
  });

  it('answers 400 for a bad limit or cursor', async () => {
    const limit = await call(pipelinesRoute.GET, 'GET', '/api/v1/pipelines?limit=500', { key: rep });
    expect(limit.status).toBe(400);
    expect(limit.json.error.details[0].path).toBe('limit');
    const cursor = await call(pipelinesRoute.GET, 'GET', '/api/v1/pipelines?cursor=nonsense', { key: rep });
    expect(cursor.status).toBe(400);
    expect(cursor.json.error.details[0].path).toBe('cursor');
  });
});

describe('PATCH /pipelines/:id', () => {
  it('renames, and making a pipeline the default unsets the previous default', async () => {
    const pipeline = await createPipeline('Renewals', [{ name: 'Due' }]);
    const renamed = await call(pipelineRoute.PATCH, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      key: manager,
      params: { id: pipeline.id },
      body: { name: ' Renewals 2026 ', is_default: true },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.data).toMatchObject({ id: pipeline.id, name: 'Renewals 2026', is_default: true, stages: pipeline.stages });
    const defaults = await db.pipeline.findMany({ where: { isDefault: true, deletedAt: null } });
    expect(defaults.map((p) => p.id)).toEqual([pipeline.number]);

    const unset = await call(pipelineRoute.PATCH, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      key: manager,
      params: { id: pipeline.id },
      body: { is_default: false },
    });
    expect(unset.status).toBe(409);
    expect((await getPipeline(pipeline.id)).is_default).toBe(true);
  });

  it('moves a pipeline and renumbers all pipelines 0..n-1', async () => {
    const moved = await createPipeline('Moved first', [{ name: 'A' }]);
    const answer = await call(pipelineRoute.PATCH, 'PATCH', `/api/v1/pipelines/${moved.id}`, { key: manager, params: { id: moved.id }, body: { position: 0 } });
    expect(answer.status).toBe(200);
    expect(answer.json.data.position).toBe(0);
    const list = await call(pipelinesRoute.GET, 'GET', '/api/v1/pipelines?limit=200', { key: rep });
    expect(list.json.data[0].id).toBe(moved.id);
    expect(list.json.data.map((p: { position: number }) => p.position)).toEqual(list.json.data.map((_: unknown, i: number) => i));
  });

  it('is refused to a rep (403) and changes nothing', async () => {
    const pipeline = await createPipeline('Guarded', [{ name: 'A' }]);
    const answer = await call(pipelineRoute.PATCH, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      key: rep,
      params: { id: pipeline.id },
      body: { name: 'Hacked' },
    });
    expect(answer.status).toBe(403);
    expect((await getPipeline(pipeline.id)).name).toBe('Guarded');
    const deleted = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${pipeline.id}`, { key: rep, params: { id: pipeline.id } });
    expect(deleted.status).toBe(403);
    await getPipeline(pipeline.id);
  });
});

describe('DELETE /pipelines/:id', () => {
  it('is refused (409) while the pipeline holds deals; once they are deleted it goes, and is 404 and unlisted after', async () => {
    const fixture = await createPipelineFixture('Holding');
    const deal = await createDeal(fixture.stages[0]!);
    const refused = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${fixture.pipelineId}`, { key: manager, params: { id: fixture.pipelineId } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/1 deal/);
    expect((await db.pipeline.findUniqueOrThrow({ where: { id: fixture.pipeline.id } })).deletedAt).toBeNull();

    await db.deal.update({ where: { id: deal.id }, data: { deletedAt: new Date() } });
    const deleted = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${fixture.pipelineId}`, { key: manager, params: { id: fixture.pipelineId } });
    expect(deleted.status).toBe(204);

    const get = await call(pipelineRoute.GET, 'GET', `/api/v1/pipelines/${fixture.pipelineId}`, { key: rep, params: { id: fixture.pipelineId } });
    expect(get.status).toBe(404);
    const stage = await call(stageRoute.GET, 'GET', `/api/v1/stages/${fixture.stageIds[0]}`, { key: rep, params: { id: fixture.stageIds[0]! } });
    expect(stage.status).toBe(404);
    const list = await call(pipelinesRoute.GET, 'GET', '/api/v1/pipelines?limit=200', { key: rep });
    expect(list.json.data.map((p: { id: string }) => p.id)).not.toContain(fixture.pipelineId);
    const again = await call(pipelineRoute.DELETE, 'DELETE', `/api/v1/pipelines/${fixture.pipelineId}`, { key: manager, params: { id: fixture.pipelineId } });
    expect(again.status).toBe(404);
  });
});

describe('IDs in the path', () => {
  it('answers 404 for unknown IDs and IDs of another kind', async () => {
    const fixture = await createPipelineFixture('Kinds');
    const dealId = toPublicId('deal', 1);
    const stageAsDeal = await call(stageRoute.GET, 'GET', `/api/v1/stages/${dealId}`, { key: rep, params: { id: dealId } });
    expect(stageAsDeal.status).toBe(404);
    expect(stageAsDeal.json.error.code).toBe('not_found');
    const patchAsDeal = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${dealId}`, { key: manager, params: { id: dealId }, body: { name: 'X' } });
    expect(patchAsDeal.status).toBe(404);
    const pipelineAsStage = await call(pipelineRoute.GET, 'GET', `/api/v1/pipelines/${fixture.stageIds[0]}`, {
      key: rep,
      params: { id: fixture.stageIds[0]! },
    });
    expect(pipelineAsStage.status).toBe(404);
    const stagesOfStage = await call(pipelineStagesRoute.GET, 'GET', `/api/v1/pipelines/${fixture.stageIds[0]}/stages`, {
      key: rep,
      params: { id: fixture.stageIds[0]! },
    });
    expect(stagesOfStage.status).toBe(404);
    const unknown = toPublicId('stage', 999_999);
    const unknownStage = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${unknown}`, { key: manager, params: { id: unknown } });
    expect(unknownStage.status).toBe(404);
    const garbage = await call(pipelineRoute.GET, 'GET', '/api/v1/pipelines/pipe_nope', { key: rep, params: { id: 'pipe_nope' } });
    expect(garbage.status).toBe(404);
  });
});

describe('stages', () => {
  it('POST inserts at a position, shifting later stages, and appends by default', async () => {
    const fixture = await createPipelineFixture('Insert', ['A', 'B', 'C']);
    const inserted = await call(pipelineStagesRoute.POST, 'POST', `/api/v1/pipelines/${fixture.pipelineId}/stages`, {
      key: manager,
      params: { id: fixture.pipelineId },
      body: { name: 'A2', position: 1, probability: 30, rotting_days: 7 },
    });
    expect(inserted.status).toBe(201);
    expect(inserted.json.data).toMatchObject({ name: 'A2', position: 1, probability: 30, rotting_days: 7, outcome: null, pipeline_id: fixture.pipelineId });
    const appended = await call(pipelineStagesRoute.POST, 'POST', `/api/v1/pipelines/${fixture.pipelineId}/stages`, {
      key: manager,
      params: { id: fixture.pipelineId },
      body: { name: 'Done', outcome: 'won' },
    });
    expect(appended.status).toBe(201);
    expect(appended.json.data).toMatchObject({ position: 4, probability: 100, outcome: 'won' });

    const pipeline = await getPipeline(fixture.pipelineId);
    expect(stageNames(pipeline)).toEqual(['A', 'A2', 'B', 'C', 'Done']);
    expect(pipeline.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3, 4]);

    const forbidden = await call(pipelineStagesRoute.POST, 'POST', `/api/v1/pipelines/${fixture.pipelineId}/stages`, {
      key: rep,
      params: { id: fixture.pipelineId },
      body: { name: 'Rep stage' },
    });
    expect(forbidden.status).toBe(403);
    expect(stageNames(await getPipeline(fixture.pipelineId))).toEqual(['A', 'A2', 'B', 'C', 'Done']);
  });

  it('keeps positions unique and 0..n-1 under concurrent inserts and moves', async () => {
    const fixture = await createPipelineFixture('Busy board', ['A', 'B']);
    const answers = await Promise.all([
      ...['N1', 'N2', 'N3', 'N4'].map((name) =>
        call(pipelineStagesRoute.POST, 'POST', `/api/v1/pipelines/${fixture.pipelineId}/stages`, {
          key: manager,
          params: { id: fixture.pipelineId },
          body: { name, position: 1 },
        }),
      ),
      call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${fixture.stageIds[0]}`, { key: manager, params: { id: fixture.stageIds[0]! }, body: { position: 99 } }),
      call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${fixture.stageIds[1]}`, { key: manager, params: { id: fixture.stageIds[1]! }, body: { position: 0 } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 200, 200]);
    const pipeline = await getPipeline(fixture.pipelineId);
    expect([...stageNames(pipeline)].sort()).toEqual(['A', 'B', 'N1', 'N2', 'N3', 'N4']);
    expect(pipeline.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('PATCH position reorders and renumbers the pipeline’s stages 0..n-1', async () => {
    const fixture = await createPipelineFixture('Reorder', ['A', 'B', 'C', 'D']);
    const moveD = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${fixture.stageIds[3]}`, {
      key: manager,
      params: { id: fixture.stageIds[3]! },
      body: { position: 0 },
    });
    expect(moveD.status).toBe(200);
    expect(moveD.json.data).toMatchObject({ id: fixture.stageIds[3], name: 'D', position: 0 });
    let pipeline = await getPipeline(fixture.pipelineId);
    expect(stageNames(pipeline)).toEqual(['D', 'A', 'B', 'C']);
    expect(pipeline.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3]);

    // past the end means at the end
    const moveA = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${fixture.stageIds[0]}`, {
      key: manager,
      params: { id: fixture.stageIds[0]! },
      body: { position: 99 },
    });
    expect(moveA.json.data.position).toBe(3);
    pipeline = await getPipeline(fixture.pipelineId);
    expect(stageNames(pipeline)).toEqual(['D', 'B', 'C', 'A']);
    expect(pipeline.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3]);
  });

  it('PATCH renames and sets probability, rotting days and outcome; refuses bad values and reps', async () => {
    const fixture = await createPipelineFixture('Edit', ['A', 'B']);
    const id = fixture.stageIds[0]!;
    const answer = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${id}`, {
      key: manager,
      params: { id },
      body: { name: 'Closed won', probability: 100, rotting_days: 30, outcome: 'won' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({
      id,
      number: fromPublicId('stage', id),
      pipeline_id: fixture.pipelineId,
      name: 'Closed won',
      position: 0,
      probability: 100,
      rotting_days: 30,
      outcome: 'won',
    });
    const cleared = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${id}`, {
      key: manager,
      params: { id },
      body: { rotting_days: null, outcome: null },
    });
    expect(cleared.json.data).toMatchObject({ name: 'Closed won', rotting_days: null, outcome: null, probability: 100 });
    const get = await call(stageRoute.GET, 'GET', `/api/v1/stages/${id}`, { key: rep, params: { id } });
    expect(get.json.data).toEqual(cleared.json.data);

    const bad = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${id}`, {
      key: manager,
      params: { id },
      body: { probability: -1, rotting_days: 2.5, outcome: 'pending', position: -1, nmae: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['nmae', 'outcome', 'position', 'probability', 'rotting_days']);

    const forbidden = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${id}`, { key: rep, params: { id }, body: { name: 'Rep' } });
    expect(forbidden.status).toBe(403);
    const forbiddenDelete = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[1]}`, {
      key: rep,
      params: { id: fixture.stageIds[1]! },
    });
    expect(forbiddenDelete.status).toBe(403);
    expect(stageNames(await getPipeline(fixture.pipelineId))).toEqual(['Closed won', 'B']);
  });

  it('DELETE of an empty stage soft-deletes it and renumbers the rest; the last stage cannot go', async () => {
    const fixture = await createPipelineFixture('Shrink', ['A', 'B', 'C']);
    const deleted = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[0]}`, { key: manager, params: { id: fixture.stageIds[0]! } });
    expect(deleted.status).toBe(204);
    expect((await db.stage.findUniqueOrThrow({ where: { id: fixture.stages[0]!.id } })).deletedAt).not.toBeNull();
    const pipeline = await getPipeline(fixture.pipelineId);
    expect(stageNames(pipeline)).toEqual(['B', 'C']);
    expect(pipeline.stages.map((s: { position: number }) => s.position)).toEqual([0, 1]);
    const gone = await call(stageRoute.GET, 'GET', `/api/v1/stages/${fixture.stageIds[0]}`, { key: rep, params: { id: fixture.stageIds[0]! } });
    expect(gone.status).toBe(404);
    const patchGone = await call(stageRoute.PATCH, 'PATCH', `/api/v1/stages/${fixture.stageIds[0]}`, {
      key: manager,
      params: { id: fixture.stageIds[0]! },
      body: { name: 'Back' },
    });
    expect(patchGone.status).toBe(404);

    await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[1]}`, { key: manager, params: { id: fixture.stageIds[1]! } });
    const last = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[2]}`, { key: manager, params: { id: fixture.stageIds[2]! } });
    expect(last.status).toBe(409);
    expect(last.json.error.message).toMatch(/only stage/);
    expect(stageNames(await getPipeline(fixture.pipelineId))).toEqual(['C']);
  });
});

describe('DELETE /stages/:id with deals', () => {
  it('is refused (409) without move_deals_to, and nothing changes', async () => {
    const fixture = await createPipelineFixture('Busy', ['A', 'B']);
    const deal = await createDeal(fixture.stages[0]!);
    const answer = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[0]}`, { key: manager, params: { id: fixture.stageIds[0]! } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('conflict');
    expect(answer.json.error.message).toMatch(/move_deals_to/);
    expect(await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).toEqual(deal);
    expect(stageNames(await getPipeline(fixture.pipelineId))).toEqual(['A', 'B']);
  });

  it('refuses a move_deals_to that is deleted, this stage, unknown or not a stage ID, and nothing changes', async () => {
    const fixture = await createPipelineFixture('Stuck', ['A', 'B', 'C']);
    const deals = [await createDeal(fixture.stages[0]!), await createDeal(fixture.stages[0]!, { status: 'won' })];
    await db.stage.update({ where: { id: fixture.stages[2]!.id }, data: { deletedAt: new Date() } });
    const id = fixture.stageIds[0]!;

    for (const target of [fixture.stageIds[2]!, id, toPublicId('stage', 999_999)]) {
      const answer = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${id}?move_deals_to=${target}`, { key: manager, params: { id } });
      expect(answer.status, target).toBe(422);
      expect(answer.json.error.code).toBe('unprocessable');
      expect(answer.json.error.details[0].path).toBe('move_deals_to');
    }
    const wrongKind = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${id}?move_deals_to=${toPublicId('deal', 1)}`, { key: manager, params: { id } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.error.details[0].path).toBe('move_deals_to');

    for (const deal of deals) expect(await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).toEqual(deal);
    expect(await db.stageHistory.count({ where: { dealId: { in: deals.map((d) => d.id) } } })).toBe(0);
    expect((await db.stage.findUniqueOrThrow({ where: { id: fixture.stages[0]!.id } })).deletedAt).toBeNull();
  });

  it('moves every deal to the end of the target stage of another pipeline, with one history row each', async () => {
    const source = await createPipelineFixture('Source', ['Old', 'Keep']);
    const target = await createPipelineFixture('Target', ['New', 'Other']);
    const [oldStage, keepStage] = source.stages;
    const newStage = target.stages[0]!;
    const waiting = await createDeal(newStage, { position: 5 });
    const movers = [
      await createDeal(oldStage!, { name: 'First', position: 1, value: 2500n, currency: 'EUR' }),
      await createDeal(oldStage!, { name: 'Second', position: 2, status: 'lost', closedAt: new Date('2026-01-01T00:00:00Z'), lostReason: 'Price' }),
      await createDeal(oldStage!, { name: 'Stalled', position: 3, status: 'stalled' }),
    ];
    const deletedDeal = await createDeal(oldStage!, { name: 'Deleted', deletedAt: new Date() });
    const bystander = await createDeal(keepStage!);

    const id = source.stageIds[0]!;
    const requestedAt = Date.now();
    const answer = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${id}?move_deals_to=${target.stageIds[0]}`, { key: manager, params: { id } });
    expect(answer.status, JSON.stringify(answer.json)).toBe(204);

    const moved = await db.deal.findMany({ where: { id: { in: movers.map((d) => d.id) } }, orderBy: { position: 'asc' } });
    expect(moved.map((d) => d.name)).toEqual(['First', 'Second', 'Stalled']);
    for (const deal of moved) {
      expect(deal.stageId).toBe(newStage.id);
      expect(deal.pipelineId).toBe(target.pipeline.id);
      expect(deal.version).toBe(2);
      expect(deal.position).toBeGreaterThan(waiting.position);
      expect(deal.stageEnteredAt.getTime()).toBeGreaterThanOrEqual(requestedAt - 1000);
    }
    // as any move (lib/deal-lifecycle/stage-rules.ts): a deal marked lost in a stage without an
    // outcome stays lost, with its closing date and reason, in another such stage; a stalled one stays stalled
    expect(moved.map((d) => d.status)).toEqual(['open', 'lost', 'stalled']);
    expect(moved[1]!.closedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(moved[1]!.lostReason).toBe('Price');

    const history = await db.stageHistory.findMany({ where: { dealId: { in: movers.map((d) => d.id) } }, orderBy: { dealId: 'asc' } });
    expect(history).toHaveLength(3);
    expect(new Set(history.map((h) => h.dealId)).size).toBe(3);
    for (const row of history) {
      expect(row).toMatchObject({
        fromStageId: oldStage!.id,
        toStageId: newStage.id,
        fromPipelineId: source.pipeline.id,
        toPipelineId: target.pipeline.id,
        reason: 'Stage "Old" was deleted',
        source: 'api',
        probability: newStage.probability,
      });
    }
    expect(history[0]).toMatchObject({ value: 2500n, currency: 'EUR' });

    // the deleted deal, the bystander and the target's own deal are untouched
    expect(await db.deal.findUniqueOrThrow({ where: { id: deletedDeal.id } })).toEqual(deletedDeal);
    expect(await db.deal.findUniqueOrThrow({ where: { id: bystander.id } })).toEqual(bystander);
    expect(await db.deal.findUniqueOrThrow({ where: { id: waiting.id } })).toEqual(waiting);
    expect(stageNames(await getPipeline(source.pipelineId))).toEqual(['Keep']);
    expect(stageNames(await getPipeline(target.pipelineId))).toEqual(['New', 'Other']);
  });

  it('gives moved deals the target stage’s outcome as status, with move_deals_to in a JSON body', async () => {
    const fixture = await createPipelineFixture('Closing', ['Negotiation', 'Review', 'Won']);
    const deals = [await createDeal(fixture.stages[0]!), await createDeal(fixture.stages[0]!, { status: 'lost', closedAt: new Date('2026-01-01T00:00:00Z') })];
    const id = fixture.stageIds[0]!;
    const answer = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${id}`, {
      key: manager,
      params: { id },
      body: { move_deals_to: fixture.stageIds[2] },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(204);
    const moved = await db.deal.findMany({ where: { id: { in: deals.map((d) => d.id) } } });
    expect(moved.map((d) => d.status)).toEqual(['won', 'won']);
    for (const deal of moved) {
      expect(deal.stageId).toBe(fixture.stages[2]!.id);
      expect(deal.closedAt).not.toBeNull();
      expect(deal.closedAt!.getTime()).toBeGreaterThan(new Date('2026-01-02T00:00:00Z').getTime());
    }
    const history = await db.stageHistory.findMany({ where: { dealId: { in: deals.map((d) => d.id) } } });
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.reason, h.probability])).toEqual([
      [fixture.stages[0]!.id, fixture.stages[2]!.id, 'Stage "Negotiation" was deleted', 100],
      [fixture.stages[0]!.id, fixture.stages[2]!.id, 'Stage "Negotiation" was deleted', 100],
    ]);
    expect(stageNames(await getPipeline(fixture.pipelineId))).toEqual(['Review', 'Won']);

    const unknownField = await call(stageRoute.DELETE, 'DELETE', `/api/v1/stages/${fixture.stageIds[1]}`, {
      key: manager,
      params: { id: fixture.stageIds[1]! },
      body: { move_deal_to: fixture.stageIds[2] },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error.details).toEqual([{ path: 'move_deal_to', message: 'Unknown field "move_deal_to"' }]);
  });
});
