import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listTasksRoute, POST as createTaskRoute } from '@/app/api/v1/tasks/route';
import { DELETE as deleteTaskRoute, GET as getTaskRoute, PATCH as patchTaskRoute } from '@/app/api/v1/tasks/[id]/route';
import { GET as listDealTasksRoute } from '@/app/api/v1/deals/[id]/tasks/route';
import { db } from '@/lib/db';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types handlers with untyped params; ours declare theirs ({ id })
type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

type TaskJson = { id: string; status: string; completed_at: string | null; [field: string]: unknown };

let key: string;
let managerId: string;
let repKey: string;
let repId: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key, publicId: managerId } = await createUserWithKey('manager'));
  ({ key: repKey, publicId: repId } = await createUserWithKey('rep'));
  fixture = await createPipelineFixture();
});

async function createDeal(name = 'Acme deal') {
  const deal = await db.deal.create({ data: { name, pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id } });
  return { ...deal, publicId: toPublicId('deal', deal.id) };
}

async function createTask(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createTaskRoute, 'POST', '/api/v1/tasks', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as TaskJson;
}

const getTask = (id: string, apiKey = key) => call(getTaskRoute, 'GET', `/api/v1/tasks/${id}`, { key: apiKey, params: { id } });
const patchTask = (id: string, body: unknown, apiKey = key) => call(patchTaskRoute, 'PATCH', `/api/v1/tasks/${id}`, { key: apiKey, params: { id }, body });
const deleteTask = (id: string, apiKey = key) => call(deleteTaskRoute, 'DELETE', `/api/v1/tasks/${id}`, { key: apiKey, params: { id } });
const listTasks = (query: string, apiKey = key) => call(listTasksRoute, 'GET', `/api/v1/tasks${query}`, { key: apiKey });
const listDealTasks = (dealId: string, query = '', apiKey = key) =>
  call(listDealTasksRoute, 'GET', `/api/v1/deals/${dealId}/tasks${query}`, { key: apiKey, params: { id: dealId } });

function ids(answer: { json: { data: { id: string }[] } }): string[] {
  return answer.json.data.map((t) => t.id);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY = 86_400_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tasks API: authentication', () => {
  it('answers 401 without an API key', async () => {
    expect((await call(listTasksRoute, 'GET', '/api/v1/tasks')).status).toBe(401);
    const create = await call(createTaskRoute, 'POST', '/api/v1/tasks', { body: { title: 'x' } });
    expect(create.status).toBe(401);
    expect(create.json.error.code).toBe('unauthorized');
  });
});

describe('tasks API: create and read', () => {
  it('creates a pending, medium-priority task assigned to and created by the acting user', async () => {
    const created = await createTask({ title: ' Call back ' }, repKey);
    expect(created).toEqual({
      id: expect.stringMatching(/^task_/),
      number: fromPublicId('task', created.id),
      deal_id: null,
      title: 'Call back',
      priority: 'medium',
      status: 'pending',
      due_at: null,
      completed_at: null,
      assignee_id: repId,
      created_by_id: repId,
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    const read = await getTask(created.id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ data: created });
  });

  it('keeps every field sent; a task created completed is stamped completed now', async () => {
    const deal = await createDeal();
    const created = await createTask({ deal_id: deal.publicId, title: 'Send proposal', priority: 'high', due_at: '2026-03-20T17:00:00Z', assignee_id: repId });
    expect(created).toMatchObject({
      deal_id: deal.publicId,
      title: 'Send proposal',
      priority: 'high',
      status: 'pending',
      due_at: '2026-03-20T17:00:00Z',
      assignee_id: repId,
      created_by_id: managerId,
    });

    const before = Math.floor(Date.now() / 1000) * 1000;
    const done = await createTask({ title: 'Already done', status: 'completed', assignee_id: null, priority: 'low' });
    expect(done).toMatchObject({ status: 'completed', assignee_id: null, priority: 'low' });
    expect(Date.parse(done.completed_at!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(done.completed_at!)).toBeLessThanOrEqual(Date.now());
  });

  it('answers 400 naming an unknown or bad field', async () => {
    const typo = await call(createTaskRoute, 'POST', '/api/v1/tasks', { key, body: { title: 'x', due: '2026-01-01' } });
    expect(typo.status).toBe(400);
    expect(typo.json.error.code).toBe('validation_failed');
    expect(typo.json.error.details).toContainEqual({ path: 'due', message: 'Unknown field "due"' });

    const cases: [Record<string, unknown>, string][] = [
      [{}, 'title'],
      [{ title: '  ' }, 'title'],
      [{ title: 'x', priority: 'urgent' }, 'priority'],
      [{ title: 'x', status: 'done' }, 'status'],
      [{ title: 'x', due_at: 'next week' }, 'due_at'],
      [{ title: 'x', deal_id: 'cont_abc' }, 'deal_id'],
      [{ title: 'x', assignee_id: 12 }, 'assignee_id'],
      [{ title: 'x', completed_at: '2026-01-01T00:00:00Z' }, 'completed_at'],
    ];
    for (const [body, path] of cases) {
      const answer = await call(createTaskRoute, 'POST', '/api/v1/tasks', { key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('answers 422 for a deal or assignee that does not exist, writing nothing', async () => {
    const count = await db.task.count();
    const missingDeal = await call(createTaskRoute, 'POST', '/api/v1/tasks', { key, body: { title: 'x', deal_id: toPublicId('deal', 999_999) } });
    expect(missingDeal.status).toBe(422);
    expect(missingDeal.json.error.code).toBe('unprocessable');
    expect(missingDeal.json.error.details).toEqual([{ path: 'deal_id', message: 'No deal with this ID exists' }]);
    const deleted = await createDeal('Deleted');
    await db.deal.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    expect((await call(createTaskRoute, 'POST', '/api/v1/tasks', { key, body: { title: 'x', deal_id: deleted.publicId } })).status).toBe(422);
    const missingUser = await call(createTaskRoute, 'POST', '/api/v1/tasks', { key, body: { title: 'x', assignee_id: toPublicId('user', 999_999) } });
    expect(missingUser.status).toBe(422);
    expect(missingUser.json.error.details).toEqual([{ path: 'assignee_id', message: 'No user with this ID exists' }]);
    expect(await db.task.count()).toBe(count);
  });

  it('answers 404 for unknown IDs and IDs of another kind', async () => {
    const task = await createTask({ title: 'Known' });
    const number = fromPublicId('task', task.id)!;
    for (const id of [toPublicId('task', number + 10_000), toPublicId('activity', number), toPublicId('deal', number), 'task_zz', 'x']) {
      const answer = await getTask(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
      expect((await patchTask(id, { title: 'x' })).status, id).toBe(404);
      expect((await deleteTask(id)).status, id).toBe(404);
    }
  });
});

describe('tasks API: update and delete', () => {
  it('stamps completed_at on completion, keeps it when sent again, clears it on reopening', async () => {
    const task = await createTask({ title: 'Finish me' });
    const before = Math.floor(Date.now() / 1000) * 1000;
    const completed = await patchTask(task.id, { status: 'completed' });
    expect(completed.status).toBe(200);
    expect(completed.json.data.status).toBe('completed');
    const stamp = completed.json.data.completed_at as string;
    expect(stamp).toMatch(ISO);
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before);

    await sleep(1100);
    const again = await patchTask(task.id, { status: 'completed', title: 'Finished' });
    expect(again.json.data).toMatchObject({ status: 'completed', completed_at: stamp, title: 'Finished' });

    const reopened = await patchTask(task.id, { status: 'pending' });
    expect(reopened.json.data).toMatchObject({ status: 'pending', completed_at: null });
    expect((await getTask(task.id)).json.data).toEqual(reopened.json.data);
  });

  it('changes only the fields sent; null clears deal, due date and assignee', async () => {
    const deal = await createDeal();
    const task = await createTask({ deal_id: deal.publicId, title: 'Edit me', due_at: '2026-05-01T09:00:00Z' });
    const changed = await patchTask(task.id, { priority: 'high', due_at: '2026-05-02T09:00:00Z', assignee_id: repId }, repKey);
    expect(changed.status).toBe(200);
    expect(changed.json.data).toMatchObject({
      deal_id: deal.publicId,
      title: 'Edit me',
      priority: 'high',
      due_at: '2026-05-02T09:00:00Z',
      assignee_id: repId,
      created_by_id: managerId,
    });
    const cleared = await patchTask(task.id, { deal_id: null, due_at: null, assignee_id: null });
    expect(cleared.json.data).toMatchObject({ deal_id: null, due_at: null, assignee_id: null });
  });

  it('answers 400 for an empty or bad change and 422 for unknown references', async () => {
    const task = await createTask({ title: 'Stable' });
    expect((await patchTask(task.id, {})).status).toBe(400);
    const unknown = await patchTask(task.id, { titel: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toContainEqual({ path: 'titel', message: 'Unknown field "titel"' });
    expect((await patchTask(task.id, { title: null })).status).toBe(400);
    expect((await patchTask(task.id, { status: null })).status).toBe(400);
    expect((await patchTask(task.id, { deal_id: toPublicId('deal', 999_999) })).status).toBe(422);
    expect((await patchTask(task.id, { assignee_id: toPublicId('user', 999_999) })).status).toBe(422);
    expect((await getTask(task.id)).json.data).toEqual(task);
  });

  it('deletes a task for good', async () => {
    const task = await createTask({ title: 'Gone soon' });
    const answer = await deleteTask(task.id, repKey);
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    expect((await getTask(task.id)).status).toBe(404);
    expect(await db.task.count({ where: { id: fromPublicId('task', task.id)! } })).toBe(0);
  });

  it('hides the tasks of a deleted deal', async () => {
    const deal = await createDeal('Soon deleted');
    const task = await createTask({ deal_id: deal.publicId, title: 'On a deleted deal' });
    await db.deal.update({ where: { id: deal.id }, data: { deletedAt: new Date() } });
    expect((await getTask(task.id)).status).toBe(404);
    expect((await patchTask(task.id, { title: 'x' })).status).toBe(404);
    expect((await deleteTask(task.id)).status).toBe(404);
    expect(ids(await listTasks('?limit=200'))).not.toContain(task.id);
    expect((await listDealTasks(deal.publicId)).status).toBe(404);
  });
});

describe('tasks API: list', () => {
  it('lists oldest first by (created_at, id) and pages without repeats or gaps', async () => {
    const deal = await createDeal();
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await createTask({ deal_id: deal.publicId, title: `Task ${i}` }));
    const all = await listTasks(`?deal_id=${deal.publicId}`);
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual(made.map((t) => t.id));
    expect(all.json).toMatchObject({ has_more: false, next_cursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await listTasks(`?deal_id=${deal.publicId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(answer));
      cursor = answer.json.next_cursor;
      expect(answer.json.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(made.map((t) => t.id));
    expect(pages).toBe(3);
  });

  it('narrows by deal_id, status, priority and assignee_id', async () => {
    const deal = await createDeal();
    const other = await createDeal();
    const mine = await createTask({ deal_id: deal.publicId, title: 'Mine', priority: 'high' });
    const repTask = await createTask({ deal_id: deal.publicId, title: 'Rep', assignee_id: repId, priority: 'low' });
    const done = await createTask({ deal_id: deal.publicId, title: 'Done', status: 'completed' });
    const elsewhere = await createTask({ deal_id: other.publicId, title: 'Elsewhere' });

    const forDeal = `?deal_id=${deal.publicId}`;
    expect(ids(await listTasks(forDeal))).toEqual([mine.id, repTask.id, done.id]);
    expect(ids(await listTasks(`?deal_id=${other.publicId}`))).toEqual([elsewhere.id]);
    expect(ids(await listTasks(`${forDeal}&status=completed`))).toEqual([done.id]);
    expect(ids(await listTasks(`${forDeal}&status=pending`))).toEqual([mine.id, repTask.id]);
    expect(ids(await listTasks(`${forDeal}&priority=high`))).toEqual([mine.id]);
    expect(ids(await listTasks(`${forDeal}&assignee_id=${repId}`))).toEqual([repTask.id]);
    expect(ids(await listTasks(`${forDeal}&assignee_id=${managerId}&status=pending`))).toEqual([mine.id]);

    for (const [query, check] of [
      ['?status=completed&limit=200', (t: TaskJson) => t.status === 'completed'],
      ['?priority=low&limit=200', (t: TaskJson) => t.priority === 'low'],
      [`?assignee_id=${repId}&limit=200`, (t: TaskJson) => t.assignee_id === repId],
    ] as const) {
      const answer = await listTasks(query);
      expect(answer.json.data.length, query).toBeGreaterThan(0);
      expect(answer.json.data.every(check), query).toBe(true);
    }
  });

  it('narrows by due window (due_after ≤ due_at < due_before) and overdue', async () => {
    const deal = await createDeal();
    const now = Date.now();
    const pastDue = await createTask({ deal_id: deal.publicId, title: 'Past due', due_at: iso(now - 2 * DAY) });
    const pastDone = await createTask({ deal_id: deal.publicId, title: 'Past but done', due_at: iso(now - 3 * DAY), status: 'completed' });
    const soon = await createTask({ deal_id: deal.publicId, title: 'Soon', due_at: iso(now + DAY) });
    const later = await createTask({ deal_id: deal.publicId, title: 'Later', due_at: iso(now + 10 * DAY) });
    const undated = await createTask({ deal_id: deal.publicId, title: 'No due date' });
    const forDeal = `?deal_id=${deal.publicId}`;

    expect(ids(await listTasks(`${forDeal}&overdue=true`))).toEqual([pastDue.id]);
    expect(ids(await listTasks(`${forDeal}&overdue=false`))).toEqual([pastDone.id, soon.id, later.id, undated.id]);
    expect(ids(await listTasks(`${forDeal}&due_before=${iso(now)}`))).toEqual([pastDue.id, pastDone.id]);
    expect(ids(await listTasks(`${forDeal}&due_after=${iso(now)}`))).toEqual([soon.id, later.id]);
    expect(ids(await listTasks(`${forDeal}&due_after=${iso(now)}&due_before=${iso(now + 2 * DAY)}`))).toEqual([soon.id]);
    // the bounds: due_after includes the instant, due_before excludes it
    expect(ids(await listTasks(`${forDeal}&due_after=${soon.due_at}&due_before=${later.due_at}`))).toEqual([soon.id]);

    const overdueEverywhere = await listTasks('?overdue=true&limit=200');
    expect(overdueEverywhere.json.data.length).toBeGreaterThan(0);
    for (const task of overdueEverywhere.json.data as TaskJson[]) {
      expect(task.status).toBe('pending');
      expect(Date.parse(task.due_at as string)).toBeLessThan(Date.now());
    }
  });

  it('answers 400 for bad query parameters', async () => {
    for (const query of [
      '?limit=0',
      '?status=done',
      '?priority=urgent',
      '?overdue=yes',
      '?due_before=soon',
      '?due_after=2026-13-01',
      '?assignee_id=deal_abc',
      '?cursor=abc',
      '?overdo=true',
    ]) {
      const answer = await listTasks(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
    }
  });
});

describe('GET /api/v1/deals/:id/tasks', () => {
  it('lists the deal’s tasks in the shape of the reference document', async () => {
    const deal = await createDeal();
    await createTask({ title: 'Not on this deal' });
    const task = await createTask({ deal_id: deal.publicId, title: 'Send revised proposal', priority: 'high', due_at: '2026-03-20T17:00:00Z' });
    const answer = await listDealTasks(deal.publicId);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json).sort()).toEqual(['data', 'has_more', 'next_cursor']);
    expect(answer.json.has_more).toBe(false);
    expect(ids(answer)).toEqual([task.id]);
    const item = answer.json.data[0];
    // rex-deals-api.md "List tasks for a deal", plus number, deal_id, assignee_id, completed_at, created_by_id
    for (const field of ['id', 'title', 'priority', 'status', 'due_at', 'created_at', 'updated_at', 'number', 'deal_id', 'assignee_id', 'completed_at']) {
      expect(item, field).toHaveProperty(field);
    }
    expect(item).toMatchObject({
      id: expect.stringMatching(/^task_/),
      title: 'Send revised proposal',
      priority: 'high',
      status: 'pending',
      due_at: '2026-03-20T17:00:00Z',
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
      deal_id: deal.publicId,
      assignee_id: managerId,
      completed_at: null,
    });
  });

  it('pages and filters like GET /tasks', async () => {
    const deal = await createDeal();
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await createTask({ deal_id: deal.publicId, title: `#${i}`, status: i === 1 ? 'completed' : 'pending' }));
    const first = await listDealTasks(deal.publicId, '?limit=2');
    expect(ids(first)).toEqual([made[0]!.id, made[1]!.id]);
    const second = await listDealTasks(deal.publicId, `?limit=2&cursor=${first.json.next_cursor}`);
    expect(ids(second)).toEqual([made[2]!.id]);
    expect(second.json.has_more).toBe(false);
    expect(ids(await listDealTasks(deal.publicId, '?status=completed'))).toEqual([made[1]!.id]);
  });

  it('answers 404 for an unknown deal or an ID of another kind', async () => {
    const task = await createTask({ title: 'x' });
    for (const id of [toPublicId('deal', 999_999), task.id, 'deal_x']) {
      const answer = await listDealTasks(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
  });
});
