import { beforeAll, describe, expect, it } from 'vitest';
import * as lostReasonsRoute from '../../app/api/v1/lost-reasons/route';
import * as lostReasonRoute from '../../app/api/v1/lost-reasons/[id]/route';
import * as settingsRoute from '../../app/api/v1/settings/lost-reasons/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { getLostReasonPolicy } from '../../lib/services/lost-reasons/get-lost-reason-policy';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Lost reasons and the lost-reason setting of the native API, driven through the real route handlers.

let manager: string;
let rep: string;
let repUser: Awaited<ReturnType<typeof createUserWithKey>>['user'];

beforeAll(async () => {
  ({ key: manager } = await createUserWithKey('admin', 'Ada Admin'));
  ({ key: rep, user: repUser } = await createUserWithKey('rep', 'Riley Rep'));
});

async function create(label: string) {
  const answer = await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key: manager, body: { label } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data;
}

async function labels(query = '') {
  const answer = await call(lostReasonsRoute.GET, 'GET', `/api/v1/lost-reasons${query}`, { key: rep });
  expect(answer.status).toBe(200);
  return answer.json.data.map((r: { label: string }) => r.label);
}

describe('lost reasons', () => {
  it('are created at the end of the list and listed in order with their active flag', async () => {
    const price = await create('  Price too high ');
    expect(price).toEqual({
      id: expect.stringMatching(/^lr_/),
      number: expect.any(Number),
      label: 'Price too high',
      active: true,
      position: 0,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(price.id).toBe(toPublicId('lostReason', price.number));
    const competitor = await create('Went with a competitor');
    expect(competitor.position).toBe(1);
    const list = await call(lostReasonsRoute.GET, 'GET', '/api/v1/lost-reasons', { key: rep });
    expect(list.json).toEqual({ data: [price, competitor], has_more: false, next_cursor: null });
    const one = await call(lostReasonRoute.GET, 'GET', `/api/v1/lost-reasons/${price.id}`, { key: rep, params: { id: price.id } });
    expect(one.json.data).toEqual(price);
  });

  it('refuse a duplicate label (ignoring case) with 409, on create and on relabel', async () => {
    const before = await db.lostReason.count();
    const duplicate = await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key: manager, body: { label: 'PRICE TOO HIGH' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('conflict');
    expect(await db.lostReason.count()).toBe(before);

    const timing = await create('Bad timing');
    const relabel = await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${timing.id}`, {
      key: manager,
      params: { id: timing.id },
      body: { label: 'Went with a competitor' },
    });
    expect(relabel.status).toBe(409);
    const same = await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${timing.id}`, {
      key: manager,
      params: { id: timing.id },
      body: { label: 'Bad Timing' },
    });
    expect(same.status).toBe(200);
    expect(same.json.data.label).toBe('Bad Timing');
  });

  it('are reordered, deactivated, filtered and deleted; positions stay 0..n-1', async () => {
    const all = (await call(lostReasonsRoute.GET, 'GET', '/api/v1/lost-reasons', { key: rep })).json.data;
    const last = all[all.length - 1];
    const moved = await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${last.id}`, {
      key: manager,
      params: { id: last.id },
      body: { position: 0, active: false },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ id: last.id, position: 0, active: false });
    expect(await labels()).toEqual(['Bad Timing', 'Price too high', 'Went with a competitor']);
    expect(await labels('?active=true')).toEqual(['Price too high', 'Went with a competitor']);
    expect(await labels('?active=false')).toEqual(['Bad Timing']);

    const price = all.find((r: { label: string }) => r.label === 'Price too high');
    const deleted = await call(lostReasonRoute.DELETE, 'DELETE', `/api/v1/lost-reasons/${price.id}`, { key: manager, params: { id: price.id } });
    expect(deleted.status).toBe(204);
    const after = (await call(lostReasonsRoute.GET, 'GET', '/api/v1/lost-reasons', { key: rep })).json.data;
    expect(after.map((r: { label: string; position: number }) => [r.label, r.position])).toEqual([
      ['Bad Timing', 0],
      ['Went with a competitor', 1],
    ]);
    const gone = await call(lostReasonRoute.GET, 'GET', `/api/v1/lost-reasons/${price.id}`, { key: rep, params: { id: price.id } });
    expect(gone.status).toBe(404);
    const again = await call(lostReasonRoute.DELETE, 'DELETE', `/api/v1/lost-reasons/${price.id}`, { key: manager, params: { id: price.id } });
    expect(again.status).toBe(404);
  });

  it('keep a deal’s lost reason text when the reason is deleted', async () => {
    const fixture = await createPipelineFixture('Lost reasons');
    const reason = await create('No budget');
    const deal = await db.deal.create({
      data: { name: 'Gone', pipelineId: fixture.pipeline.id, stageId: fixture.stages[4]!.id, status: 'lost', lostReason: 'No budget' },
    });
    const deleted = await call(lostReasonRoute.DELETE, 'DELETE', `/api/v1/lost-reasons/${reason.id}`, { key: manager, params: { id: reason.id } });
    expect(deleted.status).toBe(204);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).lostReason).toBe('No budget');
  });

  it('are read-only for a rep (403 on every write, nothing changes)', async () => {
    const [first] = (await call(lostReasonsRoute.GET, 'GET', '/api/v1/lost-reasons', { key: rep })).json.data;
    const before = await labels();
    const answers = [
      await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key: rep, body: { label: 'Rep reason' } }),
      await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${first.id}`, { key: rep, params: { id: first.id }, body: { active: false } }),
      await call(lostReasonRoute.DELETE, 'DELETE', `/api/v1/lost-reasons/${first.id}`, { key: rep, params: { id: first.id } }),
      await call(settingsRoute.PATCH, 'PATCH', '/api/v1/settings/lost-reasons', { key: rep, body: { allow_free_text: false } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(await labels()).toEqual(before);
    expect((await call(lostReasonRoute.GET, 'GET', `/api/v1/lost-reasons/${first.id}`, { key: rep, params: { id: first.id } })).json.data).toEqual(first);
  });

  it('answer 400 naming unknown or bad fields, and 404 for IDs of another kind', async () => {
    const unknown = await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key: manager, body: { label: 'X', lable: 'Y' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([{ path: 'lable', message: 'Unknown field "lable"' }]);
    const empty = await call(lostReasonsRoute.POST, 'POST', '/api/v1/lost-reasons', { key: manager, body: { label: '  ' } });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details[0].path).toBe('label');
    const badActive = await call(lostReasonsRoute.GET, 'GET', '/api/v1/lost-reasons?active=yes', { key: rep });
    expect(badActive.status).toBe(400);

    const stageId = toPublicId('stage', 1);
    const wrongKind = await call(lostReasonRoute.PATCH, 'PATCH', `/api/v1/lost-reasons/${stageId}`, {
      key: manager,
      params: { id: stageId },
      body: { active: false },
    });
    expect(wrongKind.status).toBe(404);
    expect(wrongKind.json.error.code).toBe('not_found');
  });
});

describe('the lost-reason setting', () => {
  it('allows free text by default; a manager can require a listed reason, which the policy reflects', async () => {
    const initial = await call(settingsRoute.GET, 'GET', '/api/v1/settings/lost-reasons', { key: rep });
    expect(initial.status).toBe(200);
    expect(initial.json).toEqual({ data: { allow_free_text: true } });
    const ctx = { user: repUser, source: 'api' as const };
    expect((await getLostReasonPolicy({ ctx })).allowFreeText).toBe(true);

    const changed = await call(settingsRoute.PATCH, 'PATCH', '/api/v1/settings/lost-reasons', { key: manager, body: { allow_free_text: false } });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ data: { allow_free_text: false } });
    expect((await call(settingsRoute.GET, 'GET', '/api/v1/settings/lost-reasons', { key: rep })).json).toEqual({ data: { allow_free_text: false } });
    expect(await db.setting.findUnique({ where: { key: 'lostReasons.allowFreeText' } })).toMatchObject({ value: false });

    // the policy lists the active reasons in list order, without inactive ones
    const active = await labels('?active=true');
    expect(await getLostReasonPolicy({ ctx })).toEqual({ allowFreeText: false, activeLabels: active });
    expect(active).not.toContain('Bad Timing');
    expect(active.length).toBeGreaterThan(0);

    const bad = await call(settingsRoute.PATCH, 'PATCH', '/api/v1/settings/lost-reasons', { key: manager, body: { allow_free_text: 'no', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['allow_free_text', 'extra']);
    const missing = await call(settingsRoute.PATCH, 'PATCH', '/api/v1/settings/lost-reasons', { key: manager, body: {} });
    expect(missing.status).toBe(400);
  });
});
