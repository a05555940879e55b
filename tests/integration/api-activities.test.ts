import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listActivitiesRoute, POST as createActivityRoute } from '@/app/api/v1/activities/route';
import { DELETE as deleteActivityRoute, GET as getActivityRoute, PATCH as patchActivityRoute } from '@/app/api/v1/activities/[id]/route';
import { GET as listDealActivitiesRoute } from '@/app/api/v1/deals/[id]/activities/route';
import { db } from '@/lib/db';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types handlers with untyped params; ours declare theirs ({ id })
type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

type ActivityJson = { id: string; deal_id: string | null; owner_id: string | null; [field: string]: unknown };

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

async function createActivity(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createActivityRoute, 'POST', '/api/v1/activities', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as ActivityJson;
}

const getActivity = (id: string, apiKey = key) => call(getActivityRoute, 'GET', `/api/v1/activities/${id}`, { key: apiKey, params: { id } });
const patchActivity = (id: string, body: unknown, apiKey = key) =>
  call(patchActivityRoute, 'PATCH', `/api/v1/activities/${id}`, { key: apiKey, params: { id }, body });
const deleteActivity = (id: string, apiKey = key) => call(deleteActivityRoute, 'DELETE', `/api/v1/activities/${id}`, { key: apiKey, params: { id } });
const listActivities = (query: string, apiKey = key) => call(listActivitiesRoute, 'GET', `/api/v1/activities${query}`, { key: apiKey });
const listDealActivities = (dealId: string, query = '', apiKey = key) =>
  call(listDealActivitiesRoute, 'GET', `/api/v1/deals/${dealId}/activities${query}`, { key: apiKey, params: { id: dealId } });

async function lastActivityAt(dealId: number): Promise<string | null> {
  const deal = await db.deal.findUniqueOrThrow({ where: { id: dealId }, select: { lastActivityAt: true } });
  return deal.lastActivityAt ? deal.lastActivityAt.toISOString().replace('.000Z', 'Z') : null;
}

function ids(answer: { json: { data: { id: string }[] } }): string[] {
  return answer.json.data.map((a) => a.id);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('activities API: authentication', () => {
  it('answers 401 without an API key', async () => {
    expect((await call(listActivitiesRoute, 'GET', '/api/v1/activities')).status).toBe(401);
    const create = await call(createActivityRoute, 'POST', '/api/v1/activities', { body: { type: 'call', subject: 'x' } });
    expect(create.status).toBe(401);
    expect(create.json.error.code).toBe('unauthorized');
    const deal = await createDeal();
    expect((await call(listDealActivitiesRoute, 'GET', `/api/v1/deals/${deal.publicId}/activities`, { params: { id: deal.publicId } })).status).toBe(401);
  });
});

describe('activities API: create and read', () => {
  it('logs a completed activity now, owned by the acting user, by default', async () => {
    const before = Date.now();
    const created = await createActivity({ type: 'call', subject: '  Intro call  ' }, repKey);
    expect(created).toEqual({
      id: expect.stringMatching(/^act_/),
      number: fromPublicId('activity', created.id),
      deal_id: null,
      type: 'call',
      status: 'completed',
      subject: 'Intro call',
      body: null,
      occurred_at: expect.stringMatching(ISO),
      owner_id: repId,
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    const occurred = Date.parse(created.occurred_at as string);
    expect(occurred).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(occurred).toBeLessThanOrEqual(Date.now());
    const read = await getActivity(created.id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ data: created });
  });

  it('keeps every field sent', async () => {
    const deal = await createDeal();
    const created = await createActivity({
      deal_id: deal.publicId,
      type: 'meeting',
      status: 'planned',
      subject: 'Demo',
      body: 'Bring the slides',
      occurred_at: '2026-03-15T14:30:00Z',
      owner_id: repId,
    });
    expect(created).toMatchObject({
      deal_id: deal.publicId,
      type: 'meeting',
      status: 'planned',
      subject: 'Demo',
      body: 'Bring the slides',
      occurred_at: '2026-03-15T14:30:00Z',
      owner_id: repId,
    });
    const nobody = await createActivity({ type: 'note', subject: 'Unowned', owner_id: null, occurred_at: '2026-01-02' });
    expect(nobody.owner_id).toBeNull();
    expect(nobody.occurred_at).toBe('2026-01-02T00:00:00Z');
  });

  it('answers 400 naming an unknown or bad field', async () => {
    const typo = await call(createActivityRoute, 'POST', '/api/v1/activities', { key, body: { type: 'call', subject: 'x', subjekt: 'y' } });
    expect(typo.status).toBe(400);
    expect(typo.json.error.code).toBe('validation_failed');
    expect(typo.json.error.details).toContainEqual({ path: 'subjekt', message: 'Unknown field "subjekt"' });

    const deal = await createDeal();
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: 'x' }, 'type'],
      [{ type: 'sms', subject: 'x' }, 'type'],
      [{ type: 'call' }, 'subject'],
      [{ type: 'call', subject: '' }, 'subject'],
      [{ type: 'call', subject: 'x', status: 'done' }, 'status'],
      [{ type: 'call', subject: 'x', occurred_at: 'yesterday' }, 'occurred_at'],
      [{ type: 'call', subject: 'x', deal_id: toPublicId('contact', deal.id) }, 'deal_id'],
      [{ type: 'call', subject: 'x', owner_id: deal.publicId }, 'owner_id'],
      [{ type: 'call', subject: 'x', body: 5 }, 'body'],
    ];
    for (const [body, path] of cases) {
      const answer = await call(createActivityRoute, 'POST', '/api/v1/activities', { key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('answers 422 for a deal or owner that does not exist, writing nothing', async () => {
    const count = await db.activity.count();
    const missingDeal = await call(createActivityRoute, 'POST', '/api/v1/activities', {
      key,
      body: { type: 'call', subject: 'x', deal_id: toPublicId('deal', 999_999) },
    });
    expect(missingDeal.status).toBe(422);
    expect(missingDeal.json.error.code).toBe('unprocessable');
    expect(missingDeal.json.error.details).toEqual([{ path: 'deal_id', message: 'No deal with this ID exists' }]);

    const deleted = await createDeal('Deleted');
    await db.deal.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    const deletedDeal = await call(createActivityRoute, 'POST', '/api/v1/activities', { key, body: { type: 'call', subject: 'x', deal_id: deleted.publicId } });
    expect(deletedDeal.status).toBe(422);

    const missingOwner = await call(createActivityRoute, 'POST', '/api/v1/activities', {
      key,
      body: { type: 'call', subject: 'x', owner_id: toPublicId('user', 999_999) },
    });
    expect(missingOwner.status).toBe(422);
    expect(missingOwner.json.error.details).toEqual([{ path: 'owner_id', message: 'No user with this ID exists' }]);
    expect(await db.activity.count()).toBe(count);
  });

  it('answers 404 for unknown IDs and IDs of another kind', async () => {
    const activity = await createActivity({ type: 'note', subject: 'Known' });
    const number = fromPublicId('activity', activity.id)!;
    for (const id of [toPublicId('activity', number + 10_000), toPublicId('task', number), toPublicId('deal', number), 'act_', 'nope']) {
      const answer = await getActivity(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
      expect((await patchActivity(id, { subject: 'x' })).status, id).toBe(404);
      expect((await deleteActivity(id)).status, id).toBe(404);
    }
  });

  it('replays a POST sent again with the same Idempotency-Key', async () => {
    const subject = `Idempotent ${Math.random()}`;
    const headers = { 'Idempotency-Key': `act-${subject}` };
    const first = await call(createActivityRoute, 'POST', '/api/v1/activities', { key, headers, body: { type: 'email', subject } });
    const second = await call(createActivityRoute, 'POST', '/api/v1/activities', { key, headers, body: { type: 'email', subject } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(await db.activity.count({ where: { subject } })).toBe(1);
  });
});

describe('activities API: update and delete', () => {
  it('changes only the fields sent; null clears deal, owner and body', async () => {
    const deal = await createDeal();
    const activity = await createActivity({
      deal_id: deal.publicId,
      type: 'call',
      subject: 'Call',
      body: 'notes',
      status: 'planned',
      occurred_at: '2026-02-01T10:00:00Z',
    });
    const changed = await patchActivity(activity.id, {
      type: 'meeting',
      subject: 'Meeting',
      status: 'completed',
      occurred_at: '2026-02-02T11:00:00Z',
      owner_id: repId,
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.data).toMatchObject({
      deal_id: deal.publicId,
      type: 'meeting',
      subject: 'Meeting',
      status: 'completed',
      body: 'notes',
      occurred_at: '2026-02-02T11:00:00Z',
      owner_id: repId,
    });
    const cleared = await patchActivity(activity.id, { deal_id: null, owner_id: null, body: null });
    expect(cleared.json.data).toMatchObject({ deal_id: null, owner_id: null, body: null, subject: 'Meeting' });
    expect((await getActivity(activity.id)).json.data).toEqual(cleared.json.data);
  });

  it('lets reps edit and delete any activity', async () => {
    const activity = await createActivity({ type: 'note', subject: 'Manager note' });
    expect((await patchActivity(activity.id, { subject: 'Edited by rep' }, repKey)).json.data.subject).toBe('Edited by rep');
    expect((await deleteActivity(activity.id, repKey)).status).toBe(204);
  });

  it('answers 400 for an empty or bad change and 422 for unknown references', async () => {
    const activity = await createActivity({ type: 'note', subject: 'Note' });
    expect((await patchActivity(activity.id, {})).status).toBe(400);
    const unknown = await patchActivity(activity.id, { typ: 'call' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toContainEqual({ path: 'typ', message: 'Unknown field "typ"' });
    expect((await patchActivity(activity.id, { subject: null })).status).toBe(400);
    expect((await patchActivity(activity.id, { occurred_at: null })).status).toBe(400);

    const missingDeal = await patchActivity(activity.id, { deal_id: toPublicId('deal', 999_999) });
    expect(missingDeal.status).toBe(422);
    expect(missingDeal.json.error.details[0].path).toBe('deal_id');
    const missingOwner = await patchActivity(activity.id, { owner_id: toPublicId('user', 999_999) });
    expect(missingOwner.status).toBe(422);
    expect(missingOwner.json.error.details[0].path).toBe('owner_id');
    expect((await getActivity(activity.id)).json.data).toEqual(activity);
  });

  it('deletes an activity for good', async () => {
    const activity = await createActivity({ type: 'email', subject: 'Gone soon' });
    const answer = await deleteActivity(activity.id);
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    expect((await getActivity(activity.id)).status).toBe(404);
    expect(await db.activity.count({ where: { id: fromPublicId('activity', activity.id)! } })).toBe(0);
  });

  it('hides the activities of a deleted deal', async () => {
    const deal = await createDeal('Soon deleted');
    const activity = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'On a deleted deal' });
    await db.deal.update({ where: { id: deal.id }, data: { deletedAt: new Date() } });
    expect((await getActivity(activity.id)).status).toBe(404);
    expect((await patchActivity(activity.id, { subject: 'x' })).status).toBe(404);
    expect((await deleteActivity(activity.id)).status).toBe(404);
    expect(ids(await listActivities(`?deal_id=${deal.publicId}`))).toEqual([]);
    expect(ids(await listActivities('?limit=200'))).not.toContain(activity.id);
    expect((await listDealActivities(deal.publicId)).status).toBe(404);
  });
});

describe("activities API: the deal's last_activity_at", () => {
  it('follows the latest completed activity through creates, updates and deletes', async () => {
    const deal = await createDeal();
    expect(await lastActivityAt(deal.id)).toBeNull();

    const call1 = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'First call', occurred_at: '2026-03-10T09:00:00Z' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-10T09:00:00Z');

    // planned and cancelled activities do not count, however late
    const planned = await createActivity({
      deal_id: deal.publicId,
      type: 'meeting',
      subject: 'Planned',
      status: 'planned',
      occurred_at: '2026-03-20T09:00:00Z',
    });
    await createActivity({ deal_id: deal.publicId, type: 'meeting', subject: 'Cancelled', status: 'cancelled', occurred_at: '2026-03-21T09:00:00Z' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-10T09:00:00Z');

    // an earlier completed activity does not move it back
    const early = await createActivity({ deal_id: deal.publicId, type: 'email', subject: 'Early email', occurred_at: '2026-03-01T09:00:00Z' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-10T09:00:00Z');

    // completing the planned one moves it forward; moving that one back in time moves it back
    await patchActivity(planned.id, { status: 'completed' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-20T09:00:00Z');
    await patchActivity(planned.id, { occurred_at: '2026-03-05T09:00:00Z' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-10T09:00:00Z');

    // cancelling the latest falls back to the next completed one
    await patchActivity(call1.id, { status: 'cancelled' });
    expect(await lastActivityAt(deal.id)).toBe('2026-03-05T09:00:00Z');

    // deleting falls back too, and to null when no completed activity is left
    await deleteActivity(planned.id);
    expect(await lastActivityAt(deal.id)).toBe('2026-03-01T09:00:00Z');
    await deleteActivity(early.id);
    expect(await lastActivityAt(deal.id)).toBeNull();
  });

  it('follows an activity moved to another deal or off its deal', async () => {
    const from = await createDeal('From');
    const to = await createDeal('To');
    const older = await createActivity({ deal_id: from.publicId, type: 'call', subject: 'Stays', occurred_at: '2026-01-01T08:00:00Z' });
    const moving = await createActivity({ deal_id: from.publicId, type: 'call', subject: 'Moves', occurred_at: '2026-02-01T08:00:00Z' });
    expect(older.status).toBe('completed');
    expect(await lastActivityAt(from.id)).toBe('2026-02-01T08:00:00Z');
    expect(await lastActivityAt(to.id)).toBeNull();

    await patchActivity(moving.id, { deal_id: to.publicId });
    expect(await lastActivityAt(from.id)).toBe('2026-01-01T08:00:00Z');
    expect(await lastActivityAt(to.id)).toBe('2026-02-01T08:00:00Z');

    await patchActivity(moving.id, { deal_id: null });
    expect(await lastActivityAt(to.id)).toBeNull();
  });

  it('gives the deal a new version (ETag) and updated_at when it changes', async () => {
    const deal = await createDeal();
    const before = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createActivity({ deal_id: deal.publicId, type: 'note', subject: 'Touch', occurred_at: '2026-04-01T00:00:00Z' });
    const after = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // a change that leaves last_activity_at as it was leaves the deal alone
    await createActivity({ deal_id: deal.publicId, type: 'note', subject: 'Planned', status: 'planned' });
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(after.version);
  });

  it('stays right when activities of one deal are logged at the same time', async () => {
    const deal = await createDeal('Busy');
    const times = [
      '2026-05-01T10:00:00Z',
      '2026-05-03T10:00:00Z',
      '2026-05-02T10:00:00Z',
      '2026-04-30T10:00:00Z',
      '2026-05-04T09:00:00Z',
      '2026-05-01T12:00:00Z',
    ];
    const answers = await Promise.all(
      times.map((occurred_at, i) =>
        call(createActivityRoute, 'POST', '/api/v1/activities', { key, body: { deal_id: deal.publicId, type: 'call', subject: `Parallel ${i}`, occurred_at } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(times.map(() => 201));
    expect(await lastActivityAt(deal.id)).toBe('2026-05-04T09:00:00Z');
  });
});

describe('activities API: list', () => {
  it('lists latest first by (occurred_at, id) and pages without repeats or gaps', async () => {
    const deal = await createDeal();
    const same = '2026-06-01T12:00:00Z';
    const a = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'A', occurred_at: '2026-06-03T12:00:00Z' });
    const b = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'B', occurred_at: same });
    const c = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'C', occurred_at: same });
    const d = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'D', occurred_at: '2026-06-02T12:00:00Z' });
    const e = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'E', occurred_at: '2026-05-01T12:00:00Z' });
    const expected = [a.id, d.id, c.id, b.id, e.id];

    const all = await listActivities(`?deal_id=${deal.publicId}`);
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual(expected);
    expect(all.json).toMatchObject({ has_more: false, next_cursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await listActivities(`?deal_id=${deal.publicId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(answer));
      cursor = answer.json.next_cursor;
      expect(answer.json.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    // a row deleted between pages is neither repeated nor makes the next page skip one
    const first = await listActivities(`?deal_id=${deal.publicId}&limit=2`);
    await deleteActivity(d.id);
    const next = await listActivities(`?deal_id=${deal.publicId}&limit=2&cursor=${first.json.next_cursor}`);
    expect(ids(next)).toEqual([c.id, b.id]);
  });

  it('narrows by deal_id, type, status and owner_id', async () => {
    const deal = await createDeal();
    const other = await createDeal();
    const call1 = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'Call' });
    const meeting = await createActivity({ deal_id: deal.publicId, type: 'meeting', subject: 'Meeting', status: 'planned' });
    const repNote = await createActivity({ deal_id: deal.publicId, type: 'note', subject: 'Rep note', status: 'cancelled' }, repKey);
    const elsewhere = await createActivity({ deal_id: other.publicId, type: 'call', subject: 'Elsewhere' });

    const forDeal = `?deal_id=${deal.publicId}`;
    expect(ids(await listActivities(forDeal)).sort()).toEqual([call1.id, meeting.id, repNote.id].sort());
    expect(ids(await listActivities(`?deal_id=${other.publicId}`))).toEqual([elsewhere.id]);
    expect(ids(await listActivities(`${forDeal}&type=call`))).toEqual([call1.id]);
    expect(ids(await listActivities(`${forDeal}&status=planned`))).toEqual([meeting.id]);
    expect(ids(await listActivities(`${forDeal}&status=cancelled`))).toEqual([repNote.id]);
    expect(ids(await listActivities(`${forDeal}&owner_id=${repId}`))).toEqual([repNote.id]);
    expect(ids(await listActivities(`${forDeal}&owner_id=${managerId}&type=meeting`))).toEqual([meeting.id]);
    expect(ids(await listActivities(`?deal_id=${toPublicId('deal', 999_999)}`))).toEqual([]);

    // without deal_id every answer matches the filter
    for (const [query, check] of [
      ['?type=call&limit=200', (x: ActivityJson) => x.type === 'call'],
      ['?status=planned&limit=200', (x: ActivityJson) => x.status === 'planned'],
      [`?owner_id=${repId}&limit=200`, (x: ActivityJson) => x.owner_id === repId],
    ] as const) {
      const answer = await listActivities(query);
      expect(answer.json.data.length, query).toBeGreaterThan(0);
      expect(answer.json.data.every(check), query).toBe(true);
    }
  });

  it('answers 400 for bad query parameters', async () => {
    for (const query of [
      '?limit=0',
      '?limit=500',
      '?type=sms',
      '?status=done',
      '?deal_id=cont_abc',
      '?owner_id=nope',
      '?cursor=%%%',
      '?sort=subject',
      '?dealid=x',
    ]) {
      const answer = await listActivities(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
    }
  });
});

describe('GET /api/v1/deals/:id/activities', () => {
  it('lists the deal’s activities in the shape of the reference document', async () => {
    const deal = await createDeal();
    await createActivity({ type: 'call', subject: 'Not on this deal' });
    const older = await createActivity({ deal_id: deal.publicId, type: 'call', subject: 'Intro', occurred_at: '2026-03-14T10:00:00Z' });
    const demo = await createActivity({
      deal_id: deal.publicId,
      type: 'meeting',
      subject: 'Demo call',
      occurred_at: '2026-03-15T14:30:00Z',
      body: 'Went well',
    });

    const answer = await listDealActivities(deal.publicId);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json).sort()).toEqual(['data', 'has_more', 'next_cursor']);
    expect(answer.json.has_more).toBe(false);
    expect(ids(answer)).toEqual([demo.id, older.id]);
    const item = answer.json.data[0];
    // rex-deals-api.md "List activities for a deal", plus number, deal_id, body and owner_id
    expect(Object.keys(item).sort()).toEqual(
      ['id', 'type', 'status', 'subject', 'occurred_at', 'created_at', 'updated_at', 'number', 'deal_id', 'body', 'owner_id'].sort(),
    );
    expect(item).toMatchObject({
      id: expect.stringMatching(/^act_/),
      type: 'meeting',
      status: 'completed',
      subject: 'Demo call',
      occurred_at: '2026-03-15T14:30:00Z',
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
      deal_id: deal.publicId,
      body: 'Went well',
      owner_id: managerId,
    });
  });

  it('pages and filters like GET /activities', async () => {
    const deal = await createDeal();
    const made = [];
    for (let i = 0; i < 3; i += 1)
      made.push(
        await createActivity({ deal_id: deal.publicId, type: i === 0 ? 'email' : 'call', subject: `#${i}`, occurred_at: `2026-07-0${i + 1}T00:00:00Z` }),
      );
    const first = await listDealActivities(deal.publicId, '?limit=2');
    expect(ids(first)).toEqual([made[2]!.id, made[1]!.id]);
    expect(first.json.has_more).toBe(true);
    const second = await listDealActivities(deal.publicId, `?limit=2&cursor=${first.json.next_cursor}`);
    expect(ids(second)).toEqual([made[0]!.id]);
    expect(ids(await listDealActivities(deal.publicId, '?type=email'))).toEqual([made[0]!.id]);
    const unknown = await listDealActivities(deal.publicId, `?deal_id=${deal.publicId}`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toContainEqual({ path: 'deal_id', message: 'Unknown field "deal_id"' });
  });

  it('answers 404 for an unknown deal or an ID of another kind', async () => {
    const deal = await createDeal();
    const activity = await createActivity({ type: 'note', subject: 'x' });
    for (const id of [toPublicId('deal', 999_999), activity.id, toPublicId('pipeline', deal.id), 'deal_x']) {
      const answer = await listDealActivities(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
  });
});
