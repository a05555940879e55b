import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listActivitiesRoute, POST as createActivityRoute } from '@/app/api/v1/activities/route';
import { PATCH as patchActivityRoute } from '@/app/api/v1/activities/[id]/route';
import { GET as listTasksRoute } from '@/app/api/v1/tasks/route';
import { db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { toPublicId } from '@/lib/ids';
import type { ServiceContext } from '@/lib/services/context';
import { createActivity } from '@/lib/services/activities/create-activity';
import { updateActivity } from '@/lib/services/activities/update-activity';
import { countDueWork } from '@/lib/services/work/count-due-work';
import { listWorkItems } from '@/lib/services/work/list-work-items';
import { DONE_IN_FUTURE_MESSAGE } from '@/lib/work/activity-done-rule';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// The "My work" inbox: the cross-deal list filters (assignee/owner `me`, status, due and occurred
// windows), the inbox's items and who may see them, the sidebar count, and the refusal of an
// activity done in the future.

type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

type User = Awaited<ReturnType<typeof createUserWithKey>>;
let manager: User;
let rep: User;
let other: User;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

const ctxOf = (u: User): ServiceContext => ({ user: u.user, source: 'ui' });

beforeAll(async () => {
  manager = await createUserWithKey('manager');
  rep = await createUserWithKey('rep');
  other = await createUserWithKey('rep');
  fixture = await createPipelineFixture();
});

async function createDeal(name: string, companyName?: string) {
  const company = companyName ? await db.company.create({ data: { name: companyName } }) : null;
  return db.deal.create({ data: { name, pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id, companyId: company?.id ?? null } });
}

function ids(answer: { json: { data: { id: string }[] } }): string[] {
  return answer.json.data.map((row) => row.id);
}

describe('GET /api/v1/tasks and /activities: cross-deal filters', () => {
  it('narrows tasks to the caller with assignee_id=me, by status and due window', async () => {
    const dealA = await createDeal('Filters A');
    const dealB = await createDeal('Filters B');
    const now = Date.now();
    const mine = await db.task.create({ data: { title: 'Mine soon', dealId: dealA.id, assigneeId: rep.user.id, dueAt: new Date(now + DAY) } });
    const mineLater = await db.task.create({ data: { title: 'Mine later', dealId: dealB.id, assigneeId: rep.user.id, dueAt: new Date(now + 10 * DAY) } });
    const mineDone = await db.task.create({ data: { title: 'Mine done', dealId: dealB.id, assigneeId: rep.user.id, status: 'completed' } });
    await db.task.create({ data: { title: 'Theirs', dealId: dealA.id, assigneeId: other.user.id, dueAt: new Date(now + DAY) } });

    const all = await call(listTasksRoute, 'GET', '/api/v1/tasks?assignee_id=me&limit=100', { key: rep.key });
    expect(all.status).toBe(200);
    expect(ids(all).sort()).toEqual([mine, mineLater, mineDone].map((t) => toPublicId('task', t.id)).sort());

    const pendingSoon = await call(
      listTasksRoute,
      'GET',
      `/api/v1/tasks?assignee_id=me&status=pending&due_before=${iso(now + 2 * DAY)}&due_after=${iso(now)}`,
      {
        key: rep.key,
      },
    );
    expect(ids(pendingSoon)).toEqual([toPublicId('task', mine.id)]);

    // `me` is whoever asks
    const managers = await call(listTasksRoute, 'GET', '/api/v1/tasks?assignee_id=me', { key: manager.key });
    expect(ids(managers)).not.toContain(toPublicId('task', mine.id));

    const bad = await call(listTasksRoute, 'GET', '/api/v1/tasks?assignee_id=someone', { key: rep.key });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toContainEqual({ path: 'assignee_id', message: 'Must be a user ID (user_…) or me' });
  });

  it('narrows activities to the caller with owner_id=me, by status and occurred window', async () => {
    const deal = await createDeal('Activity filters');
    const now = Date.now();
    const planned = await db.activity.create({
      data: { dealId: deal.id, type: 'call', subject: 'Planned call', status: 'planned', occurredAt: new Date(now + 2 * DAY), ownerId: rep.user.id },
    });
    const plannedLater = await db.activity.create({
      data: { dealId: deal.id, type: 'meeting', subject: 'Later meeting', status: 'planned', occurredAt: new Date(now + 20 * DAY), ownerId: rep.user.id },
    });
    const done = await db.activity.create({
      data: { dealId: deal.id, type: 'email', subject: 'Sent', status: 'completed', occurredAt: new Date(now - DAY), ownerId: rep.user.id },
    });
    await db.activity.create({
      data: { dealId: deal.id, type: 'call', subject: 'Their call', status: 'planned', occurredAt: new Date(now + 2 * DAY), ownerId: other.user.id },
    });

    const mine = await call(listActivitiesRoute, 'GET', '/api/v1/activities?owner_id=me', { key: rep.key });
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual([plannedLater, planned, done].map((a) => toPublicId('activity', a.id)));

    const window = await call(
      listActivitiesRoute,
      'GET',
      `/api/v1/activities?owner_id=me&status=planned&occurred_after=${iso(now)}&occurred_before=${iso(now + 7 * DAY)}`,
      { key: rep.key },
    );
    expect(ids(window)).toEqual([toPublicId('activity', planned.id)]);

    const bad = await call(listActivitiesRoute, 'GET', '/api/v1/activities?occurred_before=soon', { key: rep.key });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain('occurred_before');
  });
});

describe('an activity done in the future', () => {
  it('is refused on create with a 422 and a JSON body, writing nothing', async () => {
    const deal = await createDeal('Future create');
    const before = await db.activity.count();
    const answer = await call(createActivityRoute, 'POST', '/api/v1/activities', {
      key: rep.key,
      body: { deal_id: toPublicId('deal', deal.id), type: 'call', subject: 'Not yet', status: 'completed', occurred_at: iso(Date.now() + DAY) },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({
      code: 'unprocessable',
      message: DONE_IN_FUTURE_MESSAGE,
      details: [{ path: 'occurred_at', message: DONE_IN_FUTURE_MESSAGE }],
    });
    expect(await db.activity.count()).toBe(before);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).lastActivityAt).toBeNull();

    // planned in the future is what planning is; done now is fine
    const planned = await call(createActivityRoute, 'POST', '/api/v1/activities', {
      key: rep.key,
      body: { deal_id: toPublicId('deal', deal.id), type: 'call', subject: 'Planned', status: 'planned', occurred_at: iso(Date.now() + DAY) },
    });
    expect(planned.status).toBe(201);
  });

  it('is refused when a planned activity is marked done without moving it to now (API and service)', async () => {
    const deal = await createDeal('Future update');
    const planned = await db.activity.create({
      data: { dealId: deal.id, type: 'meeting', subject: 'Next week', status: 'planned', occurredAt: new Date(Date.now() + 7 * DAY), ownerId: rep.user.id },
    });
    const id = toPublicId('activity', planned.id);
    const refused = await call(patchActivityRoute, 'PATCH', `/api/v1/activities/${id}`, { key: rep.key, params: { id }, body: { status: 'completed' } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([{ path: 'occurred_at', message: DONE_IN_FUTURE_MESSAGE }]);
    expect((await db.activity.findUniqueOrThrow({ where: { id: planned.id } })).status).toBe('planned');

    const serviceError = await updateActivity({ ctx: ctxOf(rep), input: { activityId: planned.id, changes: { status: 'completed' } } }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(serviceError) && serviceError.code).toBe('unprocessable');
    const created = await createActivity({
      ctx: ctxOf(rep),
      input: { type: 'note', subject: 'Future note', status: 'completed', occurred_at: new Date(Date.now() + HOUR) },
    }).catch((e: unknown) => e);
    expect(isAppError(created) && created.code).toBe('unprocessable');

    const now = new Date();
    const done = await call(patchActivityRoute, 'PATCH', `/api/v1/activities/${id}`, {
      key: rep.key,
      params: { id },
      body: { status: 'completed', occurred_at: now.toISOString() },
    });
    expect(done.status).toBe(200);
    expect(done.json.data.status).toBe('completed');
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).lastActivityAt?.getTime()).toBe(Math.floor(now.getTime()));

    // moving a done activity into the future is refused too
    const moved = await call(patchActivityRoute, 'PATCH', `/api/v1/activities/${id}`, {
      key: rep.key,
      params: { id },
      body: { occurred_at: iso(Date.now() + DAY) },
    });
    expect(moved.status).toBe(422);
  });
});

describe('the inbox (listWorkItems) and the sidebar count (countDueWork)', () => {
  it("lists a person's open tasks and planned activities across deals, soonest first, with deal and company", async () => {
    const person = await createUserWithKey('rep');
    const acme = await createDeal('Acme renewal', 'Acme Inc');
    const globex = await createDeal('Globex pilot');
    const gone = await createDeal('Deleted deal');
    const now = Date.now();
    await db.task.create({ data: { title: 'Send quote', dealId: acme.id, assigneeId: person.user.id, dueAt: new Date(now - DAY), priority: 'high' } });
    await db.task.create({ data: { title: 'Undated', dealId: globex.id, assigneeId: person.user.id } });
    await db.task.create({ data: { title: 'Done already', dealId: globex.id, assigneeId: person.user.id, status: 'completed' } });
    await db.task.create({ data: { title: 'On a deleted deal', dealId: gone.id, assigneeId: person.user.id, dueAt: new Date(now) } });
    await db.task.create({ data: { title: 'Someone else’s', dealId: acme.id, assigneeId: other.user.id, dueAt: new Date(now) } });
    await db.activity.create({
      data: { dealId: globex.id, type: 'call', subject: 'Kick-off call', status: 'planned', occurredAt: new Date(now + 3 * DAY), ownerId: person.user.id },
    });
    await db.activity.create({
      data: { dealId: globex.id, type: 'note', subject: 'Logged', status: 'completed', occurredAt: new Date(now - HOUR), ownerId: person.user.id },
    });
    await db.deal.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });

    const { items, truncated } = await listWorkItems({ ctx: ctxOf(person), input: { whose: person.user.id } });
    expect(truncated).toBe(false);
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['task', 'Send quote'],
      ['activity', 'Kick-off call'],
      ['task', 'Undated'],
    ]);
    expect(items[0]).toMatchObject({
      priority: 'high',
      assignee: { id: person.publicId, name: person.user.name },
      deal: { id: toPublicId('deal', acme.id), name: 'Acme renewal' },
      company: { name: 'Acme Inc' },
    });
    expect(items[1]).toMatchObject({ activityType: 'call', company: null, deal: { name: 'Globex pilot' } });

    // the sidebar: overdue or due before the start of tomorrow (here: the next 2 days), deleted deals left out
    expect(await countDueWork({ ctx: ctxOf(person), input: { dueBefore: new Date(now + 2 * DAY) } })).toBe(1);
    expect(await countDueWork({ ctx: ctxOf(person), input: { dueBefore: new Date(now + 4 * DAY) } })).toBe(2);
  });

  it("lets managers see anyone's or the team's work and refuses a rep someone else's", async () => {
    const deal = await createDeal('Visibility');
    await db.task.create({ data: { title: 'Rep task', dealId: deal.id, assigneeId: rep.user.id } });
    await db.task.create({ data: { title: 'Unassigned task', dealId: deal.id } });

    const asManager = await listWorkItems({ ctx: ctxOf(manager), input: { whose: rep.user.id } });
    expect(asManager.items.map((i) => i.title)).toContain('Rep task');
    const team = await listWorkItems({ ctx: ctxOf(manager), input: { whose: 'team' } });
    expect(team.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Rep task', 'Unassigned task']));

    for (const whose of [manager.user.id, 'team'] as const) {
      const refused = await listWorkItems({ ctx: ctxOf(rep), input: { whose } }).catch((e: unknown) => e);
      expect(isAppError(refused) && refused.code).toBe('forbidden');
    }
    const unknown = await listWorkItems({ ctx: ctxOf(manager), input: { whose: 999_999 } }).catch((e: unknown) => e);
    expect(isAppError(unknown) && unknown.code).toBe('not_found');
  });
});
